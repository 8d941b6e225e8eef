//! Accounts in the web layer: password hashing, login, and the extractors that guard pages.

pub mod guard;
pub mod password;
pub mod totp;
