use super::*;
use chrono::TimeZone;

#[test]
fn links_are_only_http_and_https() {
    assert_eq!(
        segments("zie https://example.nl/a. en javascript:alert(1)"),
        vec![
            Segment::Text("zie "),
            Segment::Link("https://example.nl/a"),
            Segment::Text(". en javascript:alert(1)"),
        ]
    );
    assert_eq!(
        segments("<a href=\"javascript:x\">"),
        vec![Segment::Text("<a href=\"javascript:x\">")]
    );
    assert_eq!(
        segments("ééé http://x"),
        vec![Segment::Text("ééé "), Segment::Link("http://x")]
    );
    assert_eq!(
        segments("xhttp://a.nl"),
        vec![Segment::Text("xhttp://a.nl")]
    );
}

#[test]
fn a_comment_can_be_edited_for_fifteen_minutes() {
    let posted = Utc.with_ymd_and_hms(2026, 9, 1, 10, 0, 0).unwrap();
    assert!(can_edit(posted, posted + Duration::minutes(15)));
    assert!(!can_edit(
        posted,
        posted + Duration::minutes(15) + Duration::seconds(1)
    ));
}

#[test]
fn an_idea_needs_a_theme_of_the_process_and_consent_for_an_address() {
    let raw = RawIdea {
        theme: "7",
        title: "Open data",
        body: "Publiceer alles.",
        name: "",
        email: "a@example.nl",
        consent: false,
        key: "abcdefghijklmnopq",
    };
    let errors = NewIdea::parse(&raw, &[ThemeId(8)])
        .err()
        .unwrap_or_default();
    let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
    assert_eq!(fields, vec!["theme", "consent"]);
    let ok = NewIdea::parse(
        &RawIdea {
            consent: true,
            ..raw.clone()
        },
        &[ThemeId(7)],
    )
    .unwrap();
    assert_eq!(
        ok.contact.map(|e| e.as_str().to_owned()).as_deref(),
        Some("a@example.nl")
    );
    assert!(
        NewIdea::parse(
            &RawIdea {
                title: "a\u{202E}b",
                consent: true,
                ..raw
            },
            &[ThemeId(7)]
        )
        .is_err()
    );
}

#[test]
fn statuses_round_trip() {
    for s in IdeaStatus::ALL {
        assert_eq!(IdeaStatus::parse(s.as_str()), Some(*s));
    }
    for s in ActionPointStatus::ALL {
        assert_eq!(ActionPointStatus::parse(s.as_str()), Some(*s));
    }
}

#[test]
fn translations_are_optional_and_obey_the_main_fields_rules() {
    let raw = RawActionPoint {
        title: "Open data",
        description: "Uitleg",
        holder: "BZK",
        status: "planned",
        title_translation: "Open data (EN)",
        ..Default::default()
    };
    let point = NewActionPoint::parse(&raw, &[]).unwrap();
    assert_eq!(
        point.title_translation.as_ref().map(|t| t.as_str()),
        Some("Open data (EN)")
    );
    assert!(point.description_translation.is_none());
    let long = "x".repeat(201);
    let errors = NewActionPoint::parse(
        &RawActionPoint {
            title_translation: &long,
            findings_translation: "a\u{202E}b",
            ..raw
        },
        &[],
    )
    .err()
    .unwrap_or_default();
    let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
    assert_eq!(fields, vec!["title_translation", "findings_translation"]);

    let update = NewProgressUpdate::parse_translated("2026-11-01", "Gestart", " ").unwrap();
    assert!(update.body_translation.is_none(), "blank is no translation");
    let errors = NewProgressUpdate::parse_translated("2026-11-01", "Gestart", &"y".repeat(3001))
        .err()
        .unwrap_or_default();
    assert_eq!(errors.0[0].field, "body_translation");
    let intro = parse_plan_introduction("Inleiding", "Introduction").unwrap();
    assert_eq!(intro.translation.as_deref(), Some("Introduction"));
}
