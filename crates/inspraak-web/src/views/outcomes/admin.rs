//! The organiser's outcomes page: publish or withdraw, the introduction, recurring threads,
//! picking quotes, and the downloads.

use crate::ctx::Ctx;
use crate::export::Format;
use crate::i18n::consultation_translation as translation;
use crate::i18n::{fill, outcomes as texts};
use crate::views::admin_shell::{ConsultationPart, consultation_page};
use crate::views::components::{FormErrors, Input, csrf_field, error_summary, input, textarea};
use crate::views::content::{self, fill_content};
use inspraak_domain::ThreadId;
use inspraak_domain::consultation::{Question, QuestionKind};
use inspraak_store::consultation::Consultation;
use inspraak_store::outcomes::{OutcomeState, Quote, Thread};
use inspraak_store::process::{Process, Theme};
use maud::{Markup, html};

/// The values of the thread form (adding one, or editing `editing`), kept when it is shown
/// again with errors.
#[derive(Debug, Default, Clone)]
pub struct ThreadValues {
    pub title: String,
    pub body: String,
    pub title_translation: String,
    pub body_translation: String,
    pub themes: Vec<String>,
    pub editing: Option<ThreadId>,
}

impl ThreadValues {
    /// The form for editing `thread`, holding what it holds now.
    pub fn of(thread: &Thread) -> Self {
        ThreadValues {
            title: thread.title.main.clone(),
            body: thread.body.main.clone(),
            title_translation: thread.title.translation.clone().unwrap_or_default(),
            body_translation: thread.body.translation.clone().unwrap_or_default(),
            themes: thread.themes.iter().map(|t| t.to_string()).collect(),
            editing: Some(thread.id),
        }
    }
}

pub struct AdminView<'a> {
    pub process: &'a Process,
    pub consultation: &'a Consultation,
    pub state: &'a OutcomeState,
    pub threads: &'a [Thread],
    pub themes: &'a [Theme],
    /// Per text-bearing question: its first candidates.
    pub candidates: &'a [(Question, Vec<Quote>)],
    pub values: ThreadValues,
    pub errors: FormErrors,
}

/// The label of a translation field on this page: the main field's label and the other
/// language.
pub fn translation_label(ctx: &Ctx, main: &str) -> String {
    translation::label(ctx.lang, ctx.state.settings.content_language, main)
}

pub fn admin(ctx: &Ctx, v: &AdminView<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let tt = translation::texts(ctx.lang);
    let intro_tr = translation_label(ctx, t.intro_label);
    let title_tr = translation_label(ctx, t.thread_title);
    let body_tr = translation_label(ctx, t.thread_body);
    let intro_translation = v.state.intro.translation.as_deref().unwrap_or_default();
    let title = fill(t.admin_title, &[("title", &v.consultation.title.main)]);
    let c = ctx.content_lang();
    let base = format!("/beheer/consultaties/{}/uitkomsten", v.consultation.id);
    let public = format!(
        "/processen/{}/uitkomsten/{}",
        v.process.slug, v.consultation.id
    );
    consultation_page(
        ctx,
        v.process,
        (v.consultation.id, &v.consultation.title.main),
        ConsultationPart::Outcomes,
        &title,
        html! {
            (error_summary(ctx.lang, &v.errors))
            h1.utrecht-heading-1 { (fill_content(t.admin_title, "title", &v.consultation.title.main, c)) }
            p.status {
                @if v.state.published_at.is_some() {
                    strong { (t.status_published) } " · " a href=(public) { (t.view_public) }
                } @else { strong { (t.status_draft) } }
            }
            form.inline-form method="post" action={ (base) "/publicatie" } {
                (csrf_field(ctx))
                @if v.state.published_at.is_some() {
                    input type="hidden" name="published" value="0";
                    button.utrecht-button.utrecht-button--secondary-action type="submit" { (t.unpublish) }
                } @else {
                    input type="hidden" name="published" value="1";
                    button.utrecht-button.utrecht-button--primary-action type="submit" { (t.publish) }
                }
            }

            h2.utrecht-heading-2 { (t.intro_label) }
            form.form method="post" action={ (base) "/inleiding" } {
                (csrf_field(ctx))
                (textarea(ctx.lang, Input::text("intro", t.intro_label, &v.state.intro.main).max_length(10_000), 6))
                (textarea(ctx.lang, Input::text("intro_translation", &intro_tr, intro_translation).hint(tt.hint).max_length(10_000), 6))
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.save) }
            }

            h2.utrecht-heading-2 { (t.threads) }
            @for thread in v.threads {
                article.thread id={ "rode-draad-" (thread.id) } {
                    h3.utrecht-heading-3 { (content::tr(&thread.title, c)) }
                    (content::tr_paragraphs(&thread.body, c))
                    p { a href={ (base) "?rode-draad=" (thread.id) "#rode-draad-formulier" } { (t.thread_edit) span.visually-hidden { ": " (content::tr(&thread.title, c)) } } }
                    form.inline-form method="post" action={ (base) "/rode-draden/" (thread.id) "/verwijderen" } {
                        (csrf_field(ctx))
                        button.utrecht-button.utrecht-button--secondary-action type="submit" { (t.thread_remove) " " span.visually-hidden { (content::tr(&thread.title, c)) } }
                    }
                }
            }
            @let (form_heading, form_action, form_button) = match v.values.editing {
                Some(id) => (t.thread_edit_heading, format!("{base}/rode-draden/{id}"), t.thread_save),
                None => (t.thread_add, format!("{base}/rode-draden"), t.thread_add),
            };
            h3.utrecht-heading-3 #rode-draad-formulier { (form_heading) }
            form.form method="post" action=(form_action) novalidate {
                (csrf_field(ctx))
                (input(ctx.lang, Input::text("title", t.thread_title, &v.values.title).required().max_length(200).error(v.errors.get("title"))))
                (input(ctx.lang, Input::text("title_translation", &title_tr, &v.values.title_translation).hint(tt.hint).max_length(200).error(v.errors.get("title_translation"))))
                (textarea(ctx.lang, Input::text("body", t.thread_body, &v.values.body).required().max_length(5000).error(v.errors.get("body")), 4))
                (textarea(ctx.lang, Input::text("body_translation", &body_tr, &v.values.body_translation).hint(tt.hint).max_length(5000).error(v.errors.get("body_translation")), 4))
                @if !v.themes.is_empty() {
                    fieldset.utrecht-form-fieldset__fieldset.utrecht-form-fieldset--html-fieldset {
                        legend.utrecht-form-fieldset__legend.utrecht-form-fieldset__legend--html-legend { (t.thread_themes) }
                        @for theme in v.themes {
                            @let id = format!("thema-{}", theme.id);
                            div.checkbox {
                                input #(id) type="checkbox" name="theme" value=(theme.id)
                                    checked[v.values.themes.iter().any(|x| *x == theme.id.to_string())];
                                label for=(id) lang=[crate::views::content::pick(&theme.name, c).1] { (crate::views::content::pick(&theme.name, c).0) }
                            }
                        }
                    }
                }
                button.utrecht-button.utrecht-button--primary-action type="submit" { (form_button) }
                @if v.values.editing.is_some() { " " a href=(base) { (t.thread_cancel) } }
            }

            h2.utrecht-heading-2 { (t.pick_heading) }
            p { (t.pick_intro) }
            @for (question, quotes) in v.candidates {
                h3.utrecht-heading-3 lang=[c] { (question.prompt.main) }
                ul.quotes {
                    @for quote in quotes {
                        li {
                            @if let Some(yes) = quote.yes { strong { (if yes { t.yes } else { t.no }) } ": " }
                            (quote.text)
                            form.inline-form method="post" action={ (base) "/citaten/" (quote.answer) } {
                                (csrf_field(ctx))
                                @if quote.selected {
                                    input type="hidden" name="selected" value="0";
                                    " (" (t.picked) ") "
                                    button.utrecht-button.utrecht-button--secondary-action type="submit" { (t.unpick) }
                                } @else {
                                    input type="hidden" name="selected" value="1";
                                    button.utrecht-button.utrecht-button--secondary-action type="submit" { (t.pick) }
                                }
                            }
                        }
                    }
                }
                @if let Some(last) = quotes.last() {
                    @if matches!(question.kind, QuestionKind::ShortText | QuestionKind::LongText | QuestionKind::YesNoWhy | QuestionKind::PickThemes) {
                        p { a href={ (base) "?vraag=" (question.id) "&na=" (last.answer) } { (t.more) } }
                    }
                }
            }

            h2.utrecht-heading-2 { (t.exports) }
            ul.downloads {
                li { (t.export_responses) ": "
                    @for (n, f) in Format::ALL.iter().enumerate() {
                        @if n > 0 { " · " }
                        a href={ "/beheer/consultaties/" (v.consultation.id) "/export/reacties." (f.name()) } { (f.label()) }
                    }
                }
                li { (t.export_themes) ": "
                    @for (n, f) in Format::ALL.iter().enumerate() {
                        @if n > 0 { " · " }
                        a href={ "/beheer/consultaties/" (v.consultation.id) "/export/themas." (f.name()) } { (f.label()) }
                    }
                }
            }
            p { small { (crate::export::formats_note(ctx.lang)) } }
        },
    )
}
