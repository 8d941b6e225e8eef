//! Asking to join the stakeholder forum: who you are, which organisation, why.

use super::{MemberName, Organisation};
use crate::email::Email;
use crate::text::NonEmptyText;
use crate::validation::FieldErrors;

pub type JoinMotivation = NonEmptyText<2000, true>;

#[derive(Debug, Clone)]
pub struct JoinRequest {
    pub name: MemberName,
    pub email: Email,
    pub organisation: Option<String>,
    pub motivation: JoinMotivation,
}

impl JoinRequest {
    /// Every bad field at once, named as in the form (`name`, `email`, `organisation`,
    /// `motivation`).
    pub fn parse(
        name: &str,
        email: &str,
        organisation: &str,
        motivation: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take("name", MemberName::parse(name));
        let email = errors.take("email", Email::parse(email));
        let organisation = errors.take("organisation", Organisation::parse(organisation));
        let motivation = errors.take("motivation", JoinMotivation::parse(motivation));
        match (name, email, organisation, motivation) {
            (Some(name), Some(email), Some(organisation), Some(motivation)) => Ok(Self {
                name,
                email,
                organisation: organisation.into_option(),
                motivation,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_needs_a_name_an_address_and_a_reason() {
        let ok = JoinRequest::parse("Anna", "anna@example.org", "", "Ik woon in de wijk.");
        assert!(ok.is_ok_and(|r| r.organisation.is_none()));
        let Err(errors) = JoinRequest::parse(" ", "geen-adres", "Club", "\u{200b}") else {
            panic!("bad input was taken");
        };
        for field in ["name", "email", "motivation"] {
            assert!(errors.for_field(field).is_some(), "{field} not refused");
        }
        assert!(errors.for_field("organisation").is_none());
    }
}
