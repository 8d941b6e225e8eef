//! Texts of the public privacy statement (`/privacy`): what is kept about a participant, how
//! long (from the retention settings), and how to have it erased.

use super::Lang;

pub struct PrivacyTexts {
    pub title: &'static str,
    /// `{site}`, `{organisation}`.
    pub intro: &'static str,
    pub stored_heading: &'static str,
    pub stored_consultation: &'static str,
    pub stored_sessions: &'static str,
    pub stored_ideas: &'static str,
    pub stored_following: &'static str,
    pub stored_contact: &'static str,
    pub stored_cookie: &'static str,
    pub stored_not: &'static str,
    pub retention_heading: &'static str,
    pub retention_intro: &'static str,
    /// `{days}`.
    pub retention_default: &'static str,
    /// `{days}`, `{max}`: contact messages (and print orders), which belong to no process.
    pub retention_handled: &'static str,
    pub retention_table_caption: &'static str,
    pub col_process: &'static str,
    pub col_days: &'static str,
    /// `{days}`.
    pub days: &'static str,
    pub erase_heading: &'static str,
    pub erase_link: &'static str,
    /// `{organisation}`.
    pub erase_contact: &'static str,
    pub erase_no_contact: &'static str,
    pub rights_heading: &'static str,
    pub rights_text: &'static str,
    pub rights_authority: &'static str,
}

pub const NL: PrivacyTexts = PrivacyTexts {
    title: "Privacyverklaring",
    intro: "{site} is een website van {organisation}. Hier lees je welke gegevens we over je bewaren als je meedoet, hoe lang we ze bewaren en hoe je ze laat wissen.",
    stored_heading: "Wat we over je bewaren",
    stored_consultation: "Reageer je op een consultatie? Dan bewaren we je antwoorden zonder je naam. Je e-mailadres bewaren we alleen als je het invult, om je te laten weten wat er met de uitkomst gebeurt.",
    stored_sessions: "Meld je je aan voor een bijeenkomst? Dan bewaren we je naam en e-mailadres. En als je ze invult: je organisatie en wat je nodig hebt om mee te kunnen doen.",
    stored_ideas: "Stuur je een idee in? Dan bewaren we je idee en de naam die je erbij zet. Je e-mailadres bewaren we alleen als je daar toestemming voor geeft.",
    stored_following: "Volg je een traject? Dan bewaren we je e-mailadres om je nieuws te sturen. In elke mail staat een link om je af te melden.",
    stored_contact: "Stuur je ons een bericht via het contactformulier? Dan bewaren we je bericht, je e-mailadres en je naam als je die invult, om je te antwoorden.",
    stored_cookie: "We zetten één cookie. Daarmee onthouden we je taal en beveiligen we formulieren. We volgen je niet en gebruiken geen cookies van anderen.",
    stored_not: "We verkopen je gegevens niet en geven ze niet aan anderen.",
    retention_heading: "Hoe lang we je gegevens bewaren",
    retention_intro: "Je e-mailadres, je naam en wat je over jezelf invulde wissen we vanzelf na de bewaartermijn. Die termijn begint als de consultatie sluit of als de bijeenkomst voorbij is. Je antwoorden en de tellingen blijven, maar zonder gegevens over jou.",
    retention_default: "Heeft een traject geen eigen termijn? Dan is de termijn {days} dagen.",
    retention_handled: "Een bericht via het contactformulier en je naam en adres bij een bestelling wissen we {days} dagen nadat we ze hebben afgehandeld, en uiterlijk {max} dagen nadat ze binnenkwamen.",
    retention_table_caption: "Bewaartermijn per traject",
    col_process: "Traject",
    col_days: "Bewaartermijn",
    days: "{days} dagen",
    erase_heading: "Je gegevens laten wissen",
    erase_link: "In elke mail die je van ons krijgt, staat een link om je gegevens te wissen. Als je die link gebruikt, wissen we meteen je e-mailadres en alles wat erbij hoort, bij alle trajecten.",
    erase_contact: "Heb je geen mail meer, of wil je weten welke gegevens we over je hebben? Neem dan contact op met {organisation}:",
    erase_no_contact: "Heb je geen mail meer, of wil je weten welke gegevens we over je hebben? Neem dan contact op met de organisatie van het traject.",
    rights_heading: "Je rechten",
    rights_text: "Je mag je gegevens altijd inzien, laten verbeteren of laten wissen. Dat staat in de privacywet (AVG). Ben je het niet eens met hoe we met je gegevens omgaan? Dan kun je een klacht indienen bij de Autoriteit Persoonsgegevens.",
    rights_authority: "Website van de Autoriteit Persoonsgegevens",
};

pub const EN: PrivacyTexts = PrivacyTexts {
    title: "Privacy statement",
    intro: "{site} is a website of {organisation}. Here you can read what we keep about you when you take part, how long we keep it and how to have it erased.",
    stored_heading: "What we keep about you",
    stored_consultation: "Do you respond to a consultation? Then we keep your answers without your name. We only keep your e-mail address if you enter it, to tell you what happens with the outcome.",
    stored_sessions: "Do you sign up for an event? Then we keep your name and e-mail address. And if you enter them: your organisation and what you need to be able to take part.",
    stored_ideas: "Do you send in an idea? Then we keep your idea and the name you give with it. We only keep your e-mail address if you agree to it.",
    stored_following: "Do you follow a process? Then we keep your e-mail address to send you news. Every mail has a link to unsubscribe.",
    stored_contact: "Do you send us a message with the contact form? Then we keep your message, your e-mail address and your name if you enter it, to answer you.",
    stored_cookie: "We set one cookie. With it we remember your language and protect forms. We do not track you and use no cookies of others.",
    stored_not: "We do not sell your data and do not give it to others.",
    retention_heading: "How long we keep your data",
    retention_intro: "We erase your e-mail address, your name and what you entered about yourself automatically after the retention period. That period starts when the consultation closes or when the event is over. Your answers and the counts stay, but without data about you.",
    retention_default: "Does a process have no period of its own? Then the period is {days} days.",
    retention_handled: "We erase a message sent with the contact form, and your name and address with an order, {days} days after we handled them, and at the latest {max} days after they came in.",
    retention_table_caption: "Retention period per process",
    col_process: "Process",
    col_days: "Retention period",
    days: "{days} days",
    erase_heading: "Having your data erased",
    erase_link: "Every mail you get from us has a link to erase your data. When you use that link, we erase your e-mail address and everything that goes with it at once, in all processes.",
    erase_contact: "Do you no longer have a mail, or do you want to know what data we have about you? Then contact {organisation}:",
    erase_no_contact: "Do you no longer have a mail, or do you want to know what data we have about you? Then contact the organisation of the process.",
    rights_heading: "Your rights",
    rights_text: "You may always see your data, have it corrected or have it erased. That is in the privacy law (GDPR). Do you disagree with how we handle your data? Then you can file a complaint with the Dutch Data Protection Authority (Autoriteit Persoonsgegevens).",
    rights_authority: "Website of the Dutch Data Protection Authority",
};

pub fn texts(lang: Lang) -> &'static PrivacyTexts {
    lang.pick(&NL, &EN)
}
