//! "Laat het ons weten": a message to the organisers through the contact form. The address is
//! needed to answer; the name is optional. Both, and the message, are personal data kept by the
//! rules in [`crate::retention::handled`].

use crate::Email;
use crate::text::{NonEmptyText, OptionalText};
use crate::validation::FieldErrors;

pub type ContactName = OptionalText<200, false, true>;
pub type ContactBody = NonEmptyText<5_000, true>;

/// A contact message as the form sends it: `name`, `email`, `message`.
#[derive(Debug, Clone)]
pub struct NewContactMessage {
    pub name: Option<String>,
    pub email: Email,
    pub message: ContactBody,
}

impl NewContactMessage {
    pub fn parse(name: &str, email: &str, message: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take("name", ContactName::parse(name));
        let email = errors.take("email", Email::parse(email));
        let message = errors.take("message", ContactBody::parse(message));
        match (name, email, message) {
            (Some(name), Some(email), Some(message)) => Ok(Self {
                name: name.into_option(),
                email,
                message,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_needs_an_address_and_text_but_no_name() {
        let errors = NewContactMessage::parse("\u{200b}", "geen adres", " ")
            .err()
            .unwrap_or_default();
        let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "email", "message"]);
        let ok = NewContactMessage::parse("", "an@example.nl", "Wij willen meedoen.\nGroet");
        assert!(ok.is_ok_and(|m| m.name.is_none()));
    }
}
