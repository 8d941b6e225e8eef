//! Organiser pages: accounts (with second-factor reset) and the audit trail.

use super::admin_shell::{Crumb, admin_page};
use super::components::csrf_field;
use crate::ctx::Ctx;
use crate::i18n::{Lang, audit as texts, fill};
use inspraak_domain::{AuditAction, Role};
use inspraak_store::audit::Entry;
use inspraak_store::users::User;
use maud::{Markup, html};

pub fn role_label(lang: Lang, role: Role) -> &'static str {
    let t = texts::texts(lang);
    match role {
        Role::Organiser => t.role_organiser,
        Role::ForumMember => t.role_forum_member,
        Role::ActionHolder => t.role_action_holder,
    }
}

pub fn accounts(ctx: &Ctx, accounts: &[(User, bool)], notice: bool) -> Markup {
    let t = texts::texts(ctx.lang);
    admin_page(
        ctx,
        &[Crumb::new(t.accounts_title, "/beheer/accounts")],
        None,
        t.accounts_title,
        html! {
            h1.utrecht-heading-1 { (t.accounts_title) }
            @if notice { p.utrecht-alert.utrecht-alert--ok role="status" { (t.reset_done) } }
            div.table-wrapper {
                table.utrecht-table.utrecht-table--html-table {
                    thead { tr {
                        th scope="col" { (t.col_email) } th scope="col" { (t.col_name) } th scope="col" { (t.col_role) }
                        th scope="col" { (t.col_two_step) } th scope="col" { (t.col_actions) }
                    } }
                    tbody {
                        @for (user, two_step) in accounts {
                            tr {
                                td { (user.email) }
                                td { (user.display_name) }
                                td { (role_label(ctx.lang, user.role)) }
                                td { @if *two_step { (t.on) } @else { (t.off) } }
                                td {
                                    @if *two_step && ctx.user.as_ref().is_some_and(|me| me.id != user.id) {
                                        form.inline-form method="post" action={ "/beheer/accounts/" (user.id) "/tweestapsverificatie-resetten" } {
                                            (csrf_field(ctx))
                                            button.utrecht-button.utrecht-button--secondary-action.utrecht-button--danger type="submit" { (t.reset_two_step) span.visually-hidden { ": " (user.email) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

pub struct AuditPage<'a> {
    pub entries: &'a [Entry],
    pub action: Option<AuditAction>,
    pub page: u64,
    pub pages: u64,
}

pub fn audit(ctx: &Ctx, view: AuditPage<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let action_param = view
        .action
        .map(|a| format!("actie={}&", a.as_str()))
        .unwrap_or_default();
    admin_page(
        ctx,
        &[Crumb::new(t.audit_title, "/beheer/logboek")],
        None,
        t.audit_title,
        html! {
            h1.utrecht-heading-1 { (t.audit_title) }
            p { (t.audit_intro) }
            form.form.filter-form method="get" action="/beheer/logboek" {
                div.utrecht-form-field {
                    label.utrecht-form-label for="veld-actie" { (t.filter_action) }
                    select.utrecht-select.utrecht-select--html-select #veld-actie name="actie" {
                        option value="" { (t.filter_all) }
                        @for action in AuditAction::ALL {
                            option value=(action.as_str()) selected[view.action == Some(action)] { (texts::action_label(ctx.lang, action)) }
                        }
                    }
                }
                button.utrecht-button.utrecht-button--secondary-action type="submit" { (t.filter_button) }
            }
            p { (t.export_csv) ": "
                @for (n, f) in crate::export::Format::ALL.iter().enumerate() {
                    @if n > 0 { " · " }
                    a href={ "/beheer/logboek." (f.name()) "?" (action_param) } download { (f.label()) }
                }
                br;
                small { (crate::export::formats_note(ctx.lang)) }
            }
            @if view.entries.is_empty() {
                p { (t.no_entries) }
            } @else {
                div.table-wrapper {
                    table.utrecht-table.utrecht-table--html-table {
                        thead { tr {
                            th scope="col" { (t.col_when) } th scope="col" { (t.col_who) } th scope="col" { (t.col_what) }
                            th scope="col" { (t.col_subject) } th scope="col" { (t.col_network) }
                        } }
                        tbody {
                            @for e in view.entries {
                                tr {
                                    td { (ctx.lang.date_time(e.at)) }
                                    td { (e.actor_label.as_deref().unwrap_or(t.nobody)) }
                                    td { (e.action.map(|a| texts::action_label(ctx.lang, a)).unwrap_or(t.nobody)) }
                                    td { (e.subject.as_deref().unwrap_or("")) }
                                    td { (e.address_range.as_deref().unwrap_or("")) }
                                }
                            }
                        }
                    }
                }
                nav.pagination aria-label=(fill(t.page_of, &[("page", &(view.page + 1).to_string()), ("pages", &view.pages.max(1).to_string())])) {
                    p { (fill(t.page_of, &[("page", &(view.page + 1).to_string()), ("pages", &view.pages.max(1).to_string())])) }
                    @if view.page > 0 { a href={ "/beheer/logboek?" (action_param) "pagina=" (view.page) } { (t.previous) } " " }
                    @if view.page + 1 < view.pages { a href={ "/beheer/logboek?" (action_param) "pagina=" (view.page + 2) } { (t.next) } }
                }
            }
        },
    )
}
