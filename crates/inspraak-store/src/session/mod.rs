//! Think-along sessions and events: organiser CRUD, sign-up with double opt-in, seats and the
//! waiting list, cancellation, expiry, reminders, attendance, reports, the agenda, and proposed
//! events.
//!
//! Seats are a database guarantee. Every change to a session's sign-ups first locks the
//! session's row (an UPDATE that changes nothing), so on PostgreSQL the changes to one session
//! queue up behind each other whichever app instance makes them, and a query for "the first on
//! the waiting list" always sees the latest committed list. A seat is taken only by the
//! conditional `UPDATE sessions SET seats_taken = seats_taken + 1 WHERE id = ? AND
//! (capacity IS NULL OR seats_taken < capacity)` in the confirming transaction; state changes
//! of a sign-up are conditional on its current state, so a replayed link changes nothing.
//!
//! Mails are composed by a [`SessionMailer`] the caller provides (the web crate: texts, links,
//! calendar files) and queued in the outbox in the same transaction.

mod admin;
mod agenda;
mod attendees;
mod jobs;
mod mail;
mod proposals;
mod records;
mod reports;
mod seats;
mod signup;
mod tokens;

pub use admin::{
    delete, find, find_public, insert, list_for_process, recompute_erase_after, update,
};
pub use agenda::{Agenda, AgendaEntry, AgendaScope, agenda, upcoming};
pub use attendees::{
    RegistrationRow, mail_participants, record_attendance, registration_counts, registrations,
};
pub use jobs::{erase_due_personal_data, expire_pending, fill_all_free_seats, queue_reminders};
pub use mail::{MailContent, MailContext, SessionMail, SessionMailer};
pub use proposals::{
    ProposedEvent, approved_upcoming as approved_proposals, decide as decide_proposal,
    insert as propose_event, list as list_proposals,
};
pub use records::{Registrant, Session};
pub use reports::{ReportOutcome, save_report, unpublish_report};
pub(crate) use seats::cancel_for_erasure;
pub use seats::{CancelOutcome, ConfirmOutcome, cancel, confirm};
pub(crate) use signup::active_key;
pub use signup::{SignUpOutcome, sign_up};
pub use tokens::{TokenPurpose, TokenView, peek_token};
