//! Followers of a process ("Volg dit proces"): the signed links in their mails and the mail about
//! each new publication, queued in the caller's transaction. Shared by the publication pages,
//! the organiser flows that publish (outcomes, action point updates) and the weekly digest
//! (`follower_digest`).

use crate::ctx::Ctx;
use crate::i18n::{fill, publications as texts};
use crate::state::AppState;
use inspraak_domain::Email;
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::process::Process;
use inspraak_store::publications::{self, Subscription};
use inspraak_store::{ConnectionTrait, StoreResult};

fn link_value(subscription: &Subscription) -> String {
    format!("{}:{}", subscription.id, subscription.email)
}

/// The signed part of a subscription's links; a new subscription (new id) gets new links.
pub fn link_mac(state: &AppState, purpose: &str, subscription: &Subscription) -> String {
    state.keys.hash(purpose, &link_value(subscription))
}

pub fn verify_mac(state: &AppState, purpose: &str, subscription: &Subscription, mac: &str) -> bool {
    state.keys.verify(purpose, &link_value(subscription), mac)
}

/// The language a follower subscribed in (Dutch for rows from before it was stored).
pub fn follower_lang(subscription: &Subscription) -> crate::i18n::Lang {
    crate::i18n::Lang::parse(&subscription.language).unwrap_or_default()
}

pub const CONFIRM: &str = "follow-confirm";
pub const UNSUBSCRIBE: &str = "follow-unsubscribe";

pub fn confirm_url(state: &AppState, subscription: &Subscription) -> String {
    format!(
        "{}/volgen/{}/{}/bevestigen",
        state.settings.base_url,
        subscription.id,
        link_mac(state, CONFIRM, subscription)
    )
}

pub fn unsubscribe_url(state: &AppState, subscription: &Subscription) -> String {
    format!(
        "{}/volgen/{}/{}/afmelden",
        state.settings.base_url,
        subscription.id,
        link_mac(state, UNSUBSCRIBE, subscription)
    )
}

/// A new publication of a process, as mailed to its followers.
pub struct Publication<'a> {
    /// Unique per publication, e.g. `report:12`: with the subscription it makes the outbox's
    /// dedupe key, so each follower gets each publication once, however often this runs.
    pub key: String,
    pub title: &'a str,
    /// Absolute address of the publication.
    pub link: String,
}

/// A new or corrected progress update of an action point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateNews {
    New,
    /// An organiser corrected it at this time: mailed again, marked "gecorrigeerd".
    Corrected(chrono::DateTime<chrono::Utc>),
}

/// Tells followers of the process about a new (or corrected) progress update of a (non-draft)
/// action point, in the caller's transaction, with the point's title in each follower's
/// language. Weekly followers get it in their digest through the timeline.
pub async fn notify_action_point_update(
    conn: &impl ConnectionTrait,
    ctx: &Ctx,
    point: &inspraak_store::ideas::action_points::ActionPoint,
    update_id: i64,
    news: UpdateNews,
) -> StoreResult<usize> {
    if point.status == inspraak_domain::ideas::ActionPointStatus::Draft {
        return Ok(0);
    }
    let Some(process) = inspraak_store::process::find(conn, point.process_id).await? else {
        return Ok(0);
    };
    if !process.status.is_public() {
        return Ok(0);
    }
    let key = match news {
        UpdateNews::New => format!("action-point-update:{update_id}"),
        UpdateNews::Corrected(at) => format!(
            "action-point-correction:{update_id}:{}",
            at.timestamp_millis()
        ),
    };
    let link = format!(
        "{}/processen/{}/actiepunten/{}#voortgang-{update_id}",
        ctx.state.settings.base_url, process.slug, point.id
    );
    let content = crate::i18n::Lang::from(ctx.state.settings.content_language);
    let title_for = |lang: crate::i18n::Lang| {
        let (title, _) = point.title.pick(lang != content);
        match news {
            UpdateNews::New => title.to_owned(),
            UpdateNews::Corrected(_) => fill(
                crate::i18n::action_plan::texts(lang).corrected,
                &[("title", title)],
            ),
        }
    };
    notify_each(conn, ctx, &process, (&key, &link), title_for).await
}

/// Queues a mail about `publication` to every confirmed follower who wants mail at once, in the
/// caller's transaction. Returns how many mails were newly queued.
pub async fn notify(
    conn: &impl ConnectionTrait,
    ctx: &Ctx,
    process: &Process,
    publication: &Publication<'_>,
) -> StoreResult<usize> {
    let title_for = |_| publication.title.to_owned();
    let place = (publication.key.as_str(), publication.link.as_str());
    notify_each(conn, ctx, process, place, title_for).await
}

/// As `notify`, with the publication's title made per follower's language.
async fn notify_each(
    conn: &impl ConnectionTrait,
    ctx: &Ctx,
    process: &Process,
    (key, link): (&str, &str),
    title_for: impl Fn(crate::i18n::Lang) -> String,
) -> StoreResult<usize> {
    let mut queued = 0;
    for subscription in publications::confirmed_immediate(conn, process.id).await? {
        // In the language the follower subscribed in.
        let lang = follower_lang(&subscription);
        let t = texts::texts(lang);
        let item = title_for(lang);
        let other = crate::i18n::Lang::from(ctx.state.settings.content_language) != lang;
        let (process_title, _) = process.title.pick(other);
        let Ok(recipient) = Email::parse(&subscription.email) else {
            continue;
        };
        let unsubscribe = unsubscribe_url(&ctx.state, &subscription);
        let mail = NewMail {
            recipient,
            subject: fill(
                t.mail_publication_subject,
                &[("title", process_title), ("item", &item)],
            ),
            body_text: format!(
                "{}\n{}",
                fill(
                    t.mail_publication_body,
                    &[
                        ("title", process_title),
                        ("item", &item),
                        ("link", link),
                        ("unsubscribe", &unsubscribe),
                    ],
                ),
                crate::follower_digest::erase_lines(conn, &ctx.state, &subscription, ctx.now)
                    .await?
            ),
            attachment: None,
            dedupe_key: Some(format!("publication:{key}:{}", subscription.id)),
        };
        if let Some(id) = outbox::enqueue(conn, &mail, ctx.now).await? {
            outbox::set_list_unsubscribe(conn, id, &unsubscribe).await?;
            queued += 1;
        }
    }
    Ok(queued)
}
