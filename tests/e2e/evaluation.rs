//! "Eerdere actieplannen" (issue #24): an organiser writes the self-evaluation of an archived
//! process through the real form, in Dutch and English side by side; the process's public page
//! shows it in the visitor's language (the Dutch text marked `lang="nl"` on an English page while
//! the translation is missing), with its documents; a refused text comes back with the error and
//! everything typed; a process that is not archived offers no self-evaluation. Both engines.

use crate::helpers::{TestApp, csrf_token, spawn_app};
use crate::publications::{BOUNDARY, multipart, pdf_bytes};
use inspraak_domain::{AuditAction, NewProcess, ProcessId, ProcessStatus};
use inspraak_store::audit::{self, Filter};
use inspraak_store::{evaluation, process, publications};

const DUTCH: &str = "Wat ging goed: we deden veel online.\n\nWat kan beter: meer terugkoppeling.";
const ENGLISH: &str = "What went well: much was online.\n\nWhat could be better: more feedback.";

async fn process_with_status(app: &TestApp, status: ProcessStatus) -> (ProcessId, String) {
    let new = NewProcess::parse("Actieplan Open Overheid 2018", "", "Het derde plan.").unwrap();
    let id = process::insert(app.db.write(), &new, app.clock.now())
        .await
        .unwrap();
    process::set_status(app.db.write(), id, status, app.clock.now())
        .await
        .unwrap();
    let slug = process::find(app.db.read(), id)
        .await
        .unwrap()
        .unwrap()
        .slug;
    (id, slug)
}

fn evaluation_path(id: ProcessId) -> String {
    format!("/beheer/processen/{id}/zelfevaluatie")
}

async fn write(app: &TestApp, id: ProcessId, body: &str, translation: &str) -> reqwest::Response {
    let path = evaluation_path(id);
    app.post_form(
        &path,
        &path,
        &[("body", body), ("body_translation", translation)],
    )
    .await
}

/// The public page's self-evaluation section (from its heading to the section's end).
fn evaluation_section(page: &str) -> &str {
    let start = page
        .find("aria-labelledby=\"zelfevaluatie\"")
        .expect("a self-evaluation section");
    let end = page[start..].find("</section>").unwrap() + start;
    &page[start..end]
}

#[tokio::test]
async fn an_organiser_writes_the_self_evaluation_and_the_archive_shows_it_in_both_languages() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let (id, slug) = process_with_status(&app, ProcessStatus::Archived).await;

    // The archive ("Eerdere actieplannen" on the home page) links the process.
    let home = app.new_visitor().get_html("/").await;
    assert!(home.contains("Eerdere actieplannen"), "{home}");
    assert!(home.contains(&format!("href=\"/processen/{slug}\"")));
    let home = app.new_visitor().get_html("/?lang=en").await;
    assert!(home.contains("Earlier action plans"));

    // The organiser reaches the form from the process's overview.
    let overview = app.get_html(&format!("/beheer/processen/{id}")).await;
    assert!(overview.contains(&format!("href=\"{}\"", evaluation_path(id))));
    let form = app.get_html(&evaluation_path(id)).await;
    assert!(form.contains("Zelfevaluatie (Nederlands)"), "{form}");
    assert!(form.contains("Zelfevaluatie (Engels)"));
    assert!(form.contains("name=\"body_translation\""));

    let response = write(&app, id, DUTCH, ENGLISH).await;
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(
        response.headers()["location"],
        format!("{}?opgeslagen=tekst", evaluation_path(id))
    );
    let saved = app
        .get_html(&format!("{}?opgeslagen=tekst", evaluation_path(id)))
        .await;
    assert!(saved.contains("De zelfevaluatie is opgeslagen."));
    assert!(
        saved.contains("What could be better: more feedback."),
        "saved text is shown again"
    );

    let dutch = app
        .new_visitor()
        .get_html(&format!("/processen/{slug}"))
        .await;
    let section = evaluation_section(&dutch);
    assert!(
        section.contains("<p>Wat ging goed: we deden veel online.</p>"),
        "{section}"
    );
    assert!(section.contains("<p>Wat kan beter: meer terugkoppeling.</p>"));
    assert!(!section.contains("lang="));

    let english = app
        .new_visitor()
        .get_html(&format!("/processen/{slug}?lang=en"))
        .await;
    let section = evaluation_section(&english);
    assert!(section.contains("Self-evaluation"));
    assert!(
        section.contains("<p>What went well: much was online.</p>"),
        "{section}"
    );
    assert!(!section.contains("Wat ging goed"));
    assert!(
        !section.contains("lang=\"nl\""),
        "a translation is unmarked"
    );

    // Without its translation the English page shows the Dutch text, marked as Dutch.
    let response = write(&app, id, DUTCH, "").await;
    assert_eq!(response.status().as_u16(), 303);
    let english = app
        .new_visitor()
        .get_html(&format!("/processen/{slug}?lang=en"))
        .await;
    let section = evaluation_section(&english);
    assert!(
        section.contains("<p lang=\"nl\">Wat ging goed: we deden veel online.</p>"),
        "{section}"
    );
    assert!(!section.contains("What went well"));

    // Each save is an audit row, like other organiser edits.
    let (entries, _) = audit::page(
        app.db.read(),
        &Filter {
            action: Some(AuditAction::ProcessUpdated),
            actor: None,
        },
        0,
        10,
    )
    .await
    .unwrap();
    let subject = format!("process {id}: self-evaluation edited");
    let edits = entries
        .iter()
        .filter(|e| e.subject.as_deref() == Some(subject.as_str()))
        .count();
    assert_eq!(edits, 2);
}

#[tokio::test]
async fn a_refused_self_evaluation_comes_back_with_the_error_and_everything_typed() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let (id, slug) = process_with_status(&app, ProcessStatus::Archived).await;
    let too_long = "Too long. ".repeat(2_001);

    let response = write(&app, id, "Mijn Nederlandse tekst.", &too_long).await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("error-summary"), "{page}");
    assert!(
        page.contains("href=\"#veld-body_translation\""),
        "the summary names the field"
    );
    assert!(page.contains("Zelfevaluatie (Engels)"));
    assert!(
        page.contains(">Mijn Nederlandse tekst.</textarea>"),
        "the Dutch text stays"
    );
    assert!(page.contains(too_long.trim_end()), "the translation stays");

    // An empty main text is refused too; the translation typed stays.
    let response = write(&app, id, "  ", "Only English.").await;
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains("href=\"#veld-body\""));
    assert!(page.contains(">Only English.</textarea>"));

    assert_eq!(evaluation::find(app.db.read(), id).await.unwrap(), None);
    let public = app
        .new_visitor()
        .get_html(&format!("/processen/{slug}"))
        .await;
    assert!(!public.contains("aria-labelledby=\"zelfevaluatie\""));
}

#[tokio::test]
async fn a_process_that_is_not_archived_offers_no_self_evaluation() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let (id, _) = process_with_status(&app, ProcessStatus::Published).await;

    let overview = app.get_html(&format!("/beheer/processen/{id}")).await;
    assert!(!overview.contains(&evaluation_path(id)));
    assert!(overview.contains("Archiveer het traject eerst"));
    assert_eq!(app.get(&evaluation_path(id)).await.status().as_u16(), 404);
    // The form's token from a page that does exist: the refusal is the 404, not the token.
    let token = csrf_token(&app.get_html(&format!("/beheer/processen/{id}")).await);
    let response = app
        .post_raw(
            &evaluation_path(id),
            &[
                ("csrf_token", token.as_str()),
                ("body", DUTCH),
                ("body_translation", ""),
            ],
        )
        .await;
    assert_eq!(response.status().as_u16(), 404);
    assert_eq!(evaluation::find(app.db.read(), id).await.unwrap(), None);
}

#[tokio::test]
async fn a_document_of_the_self_evaluation_is_listed_with_it() {
    let app = spawn_app().await;
    app.login_as_organiser().await;
    let (id, slug) = process_with_status(&app, ProcessStatus::Archived).await;
    assert_eq!(write(&app, id, DUTCH, ENGLISH).await.status().as_u16(), 303);

    let page = app.get_html(&evaluation_path(id)).await;
    let token = csrf_token(&page);
    let fields = [
        ("csrf_token", token.as_str()),
        ("title", "Evaluatierapport 2018"),
        (
            "description",
            "Het rapport van de onafhankelijke evaluatie.",
        ),
        ("date", "2020-06-30"),
        ("language", "nl"),
    ];
    let pdf = pdf_bytes(20_000);
    let response = app
        .client
        .post(app.url(&format!("{}/documenten", evaluation_path(id))))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(&fields, Some(("rapport.pdf", &pdf))))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 303);
    let documents = publications::documents_of(app.db.read(), publications::Owner::Evaluation(id))
        .await
        .unwrap();
    assert_eq!(documents.len(), 1);
    let document = &documents[0];

    let public = app
        .new_visitor()
        .get_html(&format!("/processen/{slug}"))
        .await;
    let section = evaluation_section(&public);
    assert!(section.contains("Documenten bij de zelfevaluatie"));
    assert!(section.contains(&format!("href=\"/documenten/{}\"", document.id)));
    assert!(section.contains("Evaluatierapport 2018"));
    // Not listed a second time among the process's other documents.
    assert_eq!(
        public
            .matches(&format!("href=\"/documenten/{}\"", document.id))
            .count(),
        1
    );
    let download = app
        .new_visitor()
        .get(&format!("/documenten/{}/download", document.id))
        .await;
    assert_eq!(download.status().as_u16(), 200);
    assert_eq!(download.bytes().await.unwrap().as_ref(), pdf.as_slice());

    // A refused upload (no title) comes back with what was typed.
    let fields = [
        ("csrf_token", token.as_str()),
        ("title", ""),
        ("description", "Bijlage bij het rapport."),
        ("date", "2020-06-30"),
        ("language", "en"),
    ];
    let response = app
        .client
        .post(app.url(&format!("{}/documenten", evaluation_path(id))))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(&fields, Some(("bijlage.pdf", &pdf))))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 422);
    let page = response.text().await.unwrap();
    assert!(page.contains(">Bijlage bij het rapport.</textarea>"));
    assert!(page.contains("href=\"#veld-title\""));
}

#[tokio::test]
async fn the_demo_archive_shows_its_self_evaluation_in_english() {
    let app = spawn_app().await;
    app.load_demo().await;
    let slug = "actieplan-open-overheid-2020-2022";
    let english = app.get_html(&format!("/processen/{slug}?lang=en")).await;
    let section = evaluation_section(&english);
    assert!(
        section.contains("The fourth action plan ran from 2020 to 2022."),
        "{section}"
    );
    assert!(!section.contains("lang=\"nl\""));
    let dutch = app
        .new_visitor()
        .get_html(&format!("/processen/{slug}"))
        .await;
    assert!(evaluation_section(&dutch).contains("Het vierde actieplan liep van 2020"));
}
