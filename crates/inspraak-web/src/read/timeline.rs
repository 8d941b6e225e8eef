//! A process's timeline: one merge of what it published, newest first — progress reports,
//! published session reports, documents of the process, progress updates of action points that
//! are not drafts, and published consultation outcomes. Nothing is listed that is not really
//! published. Read by the "Volg de voortgang" page, the Atom feeds and the weekly follower digest.

use chrono::{DateTime, NaiveDate, Utc};
use inspraak_domain::Translated;
use inspraak_domain::ideas::ActionPointStatus;
use inspraak_store::process::Process;
use inspraak_store::{
    ConnectionTrait, StoreResult, consultation, ideas, outcomes, publications, session,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    Report,
    SessionReport,
    Document,
    /// A progress update of a published action point.
    ActionPointUpdate,
    /// A published consultation outcome.
    Outcome,
}

impl ItemKind {
    /// Plain text (shown as typed) rather than the reports' light markup.
    pub fn plain_body(self) -> bool {
        matches!(self, ItemKind::Document | ItemKind::ActionPointUpdate)
    }
}

/// One entry of the timeline and the feeds.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: ItemKind,
    pub date: NaiveDate,
    /// When it went online (the feed's `updated`).
    pub published: DateTime<Utc>,
    pub title: Translated,
    /// Path on this site, e.g. `/documenten/3`.
    pub path: String,
    /// The feed entry's id (after the base URL): unique per item and never changing, as feed
    /// readers drop an entry whose id they have seen. The path, except for progress updates,
    /// which share their action point's path.
    pub feed_id: String,
    /// Light markup of the organiser (reports), or a plain description.
    pub body: Option<Translated>,
    pub anchor: String,
    /// Documents attached to a progress report.
    pub attachments: Vec<publications::Document>,
}

/// Everything a process published, newest first.
pub async fn items(conn: &impl ConnectionTrait, process: &Process) -> StoreResult<Vec<Item>> {
    let mut items = Vec::new();
    for report in publications::reports_for_process(conn, process.id).await? {
        let anchor = format!("rapportage-{}", report.id);
        let owner = publications::Owner::Report(report.id);
        let attachments = publications::documents_of(conn, owner).await?;
        items.push(Item {
            attachments,
            kind: ItemKind::Report,
            date: report.date,
            published: report.published_at.unwrap_or_default(),
            title: report.title,
            path: format!("/processen/{}/voortgang#{anchor}", process.slug),
            feed_id: format!("/processen/{}/voortgang#{anchor}", process.slug),
            body: Some(report.body),
            anchor,
        });
    }
    for session in session::list_for_process(conn, process.id).await? {
        let (Some(at), Some(report)) = (session.report_published_at, session.published_report())
        else {
            continue;
        };
        items.push(Item {
            kind: ItemKind::SessionReport,
            date: inspraak_domain::time::local_date(at),
            published: at,
            title: session.title.clone(),
            path: format!("/bijeenkomsten/{}", session.id),
            feed_id: format!("/bijeenkomsten/{}", session.id),
            body: Some(report.clone()),
            anchor: format!("verslag-{}", session.id),
            attachments: Vec::new(),
        });
    }
    for document in publications::documents_for_process(conn, process.id).await? {
        items.push(Item {
            kind: ItemKind::Document,
            date: document.date,
            published: document.created_at,
            title: document.title,
            path: format!("/documenten/{}", document.id),
            feed_id: format!("/documenten/{}", document.id),
            body: (!document.description.main.is_empty()).then_some(document.description),
            anchor: format!("document-{}", document.id),
            attachments: Vec::new(),
        });
    }
    for point in ideas::action_points::list_for_process(conn, process.id).await? {
        if point.status == ActionPointStatus::Draft {
            continue;
        }
        let path = format!("/processen/{}/actiepunten/{}", process.slug, point.id);
        for update in ideas::action_points::updates(conn, point.id).await? {
            items.push(Item {
                kind: ItemKind::ActionPointUpdate,
                date: update.on,
                // A corrected update counts from its correction (feeds' `updated`, the digest).
                published: update.edited_at.unwrap_or(update.created_at),
                title: point.title.clone(),
                path: path.clone(),
                feed_id: format!("{path}#actiepunt-voortgang-{}", update.id),
                body: Some(update.body),
                anchor: format!("actiepunt-voortgang-{}", update.id),
                attachments: Vec::new(),
            });
        }
    }
    for id in outcomes::published_for_process(conn, process.id).await? {
        let (Some(consultation), Some(at)) = (
            consultation::find(conn, id).await?,
            outcomes::state(conn, id).await?.published_at,
        ) else {
            continue;
        };
        items.push(Item {
            kind: ItemKind::Outcome,
            date: inspraak_domain::time::local_date(at),
            published: at,
            title: consultation.title,
            path: format!("/processen/{}/uitkomsten/{}", process.slug, id),
            feed_id: format!("/processen/{}/uitkomsten/{}", process.slug, id),
            body: None,
            anchor: format!("uitkomst-{id}"),
            attachments: Vec::new(),
        });
    }
    items.sort_by_key(|item| std::cmp::Reverse((item.date, item.published)));
    Ok(items)
}
