//! The translation field beside an organiser-written field (issue #24): named
//! `<field>_translation`, labelled with the other language ("Titel (Engels)"), never required,
//! with a hint that it may stay empty.

use crate::ctx::Ctx;
use crate::i18n::translation_fields as texts;
use crate::views::components::{FormErrors, Input, input, textarea};
use maud::Markup;

/// The label of `field`'s translation on this page: "Titel (Engels)".
pub fn label(ctx: &Ctx, field_label: &str) -> String {
    texts::label(ctx.lang, ctx.state.settings.content_language, field_label)
}

/// The label of any field of a form, translation fields included: `base` names the fields the
/// form had before translations, and `<field>_translation` gets "<label of field> (Engels)".
pub fn field_label(ctx: &Ctx, field: &str, base: impl Fn(&str) -> String) -> String {
    match field.strip_suffix("_translation") {
        Some(main) => label(ctx, &base(main)),
        None => base(field),
    }
}

/// A one-line translation field.
pub fn translation_input(
    ctx: &Ctx,
    name: &str,
    field_label: &str,
    value: &str,
    max_length: usize,
    errors: &FormErrors,
) -> Markup {
    let name = format!("{name}_translation");
    let label = label(ctx, field_label);
    input(
        ctx.lang,
        Input::text(&name, &label, value)
            .hint(texts::texts(ctx.lang).hint)
            .max_length(max_length)
            .error(errors.get(&name)),
    )
}

/// A multi-line translation field.
pub fn translation_textarea(
    ctx: &Ctx,
    name: &str,
    field_label: &str,
    value: &str,
    max_length: Option<usize>,
    rows: u32,
    errors: &FormErrors,
) -> Markup {
    let name = format!("{name}_translation");
    let label = label(ctx, field_label);
    let mut field = Input::text(&name, &label, value)
        .hint(texts::texts(ctx.lang).hint)
        .error(errors.get(&name));
    if let Some(max) = max_length {
        field = field.max_length(max);
    }
    textarea(ctx.lang, field, rows)
}
