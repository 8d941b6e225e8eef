//! maud templates: `layout` (the page shell), `components` (form fields, error summary), and one
//! module per page family. Views take plain records and `Ctx`, never entities. No `PreEscaped`
//! on anything a person typed.

pub mod accessibility;
pub mod account;
pub mod admin;
pub mod admin_accounts;
pub mod admin_shell;
pub mod auth;
pub mod components;
pub mod consultation;
pub mod contact;
pub mod content;
pub mod evaluation;
pub mod footer;
pub mod forum_requests;
pub mod ideas;
pub mod invitation;
pub mod layout;
pub mod outcomes;
pub mod print_orders;
pub mod privacy_statement;
pub mod process;
pub mod process_results;
pub mod publications;
pub mod session;
pub mod shell;
pub mod theme;
pub mod traceability;
pub mod translation_fields;
pub mod translations;
pub mod workspace;
