//! The organiser's outcomes page, its forms, and the downloads (streamed).

use super::super::{WebResult, html_with_status, see_other};
use crate::audit;
use crate::auth::guard::Organiser;
use crate::error::WebError;
use crate::export::Format;
use crate::export::responses::{ChannelSink, file_name, write_responses, write_themes};
use crate::i18n::common;
use crate::i18n::outcomes as texts;
use crate::read::lookup;
use crate::views::components::FormErrors;
use crate::views::outcomes::admin::{self as view, AdminView, ThreadValues};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use inspraak_domain::consultation::QuestionKind;
use inspraak_domain::text::{NonEmptyText, OptionalText};
use inspraak_domain::translated::parse_translation;
use inspraak_domain::{
    AnswerId, AuditAction, ConsultationId, Problem, QuestionId, ThemeId, ThreadId,
};
use inspraak_store::consultation;
use inspraak_store::outcomes::ThreadTexts;
use inspraak_store::process;
use inspraak_store::{StoreError, outcomes};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(page)
        .service(publish)
        .service(save_intro)
        .service(add_thread)
        .service(edit_thread)
        .service(remove_thread)
        .service(pick_quote)
        .service(export_responses)
        .service(export_themes);
}

#[derive(Deserialize, Default)]
struct PageQuery {
    vraag: Option<QuestionId>,
    na: Option<AnswerId>,
    /// The thread whose texts the form below the threads edits ("Bewerken").
    #[serde(rename = "rode-draad")]
    rode_draad: Option<ThreadId>,
}

const CANDIDATES: u64 = 20;

async fn render(
    o: &Organiser,
    id: ConsultationId,
    query: &PageQuery,
    values: ThreadValues,
    errors: FormErrors,
) -> WebResult<maud::Markup> {
    let (consultation, process) = lookup::consultation(o.ctx.state.db.read(), id).await?;
    let conn = o.ctx.state.db.read();
    let state = outcomes::state(conn, consultation.id).await?;
    let threads = outcomes::threads(conn, consultation.id).await?;
    let themes = process::themes(conn, consultation.process_id).await?;
    // "Bewerken" on a thread: the form starts with what it holds (a form shown again after an
    // error keeps what was typed instead).
    let values = match query.rode_draad {
        Some(editing) if values.editing.is_none() => {
            let thread = threads
                .iter()
                .find(|t| t.id == editing)
                .ok_or(WebError::NotFound)?;
            ThreadValues::of(thread)
        }
        _ => values,
    };
    let mut candidates = Vec::new();
    for question in consultation::questions(conn, consultation.id).await? {
        let texty = matches!(
            question.kind,
            QuestionKind::ShortText
                | QuestionKind::LongText
                | QuestionKind::YesNoWhy
                | QuestionKind::PickThemes
        );
        if !texty {
            continue;
        }
        let after = query.na.filter(|_| query.vraag == Some(question.id));
        let quotes =
            outcomes::candidates(conn, consultation.id, question.id, after, CANDIDATES).await?;
        candidates.push((question, quotes));
    }
    Ok(view::admin(
        &o.ctx,
        &AdminView {
            process: &process,
            consultation: &consultation,
            state: &state,
            threads: &threads,
            themes: &themes,
            candidates: &candidates,
            values,
            errors,
        },
    ))
}

#[get("/beheer/consultaties/{id}/uitkomsten")]
async fn page(
    o: Organiser,
    id: web::Path<ConsultationId>,
    query: web::Query<PageQuery>,
) -> WebResult<maud::Markup> {
    render(
        &o,
        *id,
        &query,
        ThreadValues::default(),
        FormErrors::default(),
    )
    .await
}

#[derive(Deserialize)]
struct PublishForm {
    published: String,
}

#[post("/beheer/consultaties/{id}/uitkomsten/publicatie")]
async fn publish(
    o: Organiser,
    id: web::Path<ConsultationId>,
    form: web::Form<PublishForm>,
) -> WebResult<HttpResponse> {
    let published = match form.published.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(WebError::BadRequest),
    };
    let (consultation, process) = lookup::consultation(o.ctx.state.db.read(), *id).await?;
    crate::flows::outcomes::publish(&o.ctx, &consultation, &process, published).await?;
    Ok(see_other(&format!(
        "/beheer/consultaties/{}/uitkomsten",
        consultation.id
    )))
}

#[derive(Deserialize)]
struct IntroForm {
    intro: String,
    #[serde(default)]
    intro_translation: String,
}

/// An introduction as typed: empty is allowed; the length is bounded, and the domain's text
/// rule (NFC, no NUL or other control characters) applies.
fn intro_text(raw: &str) -> Result<Option<String>, WebError> {
    let intro: String = raw.trim().chars().take(10_000).collect();
    Ok(OptionalText::<10_000, true>::parse(&intro)
        .map_err(|_| WebError::BadRequest)?
        .into_option())
}

#[post("/beheer/consultaties/{id}/uitkomsten/inleiding")]
async fn save_intro(
    o: Organiser,
    id: web::Path<ConsultationId>,
    form: web::Form<IntroForm>,
) -> WebResult<HttpResponse> {
    let (consultation, _) = lookup::consultation(o.ctx.state.db.read(), *id).await?;
    // The page has no error state for the introduction (nor its translation), so characters
    // that are not allowed answer 400 with an explanation.
    let intro = intro_text(&form.intro)?.unwrap_or_default();
    let translation = intro_text(&form.intro_translation)?;
    outcomes::save_intro(
        o.ctx.state.db.write(),
        consultation.id,
        &intro,
        translation.as_deref(),
        o.ctx.now,
    )
    .await?;
    Ok(see_other(&format!(
        "/beheer/consultaties/{}/uitkomsten",
        consultation.id
    )))
}

type ThreadTitle = NonEmptyText<200>;
type ThreadBody = NonEmptyText<5000, true>;

/// The thread form as typed (a theme box per chosen theme).
fn thread_values(form: &[(String, String)]) -> ThreadValues {
    let value = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    ThreadValues {
        title: value("title"),
        body: value("body"),
        title_translation: value("title_translation"),
        body_translation: value("body_translation"),
        themes: form
            .iter()
            .filter(|(k, _)| k == "theme")
            .map(|(_, v)| v.clone())
            .collect(),
        editing: None,
    }
}

/// A thread as posted and parsed: its texts (with translations) and the consultation's themes
/// it was linked to.
struct ParsedThread {
    title: ThreadTitle,
    body: ThreadBody,
    title_translation: Option<ThreadTitle>,
    body_translation: Option<ThreadBody>,
    themes: Vec<ThemeId>,
}

impl ParsedThread {
    fn texts(&self) -> ThreadTexts<'_> {
        ThreadTexts {
            title: self.title.as_str(),
            body: self.body.as_str(),
            title_translation: self.title_translation.as_ref().map(|t| t.as_str()),
            body_translation: self.body_translation.as_ref().map(|t| t.as_str()),
        }
    }
}

/// Parses the thread form (adding or editing); every refused field is named in the errors.
async fn parse_thread(
    o: &Organiser,
    consultation: &consultation::Consultation,
    values: &ThreadValues,
) -> WebResult<Result<ParsedThread, FormErrors>> {
    let t = texts::texts(o.ctx.lang);
    let mut errors = FormErrors::default();
    let title = ThreadTitle::parse(&values.title);
    let body = ThreadBody::parse(&values.body);
    if title.is_err() {
        errors.push("title", t.error_title.to_owned());
    }
    if body.is_err() {
        errors.push("body", t.error_body.to_owned());
    }
    let title_translation = parse_translation::<200, false, false>(&values.title_translation);
    let body_translation = parse_translation::<5000, true, false>(&values.body_translation);
    for (field, label, result) in [
        (
            "title_translation",
            t.thread_title,
            title_translation.as_ref().err(),
        ),
        (
            "body_translation",
            t.thread_body,
            body_translation.as_ref().err(),
        ),
    ] {
        if let Some(e) = result {
            let label = view::translation_label(&o.ctx, label);
            errors.push(
                field,
                common::problem_message(o.ctx.lang, Problem::Text(*e), &label),
            );
        }
    }
    let known: Vec<ThemeId> = process::themes(o.ctx.state.db.read(), consultation.process_id)
        .await?
        .iter()
        .map(|t| t.id)
        .collect();
    let themes: Vec<ThemeId> = values
        .themes
        .iter()
        .filter_map(|v| v.parse().ok().map(ThemeId))
        .filter(|id| known.contains(id))
        .collect();
    Ok(match (title, body, title_translation, body_translation) {
        (Ok(title), Ok(body), Ok(title_translation), Ok(body_translation)) => Ok(ParsedThread {
            title,
            body,
            title_translation,
            body_translation,
            themes,
        }),
        _ => Err(errors),
    })
}

#[post("/beheer/consultaties/{id}/uitkomsten/rode-draden")]
async fn add_thread(
    o: Organiser,
    id: web::Path<ConsultationId>,
    form: web::Form<Vec<(String, String)>>,
) -> WebResult<HttpResponse> {
    let (consultation, _) = lookup::consultation(o.ctx.state.db.read(), *id).await?;
    let values = thread_values(&form);
    match parse_thread(&o, &consultation, &values).await? {
        Ok(thread) => {
            outcomes::add_thread(
                o.ctx.state.db.write(),
                consultation.id,
                thread.texts(),
                &thread.themes,
            )
            .await?;
            Ok(see_other(&format!(
                "/beheer/consultaties/{}/uitkomsten",
                consultation.id
            )))
        }
        Err(errors) => {
            let markup = render(&o, *id, &PageQuery::default(), values, errors).await?;
            Ok(html_with_status(StatusCode::UNPROCESSABLE_ENTITY, markup))
        }
    }
}

/// Saves an edited thread (texts, translations, themes): how an organiser adds a translation to
/// a thread written before, without losing the contributions linked to it.
#[post("/beheer/consultaties/{id}/uitkomsten/rode-draden/{thread}")]
async fn edit_thread(
    o: Organiser,
    path: web::Path<(ConsultationId, ThreadId)>,
    form: web::Form<Vec<(String, String)>>,
) -> WebResult<HttpResponse> {
    let (id, thread_id) = *path;
    let (consultation, _) = lookup::consultation(o.ctx.state.db.read(), id).await?;
    let values = ThreadValues {
        editing: Some(thread_id),
        ..thread_values(&form)
    };
    match parse_thread(&o, &consultation, &values).await? {
        Ok(thread) => {
            outcomes::update_thread(
                o.ctx.state.db.write(),
                consultation.id,
                thread_id,
                thread.texts(),
                &thread.themes,
            )
            .await?;
            Ok(see_other(&format!(
                "/beheer/consultaties/{}/uitkomsten#rode-draad-{}",
                consultation.id, thread_id
            )))
        }
        Err(errors) => {
            let markup = render(&o, id, &PageQuery::default(), values, errors).await?;
            Ok(html_with_status(StatusCode::UNPROCESSABLE_ENTITY, markup))
        }
    }
}

#[post("/beheer/consultaties/{id}/uitkomsten/rode-draden/{thread}/verwijderen")]
async fn remove_thread(
    o: Organiser,
    path: web::Path<(ConsultationId, ThreadId)>,
) -> WebResult<HttpResponse> {
    let (consultation, _) = lookup::consultation(o.ctx.state.db.read(), path.0).await?;
    match outcomes::remove_thread(o.ctx.state.db.write(), consultation.id, path.1).await {
        Ok(()) | Err(StoreError::NotFound) => {}
        Err(e) => return Err(e.into()),
    }
    Ok(see_other(&format!(
        "/beheer/consultaties/{}/uitkomsten",
        consultation.id
    )))
}

#[derive(Deserialize)]
struct QuoteForm {
    selected: String,
}

#[post("/beheer/consultaties/{id}/uitkomsten/citaten/{answer}")]
async fn pick_quote(
    o: Organiser,
    path: web::Path<(ConsultationId, AnswerId)>,
    form: web::Form<QuoteForm>,
) -> WebResult<HttpResponse> {
    let selected = match form.selected.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(WebError::BadRequest),
    };
    let (consultation, _) = lookup::consultation(o.ctx.state.db.read(), path.0).await?;
    match outcomes::set_quote(o.ctx.state.db.write(), consultation.id, path.1, selected).await {
        Ok(()) => {}
        Err(StoreError::NotFound) => return Err(WebError::NotFound),
        Err(e) => return Err(e.into()),
    }
    Ok(see_other(&format!(
        "/beheer/consultaties/{}/uitkomsten",
        consultation.id
    )))
}

fn format_of(name: &str) -> WebResult<Format> {
    Format::parse(name).ok_or(WebError::NotFound)
}

/// A streamed download: the body is produced by a task reading pages from the database while
/// the client receives earlier ones; a bounded channel keeps at most a few pages in flight.
pub(crate) fn streamed(
    format: Format,
    name: String,
    produce: impl FnOnce(ChannelSink) -> tokio::task::JoinHandle<()>,
) -> HttpResponse {
    let (tx, mut rx) = tokio::sync::mpsc::channel(4);
    produce(ChannelSink(tx));
    let body = futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx));
    HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ))
        // May hold what people wrote: never kept by a browser or proxy cache.
        .insert_header(("Cache-Control", "no-store"))
        .streaming(body)
}

async fn audit_export(o: &Organiser, what: String) -> WebResult<()> {
    audit::record(
        o.ctx.state.db.write(),
        &o.ctx,
        None,
        AuditAction::DataExported,
        Some(what),
    )
    .await?;
    Ok(())
}

#[get("/beheer/consultaties/{id}/export/reacties.{format}")]
async fn export_responses(
    o: Organiser,
    path: web::Path<(ConsultationId, String)>,
) -> WebResult<HttpResponse> {
    let format = format_of(&path.1)?;
    let (consultation, _) = lookup::consultation(o.ctx.state.db.read(), path.0).await?;
    audit_export(
        &o,
        format!(
            "responses of consultation {} ({})",
            consultation.id,
            format.extension()
        ),
    )
    .await?;
    let name = file_name("reacties", &consultation, format, o.ctx.now);
    let db = o.ctx.state.db.clone();
    let lang = o.ctx.lang;
    Ok(streamed(format, name, move |mut sink| {
        tokio::spawn(async move {
            let result =
                write_responses(db.read(), lang, &consultation, format, &mut sink, |_| {}).await;
            if let Err(e) = result {
                tracing::error!(error = %e, "responses export failed");
                let _ = sink
                    .0
                    .send(Err(std::io::Error::other("export failed")))
                    .await;
            }
        })
    }))
}

#[get("/beheer/consultaties/{id}/export/themas.{format}")]
async fn export_themes(
    o: Organiser,
    path: web::Path<(ConsultationId, String)>,
) -> WebResult<HttpResponse> {
    let format = format_of(&path.1)?;
    let (consultation, _) = lookup::consultation(o.ctx.state.db.read(), path.0).await?;
    audit_export(
        &o,
        format!(
            "outcomes of consultation {} ({})",
            consultation.id,
            format.extension()
        ),
    )
    .await?;
    let name = file_name("uitkomsten-per-thema", &consultation, format, o.ctx.now);
    let db = o.ctx.state.db.clone();
    let lang = o.ctx.lang;
    Ok(streamed(format, name, move |mut sink| {
        tokio::spawn(async move {
            if let Err(e) = write_themes(db.read(), lang, &consultation, format, &mut sink).await {
                tracing::error!(error = %e, "themes export failed");
                let _ = sink
                    .0
                    .send(Err(std::io::Error::other("export failed")))
                    .await;
            }
        })
    }))
}
