//! Content in two languages on the organiser's pages (issue #24): the label and hint of a
//! translation field, and the per-process indicator "Vertaling compleet" / "Nog te vertalen".

use crate::ctx::Ctx;
use crate::i18n::{fill, translations as texts};
use inspraak_domain::Language;
use inspraak_store::translations::Missing;
use maud::{Markup, html};

fn language_name(ctx: &Ctx, language: Language) -> &'static str {
    let t = texts::texts(ctx.lang);
    match language {
        Language::Dutch => t.dutch,
        Language::English => t.english,
    }
}

/// The language translations are written in: the interface language that is not the content
/// language.
fn translation_language(ctx: &Ctx) -> Language {
    match ctx.state.settings.content_language {
        Language::Dutch => Language::English,
        Language::English => Language::Dutch,
    }
}

/// The label of the translation field beside `label`: "Titel (Engels)".
pub fn label(ctx: &Ctx, label: &str) -> String {
    let language = language_name(ctx, translation_language(ctx));
    fill(
        texts::texts(ctx.lang).in_language,
        &[("label", label), ("language", language)],
    )
}

/// The hint of a translation field: it may stay empty, and what visitors then see.
pub fn hint(ctx: &Ctx) -> String {
    let language = language_name(ctx, ctx.state.settings.content_language);
    fill(
        texts::texts(ctx.lang).may_stay_empty,
        &[("language", language)],
    )
}

/// The kind of text and which part of it, e.g. "Thema (beschrijving)".
fn kind(ctx: &Ctx, item: &Missing) -> String {
    let t = texts::texts(ctx.lang);
    let (kind, part) = match (item.table, item.column) {
        ("processes", "title") => (t.kind_process_title, None),
        ("processes", _) => (t.kind_process_summary, None),
        ("phases", "name") => (t.kind_phase, None),
        ("phases", _) => (t.kind_phase, Some(t.part_description)),
        ("themes", "name") => (t.kind_theme, None),
        ("themes", _) => (t.kind_theme, Some(t.part_description)),
        ("consultations", "title") => (t.kind_consultation, Some(t.part_title)),
        ("consultations", _) => (t.kind_consultation, Some(t.part_text)),
        ("consultation_questions", "options") => (t.kind_options, None),
        ("consultation_questions", "prompt") => (t.kind_question, None),
        ("consultation_questions", _) => (t.kind_question, Some(t.part_description)),
        ("sessions", "report") => (t.kind_session_report, None),
        ("sessions", "title") => (t.kind_session, Some(t.part_title)),
        ("sessions", _) => (t.kind_session, Some(t.part_description)),
        ("action_plans", _) => (t.kind_plan_introduction, None),
        ("action_points", "title") => (t.kind_action_point, Some(t.part_title)),
        ("action_points", _) => (t.kind_action_point, Some(t.part_text)),
        ("progress_updates", _) => (t.kind_progress_update, None),
        ("progress_reports", "title") => (t.kind_progress_report, Some(t.part_title)),
        ("progress_reports", _) => (t.kind_progress_report, Some(t.part_text)),
        ("consultation_outcomes", _) => (t.kind_outcome, None),
        ("outcome_threads", "title") => (t.kind_thread, Some(t.part_title)),
        ("outcome_threads", _) => (t.kind_thread, Some(t.part_text)),
        ("documents", "title") => (t.kind_document, Some(t.part_title)),
        _ => (t.kind_document, Some(t.part_description)),
    };
    match part {
        Some(part) => format!("{kind} ({part})"),
        None => kind.to_owned(),
    }
}

/// The organiser page that edits the text.
fn edit_link(process: i64, item: &Missing) -> String {
    let base = format!("/beheer/processen/{process}");
    match item.table {
        "processes" => format!("{base}#gegevens"),
        "phases" => format!("{base}#fasen"),
        "themes" => format!("{base}#themas"),
        "consultations" | "consultation_questions" => {
            format!("/beheer/consultaties/{}", item.parent)
        }
        "consultation_outcomes" | "outcome_threads" => {
            format!("/beheer/consultaties/{}/uitkomsten", item.parent)
        }
        "sessions" if item.column == "report" => {
            format!("/beheer/bijeenkomsten/{}/verslag", item.id)
        }
        "sessions" => format!("/beheer/bijeenkomsten/{}", item.id),
        "action_plans" => format!("{base}/actiepunten"),
        "action_points" | "progress_updates" => format!("{base}/actiepunten/{}", item.parent),
        "documents" if item.owner_kind == "session" => {
            format!("/beheer/bijeenkomsten/{}", item.parent)
        }
        "documents" if item.owner_kind == "action_point" => {
            format!("{base}/actiepunten/{}", item.parent)
        }
        _ => format!("{base}/publicaties"),
    }
}

/// At most this many characters of a text in the list.
const SHORT: usize = 80;

/// The main text on one line, shortened; an options list as its labels.
fn shortened(item: &Missing) -> String {
    let text = if item.column == "options" {
        serde_json::from_str::<Vec<String>>(&item.text)
            .map(|labels| labels.join(", "))
            .unwrap_or_else(|_| item.text.clone())
    } else {
        item.text.clone()
    };
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= SHORT {
        line
    } else {
        let cut: String = line.chars().take(SHORT - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// "Vertaling compleet", or "Nog te vertalen: N" with a list of what and where to fix it.
pub fn status(ctx: &Ctx, process: i64, missing: &[Missing]) -> Markup {
    let t = texts::texts(ctx.lang);
    let lang = ctx.content_lang();
    html! {
        section.translation-status aria-labelledby="vertaling" {
            h2.utrecht-heading-2 #vertaling { (t.heading) }
            @if missing.is_empty() {
                p.translation-complete { (t.complete) }
            } @else {
                p.translation-missing { (fill(t.missing_count, &[("count", &missing.len().to_string())])) }
                details {
                    summary { (t.show_list) }
                    p { (t.missing_intro) }
                    table.utrecht-table {
                        thead.utrecht-table__header {
                            tr.utrecht-table__row {
                                th.utrecht-table__header-cell scope="col" { (t.col_kind) }
                                th.utrecht-table__header-cell scope="col" { (t.col_text) }
                                th.utrecht-table__header-cell scope="col" { (t.col_where) }
                            }
                        }
                        tbody.utrecht-table__body {
                            @for item in missing {
                                @let kind = kind(ctx, item);
                                tr.utrecht-table__row {
                                    td.utrecht-table__cell { (kind) }
                                    td.utrecht-table__cell lang=[lang] { (shortened(item)) }
                                    td.utrecht-table__cell {
                                        a href=(edit_link(process, item)) { (t.fix) span.visually-hidden { ": " (kind) } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(table: &'static str, column: &'static str, text: &str) -> Missing {
        Missing {
            table,
            column,
            id: 7,
            parent: 3,
            owner_kind: String::new(),
            text: text.into(),
        }
    }

    #[test]
    fn a_long_text_is_shortened_on_one_line_and_options_show_their_labels() {
        let long = format!("Een\nlange {}", "tekst ".repeat(40));
        let short = shortened(&item("themes", "description", &long));
        assert!(short.chars().count() <= SHORT);
        assert!(short.starts_with("Een lange tekst") && short.ends_with('…'));
        assert_eq!(
            shortened(&item(
                "consultation_questions",
                "options",
                r#"["Ja","Nee"]"#
            )),
            "Ja, Nee"
        );
    }

    #[test]
    fn each_text_links_to_the_page_that_edits_it() {
        assert_eq!(
            edit_link(1, &item("themes", "name", "Groen")),
            "/beheer/processen/1#themas"
        );
        assert_eq!(
            edit_link(1, &item("consultation_questions", "prompt", "Vraag")),
            "/beheer/consultaties/3"
        );
        assert_eq!(
            edit_link(1, &item("progress_updates", "body", "Stand")),
            "/beheer/processen/1/actiepunten/3"
        );
    }
}
