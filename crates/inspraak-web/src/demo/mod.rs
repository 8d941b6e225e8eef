//! Demo content for a first look: the archived *Actieplan Open Overheid 2020-2022* with its
//! seven themes and phases (from the seed pages, summarised in our own words), a current
//! *Actieplan Open Overheid 2026* whose consultation phase is open today, and a demo organiser.
//! Loaded only into an empty database.

pub mod consultation;
mod consultation_en;
mod dates;
mod evaluation;
mod forum_2026;
mod ideas;
mod publications;
mod session;

use crate::auth::password::Passwords;
use crate::auth::totp::{self, SecretBox};
use crate::state::Keys;
use chrono::{DateTime, Duration, Utc};
use inspraak_domain::{Email, NewPhase, NewProcess, NewTheme, ProcessId, ProcessStatus, Role};
use inspraak_store::{ConnectionTrait, Db, StoreError, process, users};

pub const ORGANISER_EMAIL: &str = "organisator@example.org";
/// Printed at start-up; a demo database is for trying things out, not for real data.
pub const ORGANISER_PASSWORD: &str = "inspraak-demo-2026";

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("demo content: {0}")]
    Store(#[from] StoreError),
    #[error("demo content: {0}")]
    Invalid(String),
    #[error("{NOT_A_DEMO}")]
    NotADemo,
}

/// What `load` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DemoOutcome {
    Loaded,
    /// The database already held processes; nothing was changed.
    AlreadyPresent,
}

fn invalid(e: impl std::fmt::Debug) -> DemoError {
    DemoError::Invalid(format!("{e:?}"))
}

pub const THEMES_2020: [(&str, &str); 7] = [
    (
        "Open Democratie",
        "Transparantie van de financiën van politieke partijen en van digitale campagnes, het publiceren van processen-verbaal van verkiezingen, en lokale digitale democratie.",
    ),
    (
        "Open Informatie",
        "De Wet open overheid (Woo), een vervolg op Open Wob en het actief openbaar maken van informatie door het Rijk.",
    ),
    (
        "Open Communicatie",
        "Duidelijke taal voor iedereen, met de Direct Duidelijk Brigade.",
    ),
    ("Open Technologie", "Algoritmes, open source en open data."),
    (
        "Open Organisatie",
        "Openheid in balans met capaciteit en vertrouwelijkheid, en een open cultuur in de organisatie.",
    ),
    (
        "Open Inkoop",
        "Een openbaar contractenregister met gegevens over overheidsinkoop.",
    ),
    (
        "Open Justice",
        "Open klachtbehandeling en openheid in wetgeving en rechtspraak.",
    ),
];

async fn add_process(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    title: &str,
    summary: &str,
    status: ProcessStatus,
    phases: &[(&str, &str, String, String)],
    themes: &[(&str, &str)],
) -> Result<ProcessId, DemoError> {
    let id = process::insert(
        conn,
        &NewProcess::parse(title, "", summary).map_err(invalid)?,
        now,
    )
    .await?;
    for (name, description, start, end) in phases {
        process::add_phase(
            conn,
            id,
            &NewPhase::parse(name, description, start, end).map_err(invalid)?,
        )
        .await?;
    }
    for (name, description) in themes {
        process::add_theme(
            conn,
            id,
            &NewTheme::parse(name, "", description).map_err(invalid)?,
        )
        .await?;
    }
    process::set_status(conn, id, status, now).await?;
    Ok(id)
}

fn day(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The demo organiser's TOTP secret, derived from the app's secret key so it can be printed at
/// every start (a demo is for trying things out; real accounts enrol with a random secret).
pub fn organiser_totp_secret(keys: &Keys) -> Vec<u8> {
    let derived = keys.hash("demo-organiser-totp", ORGANISER_EMAIL);
    hex::decode(&derived[..40]).unwrap_or_default()
}

/// Why `inspraak demo-code` prints nothing: the database was not filled by the demo loader, so
/// its organisers are real people whose second factor must not be computable from the key.
pub const NOT_A_DEMO: &str = "this database was not created as a demo (by `inspraak serve --demo` or `inspraak demo` on an empty database), so there is no demo code to print";

/// The demo organiser's current six-digit code, only on a database created as a demo.
pub async fn organiser_code_checked(
    db: &Db,
    keys: &Keys,
    now: DateTime<Utc>,
) -> Result<String, DemoError> {
    if !inspraak_store::site_flags::is_demo(db.read()).await? {
        return Err(DemoError::NotADemo);
    }
    organiser_code(keys, now)
}

/// The demo organiser's current six-digit code.
pub fn organiser_code(keys: &Keys, now: DateTime<Utc>) -> Result<String, DemoError> {
    totp::code_at(&organiser_totp_secret(keys), now.timestamp().max(0) as u64).map_err(invalid)
}

/// The key to type into an authenticator app for the demo organiser.
pub fn organiser_totp_key(keys: &Keys) -> Result<String, DemoError> {
    totp::secret_for_display(&organiser_totp_secret(keys), ORGANISER_EMAIL).map_err(invalid)
}

/// Loads the demo into an empty database, in one transaction.
pub async fn load(
    db: &Db,
    passwords: &Passwords,
    keys: &Keys,
    secret_box: &SecretBox,
    now: DateTime<Utc>,
) -> Result<DemoOutcome, DemoError> {
    if !process::list_all(db.read()).await?.is_empty() {
        return Ok(DemoOutcome::AlreadyPresent);
    }
    // Hash before the transaction: argon2 takes a while and SQLite has one writer.
    let hash = passwords.hash(ORGANISER_PASSWORD).await.map_err(invalid)?;
    let txn = db.begin().await?;
    let email = Email::parse(ORGANISER_EMAIL).map_err(invalid)?;
    let organiser = users::NewUser {
        email: &email,
        display_name: "Demo-organisator",
        organisation: Some("Ministerie van BZK (demo)"),
        role: Role::Organiser,
        password_hash: &hash,
    };
    match users::insert(&txn, &organiser, now).await {
        Ok(id) => {
            let sealed = secret_box
                .seal(&organiser_totp_secret(keys))
                .map_err(invalid)?;
            inspraak_store::second_factor::save_unconfirmed(&txn, id, &sealed, now).await?;
            inspraak_store::second_factor::confirm(&txn, id, 0, now).await?;
        }
        Err(StoreError::Conflict("email")) => {}
        Err(other) => return Err(other.into()),
    }

    let phases_2020 = [
        (
            "Verkenning",
            "Gesprekken met partners, lessen uit eerdere actieplannen en uit de onafhankelijke evaluaties (IRM).",
            "2019-09-01".into(),
            "2020-08-31".into(),
        ),
        (
            "Online consultatie",
            "De hele maand september stond een formulier open voor ideeën voor het nieuwe plan. 48 mensen vulden het in.",
            "2020-09-01".into(),
            "2020-09-30".into(),
        ),
        (
            "Meedenksessies",
            "Online sessies per thema, van augustus tot en met november. Meer dan twee keer zoveel mensen deden mee als het formulier invulden.",
            "2020-08-27".into(),
            "2020-11-30".into(),
        ),
        (
            "Schrijven met actiehouders",
            "De actiehouders werken de actiepunten uit; het stakeholderforum denkt mee over de inhoud en de maatschappelijke waarde.",
            "2020-10-01".into(),
            "2020-12-31".into(),
        ),
        (
            "Publicatie en voortgang",
            "Het plan wordt gepubliceerd en aangeboden aan het Open Government Partnership. Daarna volgen voortgangsrapportages.",
            "2021-01-01".into(),
            "2022-12-31".into(),
        ),
    ];
    add_process(
        &txn,
        now,
        "Actieplan Open Overheid 2020-2022",
        "Het vierde Nederlandse Actieplan Open Overheid, gemaakt door het ministerie van BZK samen met andere overheden, maatschappelijke organisaties en inwoners. Een opener overheid werkt beter: mensen en organisaties krijgen de informatie die ze nodig hebben om samen maatschappelijke vraagstukken aan te pakken.\n\nNederland is lid van het Open Government Partnership (OGP), waarin meer dan 75 landen elke twee jaar een actieplan opstellen.",
        ProcessStatus::Archived,
        &phases_2020,
        &THEMES_2020,
    )
    .await?;

    // The current process is dated around today, so its consultation phase is always open.
    let today = inspraak_domain::time::local_date(now);
    let phases_2026 = [
        (
            "Verkenning",
            "Verkennende gesprekken binnen en buiten het ministerie, en een oproep om inbreng te leveren.",
            day(today - Duration::days(90)),
            day(today - Duration::days(15)),
        ),
        (
            "Online consultatie",
            "Vul het formulier in en laat weten welke thema’s jij belangrijk vindt.",
            day(today - Duration::days(14)),
            day(today + Duration::days(16)),
        ),
        (
            "Meedenksessies",
            "Praat mee in online sessies per thema.",
            day(today + Duration::days(7)),
            day(today + Duration::days(60)),
        ),
        (
            "Schrijven met actiehouders",
            "Actiehouders schrijven de actiepunten; het stakeholderforum geeft commentaar.",
            day(today + Duration::days(61)),
            day(today + Duration::days(120)),
        ),
        (
            "Publicatie",
            "Het plan wordt gepubliceerd; daarna volgen voortgangsrapportages.",
            day(today + Duration::days(121)),
            day(today + Duration::days(150)),
        ),
    ];
    let themes_2026 = [
        (
            "Open Democratie",
            "Transparantie in politiek en verkiezingen, en digitale democratie dichtbij huis.",
        ),
        (
            "Open Informatie",
            "Informatie van de overheid die vindbaar, bruikbaar en openbaar is.",
        ),
        (
            "Open Technologie",
            "Open source, open data en verantwoord gebruik van algoritmes.",
        ),
        (
            "Open Communicatie",
            "Duidelijke taal en communicatie die iedereen kan volgen.",
        ),
    ];
    add_process(
        &txn,
        now,
        "Actieplan Open Overheid 2026",
        "Het nieuwe Actieplan Open Overheid komt in co-creatie tot stand. Iedereen kan ideeën, suggesties en kritische noten aandragen. Die inbreng vormt een deel van de inhoud van het plan.\n\nDe online consultatie is nu open. Vertel ons welke thema’s jij belangrijk vindt.",
        ProcessStatus::Published,
        &phases_2026,
        &themes_2026,
    )
    .await?;

    consultation::load(&txn, now).await?;
    session::load(&txn, now).await?;
    publications::load(&txn).await?;
    ideas::load(&txn, now, &hash).await?;
    forum_2026::load(&txn, now).await?;
    evaluation::load(&txn).await?;

    // `demo-code` works only on a database marked here (see `inspraak_store::site_flags`).
    inspraak_store::site_flags::mark_demo(&txn, now).await?;
    txn.commit().await.map_err(StoreError::from)?;
    Ok(DemoOutcome::Loaded)
}
