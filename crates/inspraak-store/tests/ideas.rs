#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Ideas, action points and forum comments on SQLite and (with `INSPRAAK_TEST_PG`) PostgreSQL.

use chrono::{Duration, TimeZone, Utc};
use inspraak_domain::ideas::{
    IdeaSort, IdeaStatus, Moderation, NewActionPoint, NewIdea, NewProgressUpdate, RawActionPoint,
    RawIdea, Visibility,
};
use inspraak_domain::{Email, NewProcess, NewTheme, ProcessId, Role, ThemeId, UserId};
use inspraak_store::ideas::forum::{self, CommentSubject};
use inspraak_store::ideas::{self, ListQuery, Settings, SubmitOutcome, action_points};
use inspraak_store::testing::each_engine;
use inspraak_store::{ConnectionTrait, StoreError, process, users};

fn noon() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
}

async fn process_with_themes(conn: &impl ConnectionTrait) -> (ProcessId, Vec<ThemeId>) {
    let process = process::insert(conn, &NewProcess::parse("Plan", "", "S").unwrap(), noon())
        .await
        .unwrap();
    let mut themes = Vec::new();
    for name in ["Open Data", "Open Communicatie"] {
        let theme = NewTheme::parse(name, "", "").unwrap();
        themes.push(process::add_theme(conn, process, &theme).await.unwrap());
    }
    (process, themes)
}

fn idea(theme: ThemeId, title: &str, key: &str, email: &str) -> NewIdea {
    NewIdea::parse(
        &RawIdea {
            theme: &theme.to_string(),
            title,
            body: "Een uitleg van het idee.",
            name: "Jan",
            email,
            consent: !email.is_empty(),
            key,
        },
        &[theme],
    )
    .unwrap()
}

async fn member(conn: &impl ConnectionTrait, email: &str) -> UserId {
    let email = Email::parse(email).unwrap();
    users::insert(
        conn,
        &users::NewUser {
            email: &email,
            display_name: "Lid",
            organisation: Some("Stichting"),
            role: Role::ForumMember,
            password_hash: "x",
        },
        noon(),
    )
    .await
    .unwrap()
}

#[tokio::test]
async fn ideas_are_public_after_moderation_searchable_sortable_and_counted_per_theme() {
    each_engine(|t| async move {
        let conn = t.db.write();
        let (process, themes) = process_with_themes(conn).await;
        let moderation = ideas::settings(conn, process).await.unwrap().moderation;
        assert_eq!(moderation, Moderation::Pre);
        let first = idea(
            themes[0],
            "Open DATA voor iedereen",
            "key-aaaaaaaaaaaaaaaa",
            "a@example.nl",
        );
        let SubmitOutcome::Stored(a) = ideas::submit(conn, process, &first, moderation, noon())
            .await
            .unwrap()
        else {
            panic!("stored")
        };
        assert_eq!(
            ideas::submit(conn, process, &first, moderation, noon())
                .await
                .unwrap(),
            SubmitOutcome::Replayed(a),
            "{:?}",
            t.engine
        );
        let query = |search: Option<&str>, sort| ListQuery {
            process,
            theme: None,
            search: search.map(str::to_owned),
            sort,
            page: 0,
            per_page: 10,
        };
        assert_eq!(
            ideas::public_page(conn, &query(None, IdeaSort::Newest))
                .await
                .unwrap()
                .1,
            0
        );
        let organiser = member(conn, "org@example.nl").await;
        ideas::moderate(
            conn,
            process,
            a,
            Visibility::Public,
            None,
            organiser,
            noon(),
        )
        .await
        .unwrap();
        ideas::save_settings(
            conn,
            process,
            Settings {
                phase: None,
                moderation: Moderation::Post,
            },
        )
        .await
        .unwrap();
        let second = idea(
            themes[1],
            "Heldere brieven 100%",
            "key-bbbbbbbbbbbbbbbb",
            "",
        );
        let SubmitOutcome::Stored(b) = ideas::submit(
            conn,
            process,
            &second,
            Moderation::Post,
            noon() + Duration::minutes(1),
        )
        .await
        .unwrap() else {
            panic!("stored")
        };
        let (newest, total) = ideas::public_page(conn, &query(None, IdeaSort::Newest))
            .await
            .unwrap();
        assert_eq!(total, 2);
        assert_eq!(newest.iter().map(|i| i.id).collect::<Vec<_>>(), vec![b, a]);
        let (found, _) = ideas::public_page(conn, &query(Some("open data"), IdeaSort::Newest))
            .await
            .unwrap();
        assert_eq!(
            found.iter().map(|i| i.id).collect::<Vec<_>>(),
            vec![a],
            "case-insensitive on {:?}",
            t.engine
        );
        let (found, _) = ideas::public_page(conn, &query(Some("%"), IdeaSort::Newest))
            .await
            .unwrap();
        assert_eq!(
            found.iter().map(|i| i.id).collect::<Vec<_>>(),
            vec![b],
            "% is literal"
        );

        let writer = member(conn, "lid@example.nl").await;
        let c1 = forum::add_comment(
            conn,
            CommentSubject::Idea(a),
            None,
            writer,
            "Goed plan",
            noon(),
        )
        .await
        .unwrap();
        let c2 = forum::add_comment(
            conn,
            CommentSubject::Idea(a),
            Some(c1),
            writer,
            "Eens",
            noon(),
        )
        .await
        .unwrap();
        let c3 = forum::add_comment(
            conn,
            CommentSubject::Idea(a),
            Some(c2),
            writer,
            "Ook",
            noon(),
        )
        .await
        .unwrap();
        let comments = forum::comments_for(conn, CommentSubject::Idea(a))
            .await
            .unwrap();
        assert_eq!(
            comments.iter().find(|c| c.id == c3).unwrap().parent,
            Some(c1),
            "one level deep"
        );
        let (discussed, _) = ideas::public_page(conn, &query(None, IdeaSort::MostDiscussed))
            .await
            .unwrap();
        assert_eq!(discussed[0].id, a);
        assert_eq!(
            ideas::counts_per_theme(conn, process).await.unwrap(),
            vec![(themes[0], 1, 3), (themes[1], 1, 0)]
        );
        forum::flag(conn, c3, writer, noon()).await.unwrap();
        assert_eq!(forum::flagged(conn).await.unwrap().len(), 1);
        forum::moderate_comment(conn, c3, true, Some("off-topic"))
            .await
            .unwrap();
        assert!(forum::flagged(conn).await.unwrap().is_empty());
        let kept = forum::find_comment(conn, c3).await.unwrap().unwrap();
        assert_eq!(
            (kept.visibility, kept.hidden_reason.as_deref()),
            (Visibility::Hidden, Some("off-topic"))
        );
        assert_eq!(
            ideas::counts_per_theme(conn, process).await.unwrap()[0],
            (themes[0], 1, 2)
        );
    })
    .await;
}

#[tokio::test]
async fn an_idea_included_in_an_action_point_returns_the_consenting_address_and_edits_close_after_fifteen_minutes()
 {
    each_engine(|t| async move {
        let conn = t.db.write();
        let (process, themes) = process_with_themes(conn).await;
        let (other, _) = {
            let p = process::insert(conn, &NewProcess::parse("Ander", "", "S").unwrap(), noon())
                .await
                .unwrap();
            (p, ())
        };
        let mut new = idea(themes[0], "Idee", "key-cccccccccccccccc", "b@example.nl");
        new.language = inspraak_domain::Language::English;
        let SubmitOutcome::Stored(id) = ideas::submit(conn, process, &new, Moderation::Pre, noon())
            .await
            .unwrap()
        else {
            panic!()
        };
        let point = NewActionPoint::parse(
            &RawActionPoint {
                theme: &themes[0].to_string(),
                title: "Open by design",
                description: "Uitleg",
                holder: "Ministerie van BZK",
                partners: "Open State Foundation",
                status: "in_progress",
                findings: "",
                ..Default::default()
            },
            &themes,
        )
        .unwrap();
        let ap = action_points::insert(conn, process, &point, None, noon())
            .await
            .unwrap();
        assert!(
            matches!(
                ideas::set_status(
                    conn,
                    other,
                    id,
                    IdeaStatus::Included,
                    None,
                    Some(ap),
                    noon()
                )
                .await,
                Err(StoreError::Conflict("action point"))
            ),
            "an action point of another process"
        );
        let mail = ideas::set_status(
            conn,
            process,
            id,
            IdeaStatus::Included,
            Some("Zie actiepunt"),
            Some(ap),
            noon(),
        )
        .await
        .unwrap();
        assert_eq!(
            mail.map(|(e, language)| (e.as_str().to_owned(), language)),
            Some((
                "b@example.nl".to_owned(),
                inspraak_domain::Language::English
            )),
            "the address and the language of the page the idea was sent from"
        );
        ideas::moderate(
            conn,
            process,
            id,
            Visibility::Public,
            None,
            member(conn, "o@example.nl").await,
            noon(),
        )
        .await
        .unwrap();
        assert_eq!(ideas::for_action_point(conn, ap).await.unwrap()[0].id, id);
        assert_eq!(
            action_points::list_for_process(conn, process)
                .await
                .unwrap()
                .len(),
            1
        );
        let update =
            NewProgressUpdate::parse_translated("2026-11-01", "Eerste stap gezet", "First step")
                .unwrap();
        action_points::add_update(conn, ap, &update, None, noon())
            .await
            .unwrap();
        assert_eq!(
            action_points::latest_updates(conn, process).await.unwrap()[&ap].body,
            inspraak_domain::Translated::new("Eerste stap gezet", Some("First step".into()))
        );

        let writer = member(conn, "lid@example.nl").await;
        let stranger = member(conn, "ander@example.nl").await;
        let c = forum::add_comment(
            conn,
            CommentSubject::ActionPoint(ap),
            None,
            writer,
            "Tekst",
            noon(),
        )
        .await
        .unwrap();
        assert!(matches!(
            forum::edit_comment(conn, c, stranger, "x", noon()).await,
            Err(StoreError::NotFound)
        ));
        forum::edit_comment(conn, c, writer, "Nieuw", noon() + Duration::minutes(15))
            .await
            .unwrap();
        assert!(matches!(
            forum::edit_comment(conn, c, writer, "Te laat", noon() + Duration::minutes(16)).await,
            Err(StoreError::Conflict("edit window"))
        ));
        let c = forum::find_comment(conn, c).await.unwrap().unwrap();
        assert_eq!((c.body.as_str(), c.edited_at.is_some()), ("Nieuw", true));

        let email = Email::parse("nieuw@example.nl").unwrap();
        let inv = forum::invite(
            conn,
            &email,
            "hash1",
            writer,
            noon(),
            noon() + Duration::days(7),
        )
        .await
        .unwrap();
        assert!(
            forum::open_invitation(conn, "hash1", noon() + Duration::days(8))
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            forum::open_invitation(conn, "hash1", noon())
                .await
                .unwrap()
                .map(|i| i.id),
            Some(inv)
        );
        forum::accept(conn, inv, noon()).await.unwrap();
        assert!(
            matches!(
                forum::accept(conn, inv, noon()).await,
                Err(StoreError::NotFound)
            ),
            "single use"
        );
    })
    .await;
}

#[tokio::test]
async fn the_action_plan_introduction_is_written_once_per_process_and_can_be_emptied() {
    each_engine(|t| async move {
        use inspraak_store::ideas::action_plan;
        let conn = t.db.write();
        let (process, _) = process_with_themes(conn).await;
        let editor = member(conn, "redacteur@example.nl").await;
        assert_eq!(
            action_plan::introduction(conn, process).await.unwrap(),
            None
        );
        let text = |main: Option<&str>, translation: Option<&str>| {
            inspraak_domain::ideas::NewPlanIntroduction {
                text: main.map(str::to_owned),
                translation: translation.map(str::to_owned),
            }
        };
        let first = text(Some("Eerste."), None);
        action_plan::save_introduction(conn, process, &first, editor, noon())
            .await
            .unwrap();
        let later = noon() + Duration::hours(1);
        // The second save updates the one row (ON CONFLICT), it does not add one.
        let second = text(Some("Tweede."), Some("Second."));
        action_plan::save_introduction(conn, process, &second, editor, later)
            .await
            .unwrap();
        let saved = action_plan::introduction(conn, process)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            saved.text,
            Some(inspraak_domain::Translated::new(
                "Tweede.",
                Some("Second.".into())
            ))
        );
        assert_eq!(saved.updated_at, later);
        // Emptied: no text, but the change is dated (the plan changed).
        let latest = later + Duration::hours(1);
        action_plan::save_introduction(conn, process, &text(None, None), editor, latest)
            .await
            .unwrap();
        let emptied = action_plan::introduction(conn, process)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(emptied.text, None);
        assert_eq!(emptied.updated_at, latest);
    })
    .await;
}
