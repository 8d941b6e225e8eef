//! Organiser pages: the overview of sessions per process and the session form.

use super::{kind_label, when};
use crate::ctx::Ctx;
use crate::i18n::{Lang, common, fill, session_admin as texts};
use crate::views::admin_shell::{Crumb, InProcess, Section, admin_page};
use crate::views::components::{
    FormErrors, Input, csrf_field, error_summary, field_id, input, textarea,
};
use crate::views::content;
use crate::views::translation_fields;
use inspraak_domain::session::{SessionForm, SessionKind, local_input_value};
use inspraak_store::process::{Process, Theme};
use inspraak_store::session::Session;
use maud::{Markup, html};

/// The session form as typed; checkboxes are present or absent.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct SessionFormData {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub theme_id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub title_translation: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub description_translation: String,
    #[serde(default)]
    pub starts_at: String,
    #[serde(default)]
    pub ends_at: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub online_link: String,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub signup_opens_at: String,
    #[serde(default)]
    pub signup_closes_at: String,
    pub ask_organisation: Option<String>,
    pub ask_needs: Option<String>,
}

impl SessionFormData {
    pub fn raw(&self) -> SessionForm<'_> {
        SessionForm {
            kind: &self.kind,
            theme_id: &self.theme_id,
            title: &self.title,
            title_translation: &self.title_translation,
            description: &self.description,
            description_translation: &self.description_translation,
            starts_at: &self.starts_at,
            ends_at: &self.ends_at,
            location: &self.location,
            online_link: &self.online_link,
            capacity: &self.capacity,
            signup_opens_at: &self.signup_opens_at,
            signup_closes_at: &self.signup_closes_at,
            ask_organisation: self.ask_organisation.is_some(),
            ask_needs: self.ask_needs.is_some(),
        }
    }

    /// The form filled with a stored session.
    pub fn from_session(s: &Session) -> Self {
        let on = |b: bool| b.then(|| "1".to_owned());
        SessionFormData {
            kind: s.kind.as_str().to_owned(),
            theme_id: s.theme_id.map(|t| t.to_string()).unwrap_or_default(),
            title: s.title.main.clone(),
            title_translation: s.title.translation.clone().unwrap_or_default(),
            description: s.description.main.clone(),
            description_translation: s.description.translation.clone().unwrap_or_default(),
            starts_at: local_input_value(s.schedule.starts_at()),
            ends_at: local_input_value(s.schedule.ends_at()),
            location: s.location.clone().unwrap_or_default(),
            online_link: s.online_link.clone().unwrap_or_default(),
            capacity: s.capacity.form_value(),
            signup_opens_at: s
                .schedule
                .signup_opens_at()
                .map(local_input_value)
                .unwrap_or_default(),
            signup_closes_at: s
                .schedule
                .signup_closes_at()
                .map(local_input_value)
                .unwrap_or_default(),
            ask_organisation: on(s.ask_organisation),
            ask_needs: on(s.ask_needs),
        }
    }

    pub fn new_default() -> Self {
        SessionFormData {
            kind: SessionKind::ThinkAlong.as_str().to_owned(),
            ask_organisation: Some("1".into()),
            ..Self::default()
        }
    }
}

/// The name of a form field as the error summary says it (translations included).
pub fn label(ctx: &Ctx, field: &str) -> String {
    translation_fields::field_label(ctx, field, |f| base_label(ctx.lang, f))
}

fn base_label(lang: Lang, field: &str) -> String {
    let t = texts::texts(lang);
    match field {
        "kind" => t.kind,
        "theme_id" => t.theme,
        "title" => t.title,
        "description" => t.description,
        "starts_at" => t.starts_at,
        "ends_at" => t.ends_at,
        "location" => t.location,
        "online_link" => t.online_link,
        "capacity" => t.capacity,
        "signup_opens_at" => t.signup_opens_at,
        _ => t.signup_closes_at,
    }
    .to_owned()
}

/// Seats as the organiser reads them: "12 van 25".
pub fn seats(lang: Lang, s: &Session) -> String {
    let t = texts::texts(lang);
    let taken = s.seats_taken.to_string();
    match s.capacity.limit() {
        Some(n) => fill(
            t.seats_value,
            &[("taken", &taken), ("capacity", &n.to_string())],
        ),
        None => fill(t.seats_unlimited, &[("taken", &taken)]),
    }
}

pub fn overview(ctx: &Ctx, groups: &[(Process, Vec<Session>)], pending_proposals: usize) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    admin_page(
        ctx,
        &[Crumb::new(t.overview_title, "/beheer/bijeenkomsten")],
        None,
        t.overview_title,
        html! {
            h1.utrecht-heading-1 { (t.overview_title) }
            p { a href="/beheer/agenda-voorstellen" { (t.proposals_link) " (" (pending_proposals) ")" } }
            @for (process, sessions) in groups {
                section aria-labelledby={ "proces-" (process.id) } {
                    h2.utrecht-heading-2 id={ "proces-" (process.id) } { (crate::views::content::tr(&process.title, c)) }
                    p { a.utrecht-button-link.utrecht-button-link--html-a.utrecht-button-link--primary-action href={ "/beheer/processen/" (process.id) "/bijeenkomsten/nieuw" } { (t.new_session) span.visually-hidden { ": " (content::tr(&process.title, c)) } } }
                    @if sessions.is_empty() { p { (t.no_sessions) } } @else {
                        div.table-wrapper { table.utrecht-table.utrecht-table--html-table {
                            thead { tr { th scope="col" { (t.col_title) } th scope="col" { (t.col_when) } th scope="col" { (t.col_seats) } th scope="col" { (t.col_actions) } } }
                            tbody { @for s in sessions {
                                tr {
                                    td { (content::tr(&s.title, c)) br; small { (kind_label(ctx.lang, s.kind)) } }
                                    td { (when(ctx.lang, s)) }
                                    td { (seats(ctx.lang, s)) }
                                    td {
                                        a href={ "/beheer/bijeenkomsten/" (s.id) } { (t.edit) span.visually-hidden { ": " (content::tr(&s.title, c)) } } " · "
                                        a href={ "/beheer/bijeenkomsten/" (s.id) "/aanmeldingen" } { (t.registrations) span.visually-hidden { ": " (content::tr(&s.title, c)) } } " · "
                                        a href={ "/beheer/bijeenkomsten/" (s.id) "/verslag" } { (t.report) span.visually-hidden { ": " (content::tr(&s.title, c)) } }
                                    }
                                }
                            } }
                        } }
                    }
                }
            }
        },
    )
}

fn datetime(
    ctx: &Ctx,
    name: &'static str,
    value: &str,
    hint: &'static str,
    required: bool,
    errors: &FormErrors,
) -> Markup {
    let t = texts::texts(ctx.lang);
    let label = match name {
        "starts_at" => t.starts_at,
        "ends_at" => t.ends_at,
        "signup_opens_at" => t.signup_opens_at,
        _ => t.signup_closes_at,
    };
    let mut field = Input::text(name, label, value)
        .kind("datetime-local")
        .hint(hint)
        .error(errors.get(name));
    if required {
        field = field.required();
    }
    input(ctx.lang, field)
}

fn fields(ctx: &Ctx, themes: &[Theme], form: &SessionFormData, errors: &FormErrors) -> Markup {
    let t = texts::texts(ctx.lang);
    let theme_error = errors.get("theme_id");
    html! {
        fieldset.utrecht-form-fieldset__fieldset.utrecht-form-fieldset--html-fieldset #(field_id("kind")) {
            legend.utrecht-form-fieldset__legend.utrecht-form-fieldset__legend--html-legend { (t.kind) }
            @if let Some(error) = errors.get("kind") { p.utrecht-form-field-error-message { (error) } }
            @for kind in SessionKind::ALL {
                div.utrecht-form-field.field--radio {
                    input id={ "soort-" (kind.as_str()) } type="radio" name="kind" value=(kind.as_str()) checked[form.kind == kind.as_str()];
                    label for={ "soort-" (kind.as_str()) } { (kind_label(ctx.lang, kind)) }
                }
            }
        }
        div.utrecht-form-field.utrecht-form-field--invalid[theme_error.is_some()] {
            label.utrecht-form-label for=(field_id("theme_id")) { (t.theme) " " span.field__marker { (common::texts(ctx.lang).optional_marker) } }
            @if let Some(error) = theme_error { p.utrecht-form-field-error-message id={ (field_id("theme_id")) "-fout" } { (error) } }
            select.utrecht-select.utrecht-select--html-select #(field_id("theme_id")) name="theme_id" aria-invalid=[theme_error.map(|_| "true")] {
                option value="" selected[form.theme_id.is_empty()] { (t.no_theme) }
                @for theme in themes {
                    option value=(theme.id) selected[form.theme_id == theme.id.to_string()] lang=[crate::views::content::pick(&theme.name, ctx.content_lang()).1] { (crate::views::content::pick(&theme.name, ctx.content_lang()).0) }
                }
            }
        }
        (input(ctx.lang, Input::text("title", t.title, &form.title).required().max_length(200).error(errors.get("title"))))
        (translation_fields::translation_input(ctx, "title", t.title, &form.title_translation, 200, errors))
        (textarea(ctx.lang, Input::text("description", t.description, &form.description).required().error(errors.get("description")), 6))
        (translation_fields::translation_textarea(ctx, "description", t.description, &form.description_translation, None, 6, errors))
        div.field-row {
            (datetime(ctx, "starts_at", &form.starts_at, t.datetime_hint, true, errors))
            (datetime(ctx, "ends_at", &form.ends_at, t.datetime_hint, true, errors))
        }
        (input(ctx.lang, Input::text("location", t.location, &form.location).max_length(300).hint(t.location_hint).error(errors.get("location"))))
        (input(ctx.lang, Input::text("online_link", t.online_link, &form.online_link).kind("url").hint(t.online_link_hint).error(errors.get("online_link"))))
        (input(ctx.lang, Input::text("capacity", t.capacity, &form.capacity).kind("text").hint(t.capacity_hint).error(errors.get("capacity"))))
        div.field-row {
            (datetime(ctx, "signup_opens_at", &form.signup_opens_at, t.signup_window_hint, false, errors))
            (datetime(ctx, "signup_closes_at", &form.signup_closes_at, t.signup_window_hint, false, errors))
        }
        fieldset.utrecht-form-fieldset__fieldset.utrecht-form-fieldset--html-fieldset {
            legend.utrecht-form-fieldset__legend.utrecht-form-fieldset__legend--html-legend { (t.ask_legend) }
            div.utrecht-form-field.utrecht-form-field--checkbox {
                input #veld-ask_organisation type="checkbox" name="ask_organisation" value="1" checked[form.ask_organisation.is_some()];
                label for="veld-ask_organisation" { (t.ask_organisation) }
            }
            div.utrecht-form-field.utrecht-form-field--checkbox {
                input #veld-ask_needs type="checkbox" name="ask_needs" value="1" checked[form.ask_needs.is_some()];
                label for="veld-ask_needs" { (t.ask_needs) }
            }
        }
    }
}

pub struct FormPage<'a> {
    pub process: &'a Process,
    pub themes: &'a [Theme],
    /// `None` for a new session.
    pub session: Option<&'a Session>,
    pub form: &'a SessionFormData,
    pub errors: &'a FormErrors,
    pub notice: Option<&'a str>,
}

pub fn session_form(ctx: &Ctx, view: FormPage<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let c = ctx.content_lang();
    let heading = match view.session {
        Some(_) => html! { (t.edit_session) },
        None => {
            crate::views::content::fill_tr(t.new_session_for, "process", &view.process.title, c)
        }
    };
    let (title, action) = match view.session {
        Some(s) => (
            t.edit_session.to_owned(),
            format!("/beheer/bijeenkomsten/{}", s.id),
        ),
        None => (
            fill(
                t.new_session_for,
                &[(
                    "process",
                    crate::views::content::pick(&view.process.title, ctx.content_lang()).0,
                )],
            ),
            format!("/beheer/processen/{}/bijeenkomsten/nieuw", view.process.id),
        ),
    };
    let section = Section::Sessions;
    let p = view.process;
    let current = match view.session {
        Some(s) => Crumb::titled(s.title.main.clone(), action.clone()),
        None => Crumb::new(title.clone(), action.clone()),
    };
    admin_page(
        ctx,
        &[
            Crumb::new(section.label(ctx.lang), section.href(p.id)),
            current,
        ],
        Some(InProcess::new(p.id, &p.title, section)),
        &title,
        html! {
            p.eyebrow { (crate::views::content::tr(&view.process.title, c)) }
            h1.utrecht-heading-1 { (heading) }
            @if let Some(notice) = view.notice { p.utrecht-alert.utrecht-alert--ok role="status" { (notice) } }
            @if let Some(s) = view.session {
                p {
                    a href={ "/beheer/bijeenkomsten/" (s.id) "/aanmeldingen" } { (t.registrations) } " · "
                    a href={ "/beheer/bijeenkomsten/" (s.id) "/bericht" } { (t.message) } " · "
                    a href={ "/beheer/bijeenkomsten/" (s.id) "/verslag" } { (t.report) } " · "
                    a href={ "/bijeenkomsten/" (s.id) } { (t.view_public) }
                }
            }
            (error_summary(ctx.lang, view.errors))
            form.form method="post" action=(action) novalidate {
                (csrf_field(ctx))
                (fields(ctx, view.themes, view.form, view.errors))
                @if view.session.is_some() { p.utrecht-paragraph { (t.change_is_mailed) } }
                button.utrecht-button.utrecht-button--primary-action type="submit" { (t.save_session) }
            }
            @if let Some(s) = view.session {
                @if s.is_cancelled() {
                    p.utrecht-alert.utrecht-alert--warning role="status" { (t.called_off_state) }
                } @else if !s.schedule.is_over(ctx.now) {
                    section aria-labelledby="afgelasten" {
                        h2.utrecht-heading-2 #afgelasten { (t.call_off_title) }
                        p { (t.call_off_intro) }
                        form.inline-form method="post" action={ "/beheer/bijeenkomsten/" (s.id) "/afgelasten" } {
                            (csrf_field(ctx))
                            button.utrecht-button.utrecht-button--secondary-action.utrecht-button--danger type="submit" { (t.call_off_button) }
                        }
                    }
                }
                form.inline-form method="post" action={ "/beheer/bijeenkomsten/" (s.id) "/verwijderen" } {
                    (csrf_field(ctx))
                    button.utrecht-button.utrecht-button--secondary-action.utrecht-button--danger type="submit" { (t.delete_session) }
                }
            }
            p { a href="/beheer/bijeenkomsten" { (t.back_to_overview) } }
        },
    )
}
