//! Demo ideas, action points and forum comments for the archived 2020-2022 process: action
//! points with the holders and partners of the earlier plan (seed 004), dated progress updates
//! on the update dates of seed 003, ideas whose status links to them, and two forum members
//! (same demo password as the organiser) who comment.

use super::{DemoError, invalid};
use chrono::{DateTime, Duration, Utc};
use inspraak_domain::consultation::IdempotencyKey;
use inspraak_domain::ideas::{
    IdeaStatus, Moderation, NewActionPoint, NewIdea, NewPlanIntroduction, NewProgressUpdate,
    RawActionPoint, RawIdea, Visibility,
};
use inspraak_domain::{ActionPointId, Email, IdeaId, ProcessId, Role, ThemeId, UserId};
use inspraak_store::ideas::forum::{self, CommentSubject};
use inspraak_store::ideas::{self, SubmitOutcome, action_plan, action_points};
use inspraak_store::{ConnectionTrait, process, users};

/// An action point of the earlier plan, with the English of its title and description.
struct DemoPoint {
    theme: &'static str,
    title: &'static str,
    title_en: &'static str,
    description: &'static str,
    description_en: &'static str,
    holder: &'static str,
    partners: &'static str,
}

const POINTS: [DemoPoint; 5] = [
    DemoPoint {
        theme: "open-democratie",
        title: "Open besluitvorming bij gemeenten en provincies",
        title_en: "Open decision-making in municipalities and provinces",
        description: "Provincies en gemeenten maken hun raads- en stateninformatie via één standaard beschikbaar, zodat anderen er toepassingen mee kunnen bouwen.",
        description_en: "Provinces and municipalities publish their council information through one standard, so that others can build applications with it.",
        holder: "Provincie Zuid-Holland en VNG",
        partners: "Open State Foundation (OSF) en overige provincies",
    },
    DemoPoint {
        theme: "open-democratie",
        title: "Transparantie financiën decentrale politieke partijen",
        title_en: "Transparent finances of local political parties",
        description: "Meer zicht op het geld van lokale en provinciale politieke partijen, voor meer vertrouwen in de democratie.",
        description_en: "More insight into the money of local and provincial political parties, for more trust in democracy.",
        holder: "Ministerie van BZK",
        partners: "Diverse landelijke en lokale partijen",
    },
    DemoPoint {
        theme: "open-informatie",
        title: "Open Wob",
        title_en: "Open Wob (freedom of information)",
        description: "Overheden publiceren Wob-verzoeken en -besluiten doorzoekbaar en volgens een standaard, met een dashboard.",
        description_en: "Governments publish freedom of information requests and decisions in a searchable way and by one standard, with a dashboard.",
        holder: "Provincie Noord-Holland",
        partners: "VNG en OSF",
    },
    DemoPoint {
        theme: "open-technologie",
        title: "Open Algoritmen",
        title_en: "Open Algorithms",
        description: "Handreikingen voor de afwegingen bij het openbaar maken van algoritmen.",
        description_en: "Guidance on the choices to make when publishing algorithms.",
        holder: "Rijkswaterstaat",
        partners: "VNG",
    },
    DemoPoint {
        theme: "open-communicatie",
        title: "Project Dilemmalogica",
        title_en: "Project Dilemma Logic",
        description: "Ministeries laten zien welke dilemma’s en afwegingen achter hun beleid zitten, in brieven, nota’s en gesprekken.",
        description_en: "Ministries show the dilemmas and choices behind their policies, in letters, memos and conversations.",
        holder: "Voorlichtingsraad en Ministerie van Algemene Zaken (AZ)",
        partners: "",
    },
];

/// (action point index, date as in seed 003, text, its English)
const UPDATES: [(usize, &str, &str, &str); 7] = [
    (
        0,
        "2021-04-14",
        "Een kopgroep van provincies is gestart met het vrijgeven van stateninformatie.",
        "A leading group of provinces has started releasing their council information.",
    ),
    (
        2,
        "2021-07-05",
        "Tien overheden publiceren Wob-besluiten nu volgens de standaard.",
        "Ten governments now publish their freedom of information decisions by the standard.",
    ),
    (
        3,
        "2021-09-14",
        "Een eerste handreiking voor het openbaar maken van algoritmen is besproken met gemeenten.",
        "A first guide to publishing algorithms has been discussed with municipalities.",
    ),
    (
        1,
        "2021-12-06",
        "De verkenning naar de financiering van lokale partijen is afgerond.",
        "The study into the funding of local parties is finished.",
    ),
    (
        4,
        "2022-02-21",
        "De eerste workshops Dilemmalogica zijn gegeven bij twee ministeries.",
        "The first Dilemma Logic workshops were held at two ministries.",
    ),
    (
        0,
        "2022-06-30",
        "Het plan voor opschaling naar alle provincies ligt klaar.",
        "The plan to scale up to all provinces is ready.",
    ),
    (
        2,
        "2022-12-20",
        "Het advies over opschaling van Open Wob is aangeboden.",
        "The advice on scaling up Open Wob has been presented.",
    ),
];

/// (theme slug, title, text, name, status, action point index)
type DemoIdea = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    IdeaStatus,
    Option<usize>,
);

const IDEAS: [DemoIdea; 4] = [
    (
        "open-informatie",
        "Zet alle Wob-besluiten op één plek",
        "Ik zoek vaak een Wob-besluit en kan het niet vinden. Zet ze allemaal op één website, doorzoekbaar.",
        "Fatima",
        IdeaStatus::Included,
        Some(2),
    ),
    (
        "open-democratie",
        "Raadsstukken als open data",
        "Maak raadsstukken van alle gemeenten beschikbaar als open data, dan kunnen journalisten en inwoners ze beter volgen.",
        "Pieter",
        IdeaStatus::Included,
        Some(0),
    ),
    (
        "open-technologie",
        "Een register van algoritmes",
        "Laat elke overheid bijhouden welke algoritmes ze gebruikt en waarvoor.",
        "",
        IdeaStatus::UnderConsideration,
        None,
    ),
    (
        "open-communicatie",
        "Brieven alleen in beeldtaal",
        "Stuur brieven voortaan alleen met plaatjes.",
        "Anoniem",
        IdeaStatus::NotIncluded,
        None,
    ),
];

/// What a demo idea says; `public_idea` sends it in and publishes it as the organiser.
pub(super) struct DemoIdeaText<'a> {
    pub key: String,
    pub theme: String,
    pub title: &'a str,
    pub body: &'a str,
    pub name: &'a str,
}

/// Sends a demo idea in (pre-moderated, as on the site) and publishes it, both at `created`.
pub(super) async fn public_idea(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    themes: &[ThemeId],
    idea: &DemoIdeaText<'_>,
    organiser: UserId,
    created: DateTime<Utc>,
) -> Result<IdeaId, DemoError> {
    IdempotencyKey::parse(&idea.key).map_err(invalid)?;
    let raw = RawIdea {
        theme: &idea.theme,
        title: idea.title,
        body: idea.body,
        name: idea.name,
        email: "",
        consent: false,
        key: &idea.key,
    };
    let new = NewIdea::parse(&raw, themes).map_err(invalid)?;
    let (SubmitOutcome::Stored(id) | SubmitOutcome::Replayed(id)) =
        ideas::submit(conn, process, &new, Moderation::Pre, created).await?;
    ideas::moderate(
        conn,
        process,
        id,
        Visibility::Public,
        None,
        organiser,
        created,
    )
    .await?;
    Ok(id)
}

async fn member(
    conn: &impl ConnectionTrait,
    email: &str,
    name: &str,
    organisation: &str,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<UserId, DemoError> {
    let email = Email::parse(email).map_err(invalid)?;
    let new = users::NewUser {
        email: &email,
        display_name: name,
        organisation: Some(organisation),
        role: Role::ForumMember,
        password_hash: hash,
    };
    Ok(users::insert(conn, &new, now).await?)
}

/// The current process takes ideas while its consultation runs (pre-moderated).
async fn open_ideas_on_current_process(conn: &impl ConnectionTrait) -> Result<(), DemoError> {
    let process = process::find_by_slug(conn, "actieplan-open-overheid-2026")
        .await?
        .ok_or_else(|| DemoError::Invalid("current process missing".into()))?;
    let phase = process::phases(conn, process.id)
        .await?
        .into_iter()
        .find(|p| p.name.main.as_str() == "Online consultatie")
        .ok_or_else(|| DemoError::Invalid("consultation phase missing".into()))?;
    let settings = ideas::Settings {
        phase: Some(phase.id),
        moderation: Moderation::Pre,
    };
    ideas::save_settings(conn, process.id, settings).await?;
    Ok(())
}

pub async fn load(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    password_hash: &str,
) -> Result<(), DemoError> {
    open_ideas_on_current_process(conn).await?;
    let process = process::find_by_slug(conn, "actieplan-open-overheid-2020-2022")
        .await?
        .ok_or_else(|| DemoError::Invalid("archived process missing".into()))?;
    let themes = process::themes(conn, process.id).await?;
    let theme_id = |slug: &str| {
        themes
            .iter()
            .find(|t| t.slug == slug)
            .map(|t| t.id.to_string())
            .ok_or_else(|| DemoError::Invalid(format!("theme {slug} missing")))
    };
    let ids: Vec<_> = themes.iter().map(|t| t.id).collect();
    let mut points: Vec<ActionPointId> = Vec::new();
    for point in POINTS {
        let raw = RawActionPoint {
            theme: &theme_id(point.theme)?,
            title: point.title,
            description: point.description,
            holder: point.holder,
            partners: point.partners,
            status: "done",
            findings: "",
            title_translation: point.title_en,
            description_translation: point.description_en,
            findings_translation: "",
        };
        let new = NewActionPoint::parse(&raw, &ids).map_err(invalid)?;
        // Written with the action holders in the autumn of 2020.
        let written = super::dates::dutch_noon("2020-12-15")?;
        points.push(action_points::insert(conn, process.id, &new, None, written).await?);
    }
    for (index, on, text, english) in UPDATES {
        let update = NewProgressUpdate::parse_translated(on, text, english).map_err(invalid)?;
        let point = *points.get(index).ok_or_else(|| invalid(index))?;
        action_points::add_update(conn, point, &update, None, super::dates::dutch_noon(on)?)
            .await?;
    }
    let organiser = users::credentials_by_email(
        conn,
        &Email::parse(super::ORGANISER_EMAIL).map_err(invalid)?,
    )
    .await?
    .map(|c| c.user.id)
    .ok_or_else(|| DemoError::Invalid("demo organiser missing".into()))?;
    // The introduction of the action plan (page, PDF and ODT), in the words of the seed page.
    let introduction = NewPlanIntroduction {
        text: Some("Met het Actieplan Open Overheid zet Nederland zich in voor een opener overheid. In het actieplan staan de ambities van het kabinet en andere actiehouders.\n\nWe werken samen met overheden en partijen binnen en buiten de overheid aan de actiepunten, verdeeld over de thema's hieronder.".to_owned()),
        translation: Some("With the Open Government Action Plan the Netherlands works towards a more open government. The action plan holds the ambitions of the cabinet and other action holders.\n\nWe work on the action points together with governments and parties inside and outside government, grouped by the themes below.".to_owned()),
    };
    let written = super::dates::dutch_noon("2020-12-15")?;
    action_plan::save_introduction(conn, process.id, &introduction, organiser, written).await?;
    let mut idea_ids = Vec::new();
    for (n, (slug, title, body, name, status, point)) in IDEAS.into_iter().enumerate() {
        // Sent in while the forum thought along (October 2020), not when the demo was loaded.
        let created = super::dates::dutch_noon("2020-10-01")? + Duration::days(3 * n as i64);
        let idea = DemoIdeaText {
            key: format!("demo-idea-{n:08}"),
            theme: theme_id(slug)?,
            title,
            body,
            name,
        };
        let id = public_idea(conn, process.id, &ids, &idea, organiser, created).await?;
        let point = point.and_then(|i| points.get(i).copied());
        let explanation = match status {
            IdeaStatus::Included => Some("Dit idee is opgenomen in het actiepunt."),
            IdeaStatus::NotIncluded => Some(
                "Beeldtaal helpt, maar niet iedereen kan plaatjes zien. Daarom nemen we dit niet over.",
            ),
            _ => None,
        };
        ideas::set_status(conn, process.id, id, status, explanation, point, created).await?;
        idea_ids.push(id);
    }
    let anna = member(
        conn,
        "anna.forum@example.org",
        "Anna de Vries",
        "Open State Foundation (demo)",
        password_hash,
        now,
    )
    .await?;
    let karim = member(
        conn,
        "karim.forum@example.org",
        "Karim El Amrani",
        "VNG (demo)",
        password_hash,
        now,
    )
    .await?;
    if let (Some(first), Some(point)) = (idea_ids.first(), points.get(2)) {
        let c = forum::add_comment(
            conn,
            CommentSubject::Idea(*first),
            None,
            anna,
            "Goed idee. Zie ook https://www.open-overheid.nl voor het actieplan.",
            super::dates::dutch_noon("2020-11-02")?,
        )
        .await?;
        forum::add_comment(
            conn,
            CommentSubject::Idea(*first),
            Some(c),
            karim,
            "Eens, gemeenten willen hier graag aan meedoen.",
            super::dates::dutch_noon("2020-11-03")?,
        )
        .await?;
        forum::add_comment(
            conn,
            CommentSubject::ActionPoint(*point),
            None,
            karim,
            "Kunnen kleine gemeenten ook aansluiten bij het dashboard?",
            super::dates::dutch_noon("2020-12-16")?,
        )
        .await?;
    }
    Ok(())
}
