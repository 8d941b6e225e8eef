//! Inspraak's domain: the types and rules of a public consultation platform.
//!
//! Raw input becomes a type here that cannot hold a bad value (`Email`, `Slug`, `NonEmptyText`,
//! `PhaseDates` …); everything past this crate can trust what it holds.
//!
//! **Invariant:** no I/O. This crate knows nothing of HTTP, SQL, HTML, mail or async runtimes.

pub mod audit;
pub mod consultation;
pub mod contact;
pub mod email;
pub mod evaluation;
pub mod ideas;
pub mod ids;
pub mod language;
pub mod password;
pub mod print_order;
pub mod process;
pub mod retention;
pub mod role;
pub mod session;
pub mod slug;
pub mod small_numbers;
pub mod text;
pub mod time;
pub mod traceability;
pub mod translated;
pub mod validation;

pub use audit::AuditAction;
pub use email::{Email, EmailError};
pub use ids::*;
pub use language::Language;
pub use password::{NewPassword, PasswordError};
pub use process::{
    NewPhase, NewProcess, NewTheme, PhaseDates, PhaseDatesError, PhaseTiming, ProcessStatus,
};
pub use role::Role;
pub use slug::{Slug, SlugError};
pub use text::{NonEmptyText, OptionalText, TextError};
pub use translated::Translated;
pub use validation::{FieldError, FieldErrors, Problem};
