//! Demo content for the forum on the current (2026) process: two public ideas still being
//! weighed, one draft action point and a comment on it, so the forum home (`/forum`) of a demo
//! member has something open for comment. Dated in the days before the demo was loaded.

use super::ideas::{DemoIdeaText, public_idea};
use super::{DemoError, invalid};
use chrono::{DateTime, Duration, Utc};
use inspraak_domain::ideas::{IdeaStatus, NewActionPoint, RawActionPoint};
use inspraak_domain::{Email, UserId};
use inspraak_store::ideas::forum::{self, CommentSubject};
use inspraak_store::ideas::{self, action_points};
use inspraak_store::{ConnectionTrait, process, users};

/// (theme name, title, text, name)
const IDEAS: [(&str, &str, &str, &str); 2] = [
    (
        "Open Informatie",
        "Een vaste plek voor alle adviezen aan de overheid",
        "Adviesraden schrijven veel goede stukken, maar ik vind ze nooit terug. Zet ze op één plek, met de reactie van het ministerie erbij.",
        "Sanne",
    ),
    (
        "Open Communicatie",
        "Leg besluiten uit in gewone taal",
        "Zet bij elk besluit een korte uitleg in gewone taal: wat is er besloten, waarom, en wat betekent het voor mij?",
        "",
    ),
];

async fn user_id(conn: &impl ConnectionTrait, email: &str) -> Result<UserId, DemoError> {
    users::credentials_by_email(conn, &Email::parse(email).map_err(invalid)?)
        .await?
        .map(|c| c.user.id)
        .ok_or_else(|| DemoError::Invalid(format!("demo account {email} missing")))
}

/// Runs after `ideas::load`, which makes the organiser and the forum members.
pub async fn load(conn: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), DemoError> {
    let process = process::find_by_slug(conn, "actieplan-open-overheid-2026")
        .await?
        .ok_or_else(|| DemoError::Invalid("current process missing".into()))?;
    let themes = process::themes(conn, process.id).await?;
    let theme_id = |name: &str| {
        themes
            .iter()
            .find(|t| t.name.main.as_str() == name)
            .map(|t| t.id.to_string())
            .ok_or_else(|| DemoError::Invalid(format!("theme {name} missing")))
    };
    let ids: Vec<_> = themes.iter().map(|t| t.id).collect();
    let organiser = user_id(conn, super::ORGANISER_EMAIL).await?;
    let anna = user_id(conn, "anna.forum@example.org").await?;

    for (n, (theme, title, body, name)) in IDEAS.into_iter().enumerate() {
        let created = now - Duration::days(10 - 3 * n as i64);
        let idea = DemoIdeaText {
            key: format!("demo-idea-2026-{n:08}"),
            theme: theme_id(theme)?,
            title,
            body,
            name,
        };
        let id = public_idea(conn, process.id, &ids, &idea, organiser, created).await?;
        if n == 0 {
            let status = IdeaStatus::UnderConsideration;
            ideas::set_status(conn, process.id, id, status, None, None, created).await?;
        }
    }

    let raw = RawActionPoint {
        theme: &theme_id("Open Informatie")?,
        title: "Adviezen en reacties vindbaar op één plek (concept)",
        description: "Eerste opzet: adviesraden en ministeries publiceren adviezen en de reactie erop op één website, doorzoekbaar per onderwerp. Het forum denkt mee over wat erin moet staan.",
        holder: "Ministerie van BZK",
        partners: "",
        status: "draft",
        findings: "",
        title_translation: "Advice and responses findable in one place (draft)",
        description_translation: "First outline: advisory councils and ministries publish advice and the response to it on one website, searchable by subject. The forum thinks along about what it should contain.",
        findings_translation: "",
    };
    let new = NewActionPoint::parse(&raw, &ids).map_err(invalid)?;
    let written = now - Duration::days(4);
    let point = action_points::insert(conn, process.id, &new, None, written).await?;
    forum::add_comment(
        conn,
        CommentSubject::ActionPoint(point),
        None,
        anna,
        "Goed begin. Neem ook de adviezen van gemeentelijke adviesraden mee, niet alleen de landelijke.",
        now - Duration::days(2),
    )
    .await?;
    Ok(())
}
