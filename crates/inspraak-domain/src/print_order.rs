//! "Bestel een gedrukte versie": an order for printed copies of a process's action plan. Name
//! and postal address are personal data, blanked by the rules in [`crate::retention::handled`];
//! the number of copies stays.

use crate::text::NonEmptyText;
use crate::validation::{FieldErrors, Problem};

pub type OrderName = NonEmptyText<200, false, true>;
/// A postal address over several lines.
pub type PostalAddress = NonEmptyText<500, true>;

/// At most this many copies per order: more is a matter for a phone call.
pub const MAX_COPIES: u8 = 10;

/// An order as the form sends it: `name`, `address`, `copies`.
#[derive(Debug, Clone)]
pub struct NewPrintOrder {
    pub name: OrderName,
    pub address: PostalAddress,
    pub copies: u8,
}

fn copies(raw: &str) -> Result<u8, Problem> {
    raw.trim()
        .parse::<u8>()
        .ok()
        .filter(|n| (1..=MAX_COPIES).contains(n))
        .ok_or(Problem::Invalid)
}

impl NewPrintOrder {
    pub fn parse(name: &str, address: &str, copies_raw: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take("name", OrderName::parse(name));
        let address = errors.take("address", PostalAddress::parse(address));
        let copies = errors.take("copies", copies(copies_raw));
        match (name, address, copies) {
            (Some(name), Some(address), Some(copies)) => Ok(Self {
                name,
                address,
                copies,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_order_needs_a_name_an_address_and_one_to_ten_copies() {
        for bad in ["0", "11", "twee", ""] {
            let errors = NewPrintOrder::parse("", " ", bad).err().unwrap_or_default();
            let fields: Vec<_> = errors.0.iter().map(|e| e.field).collect();
            assert_eq!(fields, ["name", "address", "copies"], "{bad}");
        }
        let ok = NewPrintOrder::parse("Jet de Vries", "Dorpsstraat 1\n1234 AB Lindendal", " 2 ");
        assert!(ok.is_ok_and(|o| o.copies == 2));
    }
}
