//! The forum member's home, `/forum`: an invited member accepts the mailed invitation, is logged
//! in and welcomed there, finds an idea open for comment, comments through the home's link, sees
//! their comment listed and, after someone else answers, the reply. Logging in again lands on the
//! home; the header links to it for members only.

use crate::helpers::{TestApp, link_starting_with, spawn_app};
use crate::ideas::setup;
use inspraak_store::ideas;

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// The href of the first link whose address contains `part`.
fn href_containing(html: &str, part: &str) -> String {
    let at = html
        .find(part)
        .unwrap_or_else(|| panic!("no link with {part} in {html}"));
    let start = html[..at].rfind("href=\"").unwrap() + "href=\"".len();
    let end = html[start..].find('"').unwrap() + start;
    html[start..end].replace("&amp;", "&")
}

/// The part of a page from the heading `from` up to the next `<h2`.
fn section<'a>(html: &'a str, from: &str) -> &'a str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("no {from} in {html}"));
    let rest = &html[start..];
    let end = rest[1..].find("<h2").map_or(rest.len(), |e| e + 1);
    &rest[..end]
}

async fn comment(
    who: &TestApp,
    page: &str,
    target: &str,
    parent: Option<&str>,
    body: &str,
) -> String {
    let mut fields = vec![("target", target), ("body", body)];
    if let Some(parent) = parent {
        fields.push(("parent", parent));
    }
    let posted = who.post_form(page, "/forum/reacties", &fields).await;
    assert_eq!(posted.status().as_u16(), 303);
    location(&posted)
        .rsplit("reactie-")
        .next()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn an_invited_member_lands_on_the_forum_home_comments_from_it_and_sees_the_reply() {
    let app = spawn_app().await;
    let s = setup(&app).await;
    let visitor = app.new_visitor();
    let sent = s
        .submit(
            &visitor,
            &[
                ("title", "Open data voor iedereen"),
                ("body", "Zet alle data open."),
                ("name", ""),
            ],
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    let idea = ideas::all_for_process(app.db.read(), s.process)
        .await
        .unwrap()[0]
        .clone();
    let org = app.new_visitor();
    org.login_as_organiser().await;
    let admin = format!("/beheer/processen/{}/ideeen", s.process);
    let approved = org
        .post_form(
            &admin,
            &format!("{admin}/{}/moderatie", idea.id),
            &[("action", "approve"), ("reason", "")],
        )
        .await;
    assert_eq!(approved.status().as_u16(), 303);
    assert!(
        !visitor.get_html("/").await.contains("href=\"/forum\""),
        "no forum link for a visitor"
    );
    assert_eq!(
        location(&visitor.get("/forum").await),
        "/inloggen?next=%2Fforum",
        "the home asks a visitor to log in"
    );

    // The organiser invites; the member follows the mailed link and joins.
    let invited = org
        .post_form(
            "/beheer/forum",
            "/beheer/forum/uitnodigen",
            &[("email", "lid@example.nl")],
        )
        .await;
    assert_eq!(invited.status().as_u16(), 303);
    let mail = app
        .wait_for_mail("lid@example.nl", |m| m.body.contains("/forum/uitnodiging/"))
        .await;
    let link = link_starting_with(&mail.body, &app.url("/forum/uitnodiging/")).unwrap();
    let path = link.trim_start_matches(&app.address).to_owned();
    let member = app.new_visitor();
    let joined = member
        .post_form(
            &path,
            &path,
            &[
                ("name", "Lid Een"),
                ("organisation", "Stichting Open"),
                ("password", "een heel lang wachtwoord"),
            ],
        )
        .await;
    assert_eq!(joined.status().as_u16(), 303);
    let landing = location(&joined);
    assert_eq!(
        landing, "/forum?welkom=1",
        "joining lands on the forum home"
    );
    let home = member.get_html(&landing).await;
    assert!(
        home.contains("role=\"status\">Welkom in het stakeholderforum"),
        "{home}"
    );
    assert!(
        home.contains("href=\"/forum\""),
        "the header links to the forum"
    );
    let open = section(&home, "Open voor reacties");
    assert!(open.contains("Open data voor iedereen"), "{open}");
    assert!(
        section(&home, "Mijn reacties").contains("Je hebt nog niet gereageerd."),
        "{home}"
    );

    // Comment through the home's link.
    let idea_link = href_containing(open, &format!("/ideeen/{}", idea.id));
    let idea_page = idea_link.split('#').next().unwrap().to_owned();
    assert_eq!(
        idea_page,
        format!("/processen/{}/ideeen/{}", s.slug, idea.id)
    );
    let page = member.get_html(&idea_page).await;
    assert!(page.contains("action=\"/forum/reacties\""), "{page}");
    let target = format!("idee-{}", idea.id);
    let mine = comment(&member, &idea_page, &target, None, "Graag ook in CSV.").await;
    let home = member.get_html("/forum").await;
    assert!(!home.contains("Welkom in het stakeholderforum"));
    let listed = section(&home, "Mijn reacties");
    assert!(listed.contains("Graag ook in CSV."), "{listed}");
    assert!(
        listed.contains(&format!("{idea_page}#reactie-{mine}")),
        "{listed}"
    );
    assert!(
        section(&home, "Antwoorden op mijn reacties")
            .contains("Nog niemand heeft op je gereageerd.")
    );
    assert!(section(&home, "Lopende gesprekken").contains("Graag ook in CSV."));

    // Someone else answers; the reply shows on the member's home, not on the answerer's.
    let answer = comment(&org, &idea_page, &target, Some(&mine), "Komt eraan!").await;
    let home = member.get_html("/forum").await;
    let replies = section(&home, "Antwoorden op mijn reacties");
    assert!(replies.contains("Komt eraan!"), "{replies}");
    assert!(
        replies.contains(&format!("{idea_page}#reactie-{answer}")),
        "{replies}"
    );
    let theirs = org.get_html("/forum").await;
    assert!(
        section(&theirs, "Antwoorden op mijn reacties")
            .contains("Nog niemand heeft op je gereageerd.")
    );
    assert!(section(&theirs, "Mijn reacties").contains("Komt eraan!"));

    // Logging in again lands on the home; English is complete.
    let logout = member.post_form("/forum", "/uitloggen", &[]).await;
    assert_eq!(logout.status().as_u16(), 303);
    let login = member
        .login("lid@example.nl", "een heel lang wachtwoord")
        .await;
    assert_eq!(
        location(&login),
        "/forum",
        "a member lands on the forum home"
    );
    let english = member.get_html("/forum?lang=en").await;
    assert!(
        english.contains("Replies to my comments") && english.contains("Komt eraan!"),
        "{english}"
    );
}

/// The demo gives a forum member something to do on the current process: an idea still being
/// weighed and a draft action point with a comment, all reached from `/forum`.
#[tokio::test]
async fn a_demo_forum_member_finds_the_current_process_open_for_comment() {
    let app = spawn_app().await;
    app.load_demo().await;
    let member = app.new_visitor();
    let login = member
        .login(
            "anna.forum@example.org",
            inspraak_web::demo::ORGANISER_PASSWORD,
        )
        .await;
    assert_eq!(location(&login), "/forum");
    let home = member.get_html("/forum").await;
    assert!(home.contains("Een vaste plek voor alle adviezen aan de overheid"));
    assert!(home.contains("Adviezen en reacties vindbaar op één plek (concept)"));
    let point = member
        .get_html(&href_containing(&home, "/actiepunten/"))
        .await;
    assert!(point.contains("Neem ook de adviezen van gemeentelijke adviesraden mee"));
}
