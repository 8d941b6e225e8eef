//! Texts of "Bestel een gedrukte versie": the order form for a printed action plan, its thanks
//! page, and the organisers' list of orders (`/beheer/bestellingen`) with its export.

use super::Lang;

pub struct PrintOrderTexts {
    /// The link on the action plan page.
    pub link: &'static str,
    pub link_text: &'static str,
    /// `{title}`: the process.
    pub title: &'static str,
    pub intro: &'static str,
    pub name: &'static str,
    pub address: &'static str,
    pub address_hint: &'static str,
    pub copies: &'static str,
    /// `{max}`.
    pub copies_hint: &'static str,
    pub privacy_hint: &'static str,
    pub send: &'static str,
    pub thanks_title: &'static str,
    pub thanks_text: &'static str,
    pub back: &'static str,
    // Organisers
    pub list_title: &'static str,
    pub none: &'static str,
    pub col_process: &'static str,
    pub col_name: &'static str,
    pub col_address: &'static str,
    pub col_copies: &'static str,
    pub col_ordered: &'static str,
    pub col_status: &'static str,
    pub col_actions: &'static str,
    pub erased: &'static str,
    pub open: &'static str,
    pub handled: &'static str,
    pub mark_handled: &'static str,
    pub handled_notice: &'static str,
    /// `{days}`, `{max}`.
    pub retention_note: &'static str,
    pub download: &'static str,
    /// The dashboard's count.
    pub pending: &'static str,
    /// The privacy statement.
    pub stored: &'static str,
}

pub const NL: PrintOrderTexts = PrintOrderTexts {
    link: "Liever op papier?",
    link_text: "Bestel een gedrukte versie",
    title: "Bestel een gedrukte versie van {title}",
    intro: "We sturen je het actieplan gratis op papier. Vul in waar we het naartoe mogen sturen.",
    name: "Je naam",
    address: "Je adres",
    address_hint: "Straat en huisnummer, postcode en plaats. Elk op een eigen regel mag.",
    copies: "Aantal exemplaren",
    copies_hint: "Van 1 tot en met {max}.",
    privacy_hint: "We gebruiken je naam en adres alleen om het actieplan te versturen. Een maand nadat we het hebben verstuurd, wissen we ze.",
    send: "Bestel",
    thanks_title: "Bedankt voor je bestelling",
    thanks_text: "We sturen het actieplan zo snel mogelijk naar je toe.",
    back: "Terug naar het actieplan",
    list_title: "Bestellingen van gedrukte actieplannen",
    none: "Er zijn nog geen bestellingen.",
    col_process: "Traject",
    col_name: "Naam",
    col_address: "Adres",
    col_copies: "Aantal",
    col_ordered: "Besteld op",
    col_status: "Status",
    col_actions: "Acties",
    erased: "(gewist)",
    open: "Nog versturen",
    handled: "Verstuurd",
    mark_handled: "Markeer als verstuurd",
    handled_notice: "De bestelling is gemarkeerd als verstuurd.",
    retention_note: "Naam en adres worden {days} dagen nadat een bestelling is verstuurd gewist, en uiterlijk {max} dagen na de bestelling.",
    download: "Download de bestellingen",
    pending: "bestellingen wachten",
    stored: "Bestel je een gedrukte versie van een actieplan? Dan bewaren we je naam en adres om het te versturen.",
};

pub const EN: PrintOrderTexts = PrintOrderTexts {
    link: "Prefer paper?",
    link_text: "Order a printed copy",
    title: "Order a printed copy of {title}",
    intro: "We send you the action plan on paper for free. Fill in where we may send it.",
    name: "Your name",
    address: "Your address",
    address_hint: "Street and number, postcode and town. Each on its own line is fine.",
    copies: "Number of copies",
    copies_hint: "From 1 to {max}.",
    privacy_hint: "We only use your name and address to send the action plan. We erase them a month after we sent it.",
    send: "Order",
    thanks_title: "Thank you for your order",
    thanks_text: "We send you the action plan as soon as we can.",
    back: "Back to the action plan",
    list_title: "Orders of printed action plans",
    none: "There are no orders yet.",
    col_process: "Process",
    col_name: "Name",
    col_address: "Address",
    col_copies: "Copies",
    col_ordered: "Ordered on",
    col_status: "Status",
    col_actions: "Actions",
    erased: "(erased)",
    open: "To send",
    handled: "Sent",
    mark_handled: "Mark as sent",
    handled_notice: "The order has been marked as sent.",
    retention_note: "Name and address are erased {days} days after an order was sent, and at the latest {max} days after the order.",
    download: "Download the orders",
    pending: "orders waiting",
    stored: "Do you order a printed copy of an action plan? Then we keep your name and address to send it.",
};

pub fn texts(lang: Lang) -> &'static PrintOrderTexts {
    lang.pick(&NL, &EN)
}
