//! Texts of the contact form ("Laat het ons weten", `/contact`), its thanks page, the
//! organisers' queue (`/beheer/contact`) and the mail to the organisation's address.

use super::Lang;

pub struct ContactTexts {
    pub title: &'static str,
    pub intro: &'static str,
    /// `{organisation}`: other ways to reach the organisation, under the form.
    pub other_ways: &'static str,
    pub name: &'static str,
    pub name_hint: &'static str,
    pub email: &'static str,
    pub email_hint: &'static str,
    pub message: &'static str,
    pub message_hint: &'static str,
    pub send: &'static str,
    pub thanks_title: &'static str,
    pub thanks_text: &'static str,
    pub back_home: &'static str,
    /// The footer's and the accessibility statement's link to the form.
    pub link: &'static str,
    pub statement_link: &'static str,
    // The organisers' queue.
    pub queue_title: &'static str,
    pub queue_open: &'static str,
    pub queue_none: &'static str,
    pub queue_handled: &'static str,
    pub col_received: &'static str,
    pub col_from: &'static str,
    pub col_message: &'static str,
    pub col_actions: &'static str,
    pub col_handled: &'static str,
    pub no_name: &'static str,
    pub mark_handled: &'static str,
    pub handled_notice: &'static str,
    /// `{days}` `{max}`: the retention rule shown above the queue.
    pub retention_note: &'static str,
    /// The dashboard's count.
    pub pending: &'static str,
    // The mail to the organisation (in the content language).
    pub mail_subject: &'static str,
    /// `{name}`, `{email}`, `{message}`, `{link}`.
    pub mail_body: &'static str,
}

pub const NL: ContactTexts = ContactTexts {
    title: "Laat het ons weten",
    intro: "Heb je een vraag, een idee of wil je met ons samenwerken? Stuur ons een bericht. We antwoorden binnen 5 werkdagen.",
    other_ways: "Je kunt {organisation} ook zo bereiken:",
    name: "Je naam",
    name_hint: "Zo weten we hoe we je kunnen aanspreken.",
    email: "Je e-mailadres",
    email_hint: "Alleen om je te antwoorden. We wissen het uiterlijk een maand nadat we je bericht hebben afgehandeld.",
    message: "Je bericht",
    message_hint: "Schrijf zo veel als je wilt, tot 5000 tekens.",
    send: "Verstuur je bericht",
    thanks_title: "Bedankt voor je bericht",
    thanks_text: "We hebben je bericht ontvangen. We antwoorden binnen 5 werkdagen via het e-mailadres dat je gaf.",
    back_home: "Terug naar de startpagina",
    link: "Stuur ons een bericht",
    statement_link: "Laat het ons weten via het contactformulier",
    queue_title: "Contactberichten",
    queue_open: "Nog af te handelen",
    queue_none: "Er wachten geen berichten.",
    queue_handled: "Afgehandeld",
    col_received: "Ontvangen",
    col_from: "Van",
    col_message: "Bericht",
    col_actions: "Acties",
    col_handled: "Afgehandeld op",
    no_name: "(geen naam)",
    mark_handled: "Markeer als afgehandeld",
    handled_notice: "Het bericht is afgehandeld.",
    retention_note: "Een bericht wordt {days} dagen nadat het is afgehandeld gewist, en uiterlijk {max} dagen nadat het binnenkwam.",
    pending: "contactberichten wachten",
    mail_subject: "Nieuw bericht via het contactformulier",
    mail_body: "Er is een nieuw bericht binnengekomen via het contactformulier.\n\nNaam: {name}\nE-mailadres: {email}\n\n{message}\n\nHandel het af in de beheeromgeving: {link}",
};

pub const EN: ContactTexts = ContactTexts {
    title: "Let us know",
    intro: "Do you have a question or an idea, or do you want to work with us? Send us a message. We answer within 5 working days.",
    other_ways: "You can also reach {organisation} like this:",
    name: "Your name",
    name_hint: "So we know how to address you.",
    email: "Your e-mail address",
    email_hint: "Only to answer you. We erase it at the latest a month after we have handled your message.",
    message: "Your message",
    message_hint: "Write as much as you like, up to 5000 characters.",
    send: "Send your message",
    thanks_title: "Thank you for your message",
    thanks_text: "We have received your message. We answer within 5 working days at the e-mail address you gave.",
    back_home: "Back to the home page",
    link: "Send us a message",
    statement_link: "Let us know with the contact form",
    queue_title: "Contact messages",
    queue_open: "To be handled",
    queue_none: "No messages are waiting.",
    queue_handled: "Handled",
    col_received: "Received",
    col_from: "From",
    col_message: "Message",
    col_actions: "Actions",
    col_handled: "Handled on",
    no_name: "(no name)",
    mark_handled: "Mark as handled",
    handled_notice: "The message has been handled.",
    retention_note: "A message is erased {days} days after it was handled, and at the latest {max} days after it came in.",
    pending: "contact messages waiting",
    mail_subject: "New message through the contact form",
    mail_body: "A new message came in through the contact form.\n\nName: {name}\nE-mail address: {email}\n\n{message}\n\nHandle it in the workspace: {link}",
};

pub fn texts(lang: Lang) -> &'static ContactTexts {
    lang.pick(&NL, &EN)
}
