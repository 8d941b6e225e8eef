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

pub const THEMES_2020: [Texts; 7] = [
    (
        ["Open Democratie", "Open Democracy"],
        [
            "Transparantie van de financiën van politieke partijen en van digitale campagnes, het publiceren van processen-verbaal van verkiezingen, en lokale digitale democratie.",
            "Transparency of political parties’ finances and of digital campaigns, publishing the official records of elections, and local digital democracy.",
        ],
    ),
    (
        ["Open Informatie", "Open Information"],
        [
            "De Wet open overheid (Woo), een vervolg op Open Wob en het actief openbaar maken van informatie door het Rijk.",
            "The Open Government Act (Woo), a follow-up to Open Wob, and central government making information public of its own accord.",
        ],
    ),
    (
        ["Open Communicatie", "Open Communication"],
        [
            "Duidelijke taal voor iedereen, met de Direct Duidelijk Brigade.",
            "Clear language for everyone, with the Direct Duidelijk Brigade.",
        ],
    ),
    (
        ["Open Technologie", "Open Technology"],
        [
            "Algoritmes, open source en open data.",
            "Algorithms, open source and open data.",
        ],
    ),
    (
        ["Open Organisatie", "Open Organisation"],
        [
            "Openheid in balans met capaciteit en vertrouwelijkheid, en een open cultuur in de organisatie.",
            "Openness balanced with capacity and confidentiality, and an open culture in the organisation.",
        ],
    ),
    (
        ["Open Inkoop", "Open Procurement"],
        [
            "Een openbaar contractenregister met gegevens over overheidsinkoop.",
            "A public register of contracts with data on government procurement.",
        ],
    ),
    (
        ["Open Justice", "Open Justice"],
        [
            "Open klachtbehandeling en openheid in wetgeving en rechtspraak.",
            "Open handling of complaints, and openness in legislation and the courts.",
        ],
    ),
];

/// A name and a description, each as `[Dutch, English]`.
pub type Texts = ([&'static str; 2], [&'static str; 2]);

async fn add_process(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    [title, summary]: [[&str; 2]; 2],
    status: ProcessStatus,
    phases: &[([&str; 2], [&str; 2], String, String)],
    themes: &[Texts],
) -> Result<ProcessId, DemoError> {
    let new = NewProcess::parse_translated(title[0], title[1], "", summary[0], summary[1]);
    let id = process::insert(conn, &new.map_err(invalid)?, now).await?;
    for (name, description, start, end) in phases {
        process::add_phase(
            conn,
            id,
            &NewPhase::parse_translated(*name, *description, start, end).map_err(invalid)?,
        )
        .await?;
    }
    for (name, description) in themes {
        process::add_theme(
            conn,
            id,
            &NewTheme::parse_translated(*name, "", *description).map_err(invalid)?,
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
            ["Verkenning", "Exploration"],
            [
                "Gesprekken met partners, lessen uit eerdere actieplannen en uit de onafhankelijke evaluaties (IRM).",
                "Talks with partners, and lessons from earlier action plans and from the independent evaluations (IRM).",
            ],
            "2019-09-01".into(),
            "2020-08-31".into(),
        ),
        (
            ["Online consultatie", "Online consultation"],
            [
                "De hele maand september stond een formulier open voor ideeën voor het nieuwe plan. 48 mensen vulden het in.",
                "All through September a form was open for ideas for the new plan. 48 people filled it in.",
            ],
            "2020-09-01".into(),
            "2020-09-30".into(),
        ),
        (
            ["Meedenksessies", "Think-along sessions"],
            [
                "Online sessies per thema, van augustus tot en met november. Meer dan twee keer zoveel mensen deden mee als het formulier invulden.",
                "Online sessions per theme, from August to November. More than twice as many people took part as filled in the form.",
            ],
            "2020-08-27".into(),
            "2020-11-30".into(),
        ),
        (
            ["Schrijven met actiehouders", "Writing with action holders"],
            [
                "De actiehouders werken de actiepunten uit; het stakeholderforum denkt mee over de inhoud en de maatschappelijke waarde.",
                "The action holders work out the action points; the stakeholder forum thinks along about their content and their value to society.",
            ],
            "2020-10-01".into(),
            "2020-12-31".into(),
        ),
        (
            ["Publicatie en voortgang", "Publication and progress"],
            [
                "Het plan wordt gepubliceerd en aangeboden aan het Open Government Partnership. Daarna volgen voortgangsrapportages.",
                "The plan is published and presented to the Open Government Partnership. Progress reports follow.",
            ],
            "2021-01-01".into(),
            "2022-12-31".into(),
        ),
    ];
    add_process(
        &txn,
        now,
        [
            ["Actieplan Open Overheid 2020-2022", "Open Government Action Plan 2020-2022"],
        ["Het vierde Nederlandse Actieplan Open Overheid, gemaakt door het ministerie van BZK samen met andere overheden, maatschappelijke organisaties en inwoners. Een opener overheid werkt beter: mensen en organisaties krijgen de informatie die ze nodig hebben om samen maatschappelijke vraagstukken aan te pakken.\n\nNederland is lid van het Open Government Partnership (OGP), waarin meer dan 75 landen elke twee jaar een actieplan opstellen.", "The fourth Dutch Open Government Action Plan, made by the Ministry of the Interior and Kingdom Relations (BZK) together with other governments, civil society organisations and residents. A more open government works better: people and organisations get the information they need to tackle issues in society together.\n\nThe Netherlands is a member of the Open Government Partnership (OGP), in which more than 75 countries draw up an action plan every two years."],
        ],
        ProcessStatus::Archived,
        &phases_2020,
        &THEMES_2020,
    )
    .await?;

    // The current process is dated around today, so its consultation phase is always open.
    let today = inspraak_domain::time::local_date(now);
    let phases_2026 = [
        (
            ["Verkenning", "Exploration"],
            [
                "Verkennende gesprekken binnen en buiten het ministerie, en een oproep om inbreng te leveren.",
                "Exploratory talks inside and outside the ministry, and a call for input.",
            ],
            day(today - Duration::days(90)),
            day(today - Duration::days(15)),
        ),
        (
            ["Online consultatie", "Online consultation"],
            [
                "Vul het formulier in en laat weten welke thema’s jij belangrijk vindt.",
                "Fill in the form and tell us which themes matter to you.",
            ],
            day(today - Duration::days(14)),
            day(today + Duration::days(16)),
        ),
        (
            ["Meedenksessies", "Think-along sessions"],
            [
                "Praat mee in online sessies per thema.",
                "Join the conversation in online sessions per theme.",
            ],
            day(today + Duration::days(7)),
            day(today + Duration::days(60)),
        ),
        (
            ["Schrijven met actiehouders", "Writing with action holders"],
            [
                "Actiehouders schrijven de actiepunten; het stakeholderforum geeft commentaar.",
                "Action holders write the action points; the stakeholder forum comments.",
            ],
            day(today + Duration::days(61)),
            day(today + Duration::days(120)),
        ),
        (
            ["Publicatie", "Publication"],
            [
                "Het plan wordt gepubliceerd; daarna volgen voortgangsrapportages.",
                "The plan is published; progress reports follow.",
            ],
            day(today + Duration::days(121)),
            day(today + Duration::days(150)),
        ),
    ];
    let themes_2026 = [
        (
            ["Open Democratie", "Open Democracy"],
            [
                "Transparantie in politiek en verkiezingen, en digitale democratie dichtbij huis.",
                "Transparency in politics and elections, and digital democracy close to home.",
            ],
        ),
        (
            ["Open Informatie", "Open Information"],
            [
                "Informatie van de overheid die vindbaar, bruikbaar en openbaar is.",
                "Government information that is easy to find, usable and public.",
            ],
        ),
        (
            ["Open Technologie", "Open Technology"],
            [
                "Open source, open data en verantwoord gebruik van algoritmes.",
                "Open source, open data and responsible use of algorithms.",
            ],
        ),
        (
            ["Open Communicatie", "Open Communication"],
            [
                "Duidelijke taal en communicatie die iedereen kan volgen.",
                "Clear language and communication everyone can follow.",
            ],
        ),
    ];
    add_process(
        &txn,
        now,
        [
            ["Actieplan Open Overheid 2026", "Open Government Action Plan 2026"],
        ["Het nieuwe Actieplan Open Overheid komt in co-creatie tot stand. Iedereen kan ideeën, suggesties en kritische noten aandragen. Die inbreng vormt een deel van de inhoud van het plan.\n\nDe online consultatie is nu open. Vertel ons welke thema’s jij belangrijk vindt.", "The new Open Government Action Plan is made through co-creation. Anyone can bring ideas, suggestions and critical remarks. That input becomes part of the content of the plan.\n\nThe online consultation is open now. Tell us which themes matter to you."],
        ],
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
