#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The forum member's home on SQLite and (with `INSPRAAK_TEST_PG`) PostgreSQL: open ideas and
//! draft action points of current processes only, the conversations that moved last, the member's
//! own comments and the replies others wrote after them; hidden things and draft processes stay
//! out.

use chrono::{Duration, TimeZone, Utc};
use inspraak_domain::ideas::{
    IdeaStatus, Moderation, NewActionPoint, NewIdea, RawActionPoint, RawIdea, Visibility,
};
use inspraak_domain::{
    Email, IdeaId, NewProcess, NewTheme, ProcessId, ProcessStatus, Role, ThemeId, UserId,
};
use inspraak_store::ideas::forum::{self, CommentSubject};
use inspraak_store::ideas::forum_home::{self, ForumHome};
use inspraak_store::ideas::{self, SubmitOutcome, action_points};
use inspraak_store::testing::each_engine;
use inspraak_store::{ConnectionTrait, process, users};

fn noon() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
}

async fn process(
    conn: &impl ConnectionTrait,
    title: &str,
    status: ProcessStatus,
) -> (ProcessId, ThemeId) {
    let id = process::insert(conn, &NewProcess::parse(title, "", "S").unwrap(), noon())
        .await
        .unwrap();
    let theme = process::add_theme(conn, id, &NewTheme::parse("Open Data", "", "").unwrap())
        .await
        .unwrap();
    process::set_status(conn, id, status, noon()).await.unwrap();
    (id, theme)
}

async fn public_idea(
    conn: &impl ConnectionTrait,
    (process, theme): (ProcessId, ThemeId),
    title: &str,
    by: UserId,
) -> IdeaId {
    let key: String = format!("key-{title:a<16}").replace(' ', "_");
    let new = NewIdea::parse(
        &RawIdea {
            theme: &theme.to_string(),
            title,
            body: "Uitleg.",
            name: "",
            email: "",
            consent: false,
            key: &key,
        },
        &[theme],
    )
    .unwrap();
    let SubmitOutcome::Stored(id) = ideas::submit(conn, process, &new, Moderation::Pre, noon())
        .await
        .unwrap()
    else {
        panic!("stored")
    };
    ideas::moderate(conn, process, id, Visibility::Public, None, by, noon())
        .await
        .unwrap();
    id
}

async fn account(conn: &impl ConnectionTrait, email: &str, name: &str) -> UserId {
    users::insert(
        conn,
        &users::NewUser {
            email: &Email::parse(email).unwrap(),
            display_name: name,
            organisation: None,
            role: Role::ForumMember,
            password_hash: "x",
        },
        noon(),
    )
    .await
    .unwrap()
}

fn point(theme: ThemeId, title: &str, status: &str) -> NewActionPoint {
    NewActionPoint::parse(
        &RawActionPoint {
            theme: &theme.to_string(),
            title,
            description: "Uitleg",
            holder: "BZK",
            partners: "",
            status,
            findings: "",
            ..Default::default()
        },
        &[theme],
    )
    .unwrap()
}

fn titles(home: &ForumHome) -> Vec<&str> {
    home.ideas.iter().map(|i| i.place.title.as_str()).collect()
}

#[tokio::test]
async fn the_forum_home_lists_what_is_open_the_members_comments_and_the_replies_to_them() {
    each_engine(|t| async move {
        let conn = t.db.write();
        let me = account(conn, "lid@example.nl", "Lid").await;
        let other = account(conn, "ander@example.nl", "Ander").await;
        let current = process(conn, "Plan", ProcessStatus::Published).await;
        let draft = process(conn, "Concept", ProcessStatus::Draft).await;
        let archived = process(conn, "Vorig plan", ProcessStatus::Archived).await;

        let open = public_idea(conn, current, "Open idee", other).await;
        let weighed = public_idea(conn, current, "Wordt gewogen", other).await;
        ideas::set_status(
            conn,
            current.0,
            weighed,
            IdeaStatus::UnderConsideration,
            None,
            None,
            noon(),
        )
        .await
        .unwrap();
        let decided = public_idea(conn, current, "Besloten idee", other).await;
        ideas::set_status(
            conn,
            current.0,
            decided,
            IdeaStatus::NotIncluded,
            None,
            None,
            noon(),
        )
        .await
        .unwrap();
        let hidden = public_idea(conn, current, "Verborgen idee", other).await;
        ideas::moderate(
            conn,
            current.0,
            hidden,
            Visibility::Hidden,
            Some("spam"),
            other,
            noon(),
        )
        .await
        .unwrap();
        public_idea(conn, draft, "Idee in concept", other).await;
        let old = public_idea(conn, archived, "Oud idee", other).await;

        let draft_point = action_points::insert(
            conn,
            current.0,
            &point(current.1, "Concept-actiepunt", "draft"),
            None,
            noon(),
        )
        .await
        .unwrap();
        action_points::insert(
            conn,
            current.0,
            &point(current.1, "Gepland actiepunt", "planned"),
            None,
            noon(),
        )
        .await
        .unwrap();

        let empty = forum_home::load(conn, me).await.unwrap();
        let mut listed = titles(&empty);
        listed.sort_unstable();
        assert_eq!(
            listed,
            ["Open idee", "Wordt gewogen"],
            "only public, undecided ideas of current processes ({:?})",
            t.engine
        );
        assert_eq!(
            empty.ideas[0].place.path(),
            format!("/processen/plan/ideeen/{weighed}"),
            "newest first"
        );
        assert_eq!(
            empty
                .draft_points
                .iter()
                .map(|p| p.title.as_str())
                .collect::<Vec<_>>(),
            ["Concept-actiepunt"]
        );
        assert_eq!(
            empty.draft_points[0].path(),
            format!("/processen/plan/actiepunten/{draft_point}")
        );
        assert!(empty.threads.is_empty() && empty.mine.is_empty() && empty.replies.is_empty());

        // Someone else's conversation before mine, my comment, a reply by the other member, a
        // reply of mine to a thread the other started, and a comment on an archived process.
        let at = |minutes| noon() + Duration::minutes(minutes);
        let theirs = forum::add_comment(
            conn,
            CommentSubject::Idea(open),
            None,
            other,
            "Eerst",
            at(1),
        )
        .await
        .unwrap();
        let early = forum::add_comment(
            conn,
            CommentSubject::Idea(open),
            Some(theirs),
            other,
            "Vooraf",
            at(2),
        )
        .await
        .unwrap();
        let mine = forum::add_comment(
            conn,
            CommentSubject::Idea(weighed),
            None,
            me,
            "Mijn punt",
            at(3),
        )
        .await
        .unwrap();
        let reply = forum::add_comment(
            conn,
            CommentSubject::Idea(weighed),
            Some(mine),
            other,
            "Antwoord",
            at(4),
        )
        .await
        .unwrap();
        let joined = forum::add_comment(
            conn,
            CommentSubject::Idea(open),
            Some(theirs),
            me,
            "Ik ook",
            at(5),
        )
        .await
        .unwrap();
        let later = forum::add_comment(
            conn,
            CommentSubject::Idea(open),
            Some(joined),
            other,
            "Daarna",
            at(6),
        )
        .await
        .unwrap();
        let on_old = forum::add_comment(
            conn,
            CommentSubject::Idea(old),
            None,
            me,
            "Over het oude plan",
            at(7),
        )
        .await
        .unwrap();
        let on_point = forum::add_comment(
            conn,
            CommentSubject::ActionPoint(draft_point),
            None,
            other,
            "Punt",
            at(8),
        )
        .await
        .unwrap();
        let hidden_reply = forum::add_comment(
            conn,
            CommentSubject::Idea(weighed),
            Some(mine),
            other,
            "Weg",
            at(9),
        )
        .await
        .unwrap();
        forum::moderate_comment(conn, hidden_reply, true, Some("ruw"))
            .await
            .unwrap();

        let home = forum_home::load(conn, me).await.unwrap();
        assert_eq!(
            home.mine
                .iter()
                .map(|c| c.body.as_str())
                .collect::<Vec<_>>(),
            ["Over het oude plan", "Ik ook", "Mijn punt"],
            "my public comments, newest first, also on an archived process"
        );
        assert_eq!(home.mine[0].place.process_title, "Vorig plan");
        assert_eq!(
            home.replies.iter().map(|c| c.id).collect::<Vec<_>>(),
            [later, reply],
            "replies after mine in my threads; not the ones before I joined ({early}), not hidden"
        );
        assert_eq!(home.replies[1].author_name, "Ander");
        assert_eq!(home.replies[1].place.title, "Wordt gewogen");
        assert_eq!(
            home.threads
                .iter()
                .map(|th| (th.root, th.replies))
                .collect::<Vec<_>>(),
            // The hidden reply is not counted.
            [(on_point, 0), (theirs, 3), (mine, 1)],
            "latest conversation first"
        );
        assert!(
            home.threads.iter().all(|th| th.root != on_old),
            "a conversation on an archived process is not open any more"
        );
        assert_eq!(home.threads[0].place.title, "Concept-actiepunt");
        assert_eq!(home.threads[1].last_activity, at(6));
        assert_eq!(home.threads[1].started_by, "Ander");

        // The other member's home lists the reply to their comment by me.
        let theirs_home = forum_home::load(conn, other).await.unwrap();
        assert_eq!(
            theirs_home
                .replies
                .iter()
                .map(|c| c.body.as_str())
                .collect::<Vec<_>>(),
            ["Ik ook"]
        );
    })
    .await;
}
