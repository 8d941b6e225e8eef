//! sea-orm entities. They stay inside this crate: the store's API speaks domain types and plain
//! records, never entities, so a form can never be bound to a table.

pub mod accessibility_statement;
pub mod account_invitations;
pub mod audit_log;
pub mod consultation;
pub mod contact_messages;
pub mod documents;
pub mod forum_join_requests;
pub mod ideas;
pub mod login_failures;
pub mod login_sessions;
pub mod outbox;
pub mod outcome;
pub mod password_resets;
pub mod phases;
pub mod print_orders;
pub mod process_evaluations;
pub mod processes;
pub mod progress_reports;
pub mod proposed_events;
pub mod recovery_codes;
pub mod registrants;
pub mod registration_tokens;
pub mod registrations;
pub mod sessions;
pub mod subscriptions;
pub mod themes;
pub mod totp_credentials;
pub mod traceability;
pub mod users;
