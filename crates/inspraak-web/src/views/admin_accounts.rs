//! Organiser pages: accounts (second-factor reset, inviting, withdrawing an invitation,
//! removing) and the audit trail.

use super::admin_shell::{Crumb, admin_page};
use super::components::{FormErrors, Input, csrf_field, error_summary, field_id, input};
use crate::ctx::Ctx;
use crate::flows::accounts::INVITABLE;
use crate::i18n::{Lang, accounts as accounts_texts, audit as texts, fill};
use inspraak_domain::{AuditAction, Role};
use inspraak_store::audit::Entry;
use inspraak_store::invitations::Invitation;
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

/// What the accounts page says at the top after an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    SecondFactorReset,
    Invited,
    Removed,
    Withdrawn,
}

/// The invite form as typed, with its errors (shown again with 422).
#[derive(Default)]
pub struct InviteForm<'a> {
    pub email: &'a str,
    pub role: &'a str,
    pub errors: FormErrors,
}

pub struct AccountsPage<'a> {
    pub accounts: &'a [(User, bool)],
    pub invitations: &'a [Invitation],
    pub notice: Option<Notice>,
    /// A refusal to show above the table (removing the last organiser).
    pub refusal: Option<&'static str>,
    pub invite: InviteForm<'a>,
}

fn notice_text(lang: Lang, notice: Notice) -> &'static str {
    let a = accounts_texts::texts(lang);
    match notice {
        Notice::SecondFactorReset => texts::texts(lang).reset_done,
        Notice::Invited => a.invited_notice,
        Notice::Removed => a.removed_notice,
        Notice::Withdrawn => a.withdrawn_notice,
    }
}

pub fn accounts(ctx: &Ctx, view: &AccountsPage<'_>) -> Markup {
    let t = texts::texts(ctx.lang);
    let a = accounts_texts::texts(ctx.lang);
    admin_page(
        ctx,
        &[Crumb::new(t.accounts_title, "/beheer/accounts")],
        None,
        t.accounts_title,
        html! {
            h1.utrecht-heading-1 { (t.accounts_title) }
            @if let Some(notice) = view.notice { p.utrecht-alert.utrecht-alert--ok role="status" { (notice_text(ctx.lang, notice)) } }
            @if let Some(refusal) = view.refusal { p.utrecht-alert.utrecht-alert--error role="alert" { (refusal) } }
            (error_summary(ctx.lang, &view.invite.errors))
            div.table-wrapper {
                table.utrecht-table.utrecht-table--html-table {
                    thead { tr {
                        th scope="col" { (t.col_email) } th scope="col" { (t.col_name) } th scope="col" { (t.col_role) }
                        th scope="col" { (t.col_two_step) } th scope="col" { (t.col_actions) }
                    } }
                    tbody {
                        @for (user, two_step) in view.accounts {
                            @let other = ctx.user.as_ref().is_some_and(|me| me.id != user.id);
                            tr {
                                td { (user.email) }
                                td { (user.display_name) }
                                td { (role_label(ctx.lang, user.role)) }
                                td { @if *two_step { (t.on) } @else { (t.off) } }
                                td {
                                    @if *two_step && other {
                                        form.inline-form method="post" action={ "/beheer/accounts/" (user.id) "/tweestapsverificatie-resetten" } {
                                            (csrf_field(ctx))
                                            button.utrecht-button.utrecht-button--secondary-action.utrecht-button--danger type="submit" { (t.reset_two_step) span.visually-hidden { ": " (user.email) } }
                                        }
                                    }
                                    @if other {
                                        form.inline-form method="post" action={ "/beheer/accounts/" (user.id) "/verwijderen" } {
                                            (csrf_field(ctx))
                                            button.utrecht-button.utrecht-button--secondary-action.utrecht-button--danger type="submit" { (a.remove_button) span.visually-hidden { ": " (user.email) } }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2.utrecht-heading-2 #uitnodigen { (a.invite_title) }
            p { (a.invite_intro) }
            (invite_form(ctx, &view.invite))
            h2.utrecht-heading-2 { (a.open_title) }
            @if view.invitations.is_empty() {
                p { (a.no_open) }
            } @else {
                div.table-wrapper {
                    table.utrecht-table.utrecht-table--html-table {
                        thead { tr {
                            th scope="col" { (t.col_email) } th scope="col" { (t.col_role) }
                            th scope="col" { (a.col_valid_until) } th scope="col" { (t.col_actions) }
                        } }
                        tbody {
                            @for invitation in view.invitations {
                                tr {
                                    td { (invitation.email) }
                                    td { (role_label(ctx.lang, invitation.role)) }
                                    td { (ctx.lang.date_time(invitation.expires_at)) }
                                    td {
                                        form.inline-form method="post" action={ "/beheer/accounts/uitnodigingen/" (invitation.id) "/intrekken" } {
                                            (csrf_field(ctx))
                                            button.utrecht-button.utrecht-button--secondary-action type="submit" { (a.withdraw_button) span.visually-hidden { ": " (invitation.email) } }
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

fn invite_form(ctx: &Ctx, form: &InviteForm<'_>) -> Markup {
    let a = accounts_texts::texts(ctx.lang);
    let role_error = form.errors.get("role");
    html! {
        form.form method="post" action="/beheer/accounts/uitnodigen" novalidate {
            (csrf_field(ctx))
            (input(ctx.lang, Input::text("email", a.invite_email, form.email).kind("email").required().autocomplete("off").max_length(254).error(form.errors.get("email"))))
            div.utrecht-form-field.utrecht-form-field--invalid[role_error.is_some()] #(field_id("role")) {
                fieldset.utrecht-form-fieldset__fieldset.utrecht-form-fieldset--html-fieldset aria-describedby=[role_error.map(|_| "veld-role-fout")] {
                    legend.utrecht-form-fieldset__legend.utrecht-form-fieldset__legend--html-legend { (a.invite_role) }
                    @if let Some(error) = role_error {
                        p.utrecht-form-field-error-message #veld-role-fout { (error) }
                    }
                    @for role in INVITABLE {
                        @let id = format!("rol-{}", role.as_str());
                        div.radio {
                            input #(id) type="radio" name="role" value=(role.as_str()) checked[form.role == role.as_str()];
                            " "
                            label for=(id) { (role_label(ctx.lang, role)) }
                        }
                    }
                }
            }
            button.utrecht-button.utrecht-button--primary-action type="submit" { (a.invite_button) }
        }
    }
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
