//! Views of online consultations: the public form and its receipt (`form`, `pages`), and the
//! organiser's builder and responses overview (`admin`, `responses`).

pub mod admin;
pub mod form;
pub mod pages;
pub mod responses;

use crate::i18n::consultation as texts;
pub use crate::i18n::window::{open_until, opening, period};
