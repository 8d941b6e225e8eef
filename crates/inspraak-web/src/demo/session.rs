//! Demo sessions: the 2020 think-along sessions and the sneak preview of the archived process
//! (dates from seed 002) with a short report each, and upcoming sessions on the 2026 process.

use super::{DemoError, invalid};
use chrono::{DateTime, Duration, Utc};
use inspraak_domain::session::{NewSession, ReportText, SessionForm, local_input_value};
use inspraak_store::session::{self, MailContent, MailContext, SessionMail, SessionMailer};
use inspraak_store::{ConnectionTrait, process};

/// The demo has no sign-ups, so publishing a report mails no one.
struct NoSignUps;

impl SessionMailer for NoSignUps {
    fn compose(&self, _: &MailContext<'_>, _: &SessionMail<'_>) -> MailContent {
        MailContent {
            subject: String::new(),
            body_text: String::new(),
            attachment: None,
        }
    }
}

/// A demo session of 2020: Dutch title, English title, theme, start, Dutch report, English report.
struct Past {
    title: (&'static str, &'static str),
    theme: Option<&'static str>,
    starts: &'static str,
    report: (&'static str, &'static str),
}

const SESSIONS_2020: [Past; 7] = [
    Past {
        title: (
            "Meedenksessie Open Technologie deel I",
            "Think-along session Open Technology part I",
        ),
        theme: Some("open-technologie"),
        starts: "2020-08-27T14:00",
        report: (
            "## Wat we bespraken\nOpen Technologie stond in de consultatie op de eerste plaats. In deze eerste sessie ging het vooral over open source: wanneer kiest de overheid ervoor, en hoe deel je code met andere overheden?\n\n## Wat we hoorden\n- Maak open source de standaard bij nieuwe software.\n- Deel niet alleen code, maar ook kennis over beheer.\n\nDe actiehouders nemen deze punten mee in hun actiepunten.",
            "## What we discussed\nOpen Technology came first in the consultation. This first session was mainly about open source: when does the government choose it, and how do you share code with other governments?\n\n## What we heard\n- Make open source the default for new software.\n- Share not only code, but also knowledge about maintaining it.\n\nThe action holders take these points into their action points.",
        ),
    },
    Past {
        title: (
            "Meedenksessie Open Justice",
            "Think-along session Open Justice",
        ),
        theme: Some("open-justice"),
        starts: "2020-10-05T14:00",
        report: (
            "## Wat we bespraken\nOpen klachtbehandeling en openheid in wetgeving en rechtspraak. Open Wetsontwerp en Open Rechtspraak liggen in elkaars verlengde.\n\n## Vervolg\nWe verkennen of en hoe dit thema een plek krijgt in het actieplan.",
            "## What we discussed\nOpen handling of complaints and openness in legislation and the courts. Open Law-making and Open Courts go hand in hand.\n\n## Next steps\nWe explore whether and how this theme gets a place in the action plan.",
        ),
    },
    Past {
        title: (
            "Meedenksessie Open Inkoop",
            "Think-along session Open Procurement",
        ),
        theme: Some("open-inkoop"),
        starts: "2020-10-14T14:00",
        report: (
            "## Wat we bespraken\nEen openbaar contractenregister met gegevens over overheidsinkoop.\n\n## Wat we hoorden\n- Begin klein en maak de gegevens goed bruikbaar.\n- Werk samen met de Direct Duidelijk Brigade aan begrijpelijke teksten.",
            "## What we discussed\nA public register of contracts with data on government procurement.\n\n## What we heard\n- Start small and make the data easy to use.\n- Work with the Direct Duidelijk Brigade on texts people understand.",
        ),
    },
    Past {
        title: (
            "Meedenksessie Open Organisatie",
            "Think-along session Open Organisation",
        ),
        theme: Some("open-organisatie"),
        starts: "2020-10-19T14:00",
        report: (
            "## Wat we bespraken\nOpenheid in balans met capaciteit en vertrouwelijkheid, en een open cultuur in de organisatie.\n\nDeelnemers deelden voorbeelden uit hun eigen organisatie van wat goed werkt en waar het schuurt.",
            "## What we discussed\nOpenness in balance with capacity and confidentiality, and an open culture in the organisation.\n\nParticipants shared examples from their own organisations of what works well and where it chafes.",
        ),
    },
    Past {
        title: (
            "Meedenksessie Open Technologie deel II",
            "Think-along session Open Technology part II",
        ),
        theme: Some("open-technologie"),
        starts: "2020-10-27T14:00",
        report: (
            "## Wat we bespraken\nIn het tweede deel ging het over algoritmes en open data: hoe leg je uit wat een algoritme doet, en welke data kan de overheid openbaar maken?\n\n## Vervolg\nDe ideeën gaan naar de actiehouders van Open Technologie.",
            "## What we discussed\nThe second part was about algorithms and open data: how do you explain what an algorithm does, and which data can the government make public?\n\n## Next steps\nThe ideas go to the action holders of Open Technology.",
        ),
    },
    Past {
        title: (
            "Meedenksessie Open Communicatie",
            "Think-along session Open Communication",
        ),
        theme: Some("open-communicatie"),
        starts: "2020-10-29T14:00",
        report: (
            "## Wat we bespraken\nDuidelijke taal voor iedereen. In de sessie kwam aan bod dat vaak onterecht wordt aangenomen dat deze basis al op orde is.\n\n## Wat we hoorden\n- Schrijf voor de lezer, niet voor de afzender.\n- Test teksten met de mensen voor wie ze bedoeld zijn.",
            "## What we discussed\nClear language for everyone. The session showed that people often wrongly assume this basis is already in place.\n\n## What we heard\n- Write for the reader, not for the sender.\n- Test texts with the people they are meant for.",
        ),
    },
    Past {
        title: (
            "Online sneak preview Actieplan Open Overheid",
            "Online sneak preview Open Government Action Plan",
        ),
        theme: None,
        starts: "2020-12-01T15:00",
        report: (
            "## Wat we lieten zien\nDe actiehouders presenteerden de actiepunten van het nieuwe actieplan. Deelnemers stelden vragen en gaven een laatste reactie.\n\nBedankt aan iedereen die meedacht!",
            "## What we showed\nThe action holders presented the action points of the new action plan. Participants asked questions and gave a last response.\n\nThank you to everyone who thought along!",
        ),
    },
];

const DESCRIPTION_2020: (&str, &str) = (
    "Een online sessie waarin we samen met deelnemers nadenken over de plannen voor dit thema.",
    "An online session in which we think about the plans for this theme together with participants.",
);

const DESCRIPTION_2026: (&str, &str) = (
    "Praat mee over dit thema van het nieuwe actieplan. De sessie is online; je krijgt de link na je aanmelding.\n\nNa afloop publiceren we een verslag.",
    "Join the conversation about this theme of the new action plan. The session is online; you get the link after you sign up.\n\nAfterwards we publish a report.",
);

fn form<'a>(
    kind: &'a str,
    theme_id: &'a str,
    (title, title_translation): (&'a str, &'a str),
    (description, description_translation): (&'a str, &'a str),
    starts_at: &'a str,
    ends_at: &'a str,
    capacity: &'a str,
) -> SessionForm<'a> {
    SessionForm {
        kind,
        theme_id,
        title,
        title_translation,
        description,
        description_translation,
        starts_at,
        ends_at,
        location: "",
        online_link: "https://meet.example.org/inspraak-demo",
        capacity,
        signup_opens_at: "",
        signup_closes_at: "",
        ask_organisation: true,
        ask_needs: false,
    }
}

async fn theme_id(
    conn: &impl ConnectionTrait,
    process: &process::Process,
    slug: Option<&str>,
) -> Result<String, DemoError> {
    Ok(match slug {
        Some(slug) => process::find_theme(conn, process.id, slug)
            .await?
            .map(|t| t.id.to_string())
            .unwrap_or_default(),
        None => String::new(),
    })
}

/// Adds the demo sessions; called by the demo loader inside its transaction.
pub async fn load(conn: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), DemoError> {
    let process_2020 = process::find_by_slug(conn, "actieplan-open-overheid-2020-2022").await?;
    let process_2026 = process::find_by_slug(conn, "actieplan-open-overheid-2026").await?;
    let (Some(process_2020), Some(process_2026)) = (process_2020, process_2026) else {
        return Err(DemoError::Invalid("demo processes missing".into()));
    };
    for past in SESSIONS_2020 {
        let Past {
            title,
            theme,
            starts,
            report,
        } = past;
        let theme = theme_id(conn, &process_2020, theme).await?;
        let starts_at = inspraak_domain::session::parse_local_datetime(starts).map_err(invalid)?;
        let ends = local_input_value(starts_at + Duration::hours(2));
        let kind = if theme.is_empty() {
            "event"
        } else {
            "think_along"
        };
        let new = NewSession::parse(&form(
            kind,
            &theme,
            title,
            DESCRIPTION_2020,
            starts,
            &ends,
            "40",
        ))
        .map_err(invalid)?;
        // Planned three weeks before, the report published a week after: inside 2020.
        let id =
            session::insert(conn, process_2020.id, &new, starts_at - Duration::days(21)).await?;
        let text = ReportText::parse(report.0).map_err(invalid)?;
        let translation = ReportText::parse(report.1).map_err(invalid)?;
        let published = starts_at + Duration::days(7);
        let (mailer, translation) = (&NoSignUps, Some(&translation));
        session::save_report(conn, mailer, id, &text, translation, true, published).await?;
    }
    // Upcoming, at 14:00 Dutch time some days from now.
    let upcoming = [
        (
            (
                "Meedenksessie Open Technologie",
                "Think-along session Open Technology",
            ),
            Some("open-technologie"),
            10,
            "12",
        ),
        (
            (
                "Meedenksessie Open Informatie",
                "Think-along session Open Information",
            ),
            Some("open-informatie"),
            17,
            "25",
        ),
        (
            (
                "Meedenksessie Open Democratie",
                "Think-along session Open Democracy",
            ),
            Some("open-democratie"),
            24,
            "",
        ),
        (
            (
                "Sneak preview Actieplan Open Overheid 2026",
                "Sneak preview Open Government Action Plan 2026",
            ),
            None,
            100,
            "100",
        ),
    ];
    let today = inspraak_domain::time::local_date(now);
    for (title, theme, days, capacity) in upcoming {
        let theme = theme_id(conn, &process_2026, theme).await?;
        let date = today + Duration::days(days);
        let starts = format!("{date}T14:00");
        let ends = format!("{date}T16:00");
        let kind = if theme.is_empty() {
            "event"
        } else {
            "think_along"
        };
        let new = NewSession::parse(&form(
            kind,
            &theme,
            title,
            DESCRIPTION_2026,
            &starts,
            &ends,
            capacity,
        ))
        .map_err(invalid)?;
        session::insert(conn, process_2026.id, &new, now).await?;
    }
    Ok(())
}
