//! Texts of live results: the provisional figures of an open consultation (public outcomes page,
//! consultation form, list of outcomes) and the organiser's switch on the consultation builder.

use super::Lang;

pub struct LiveResultsTexts {
    /// `{time}` (hours:minutes) and `{date}`: when the last response that counts came in.
    pub marker: &'static str,
    /// Below the group size not even the time of the last response is shown.
    pub marker_few: &'static str,
    pub explained: &'static str,
    /// After a consultation's title in a list.
    pub provisional: &'static str,
    /// On the open consultation's form.
    pub view_link: &'static str,
    // Organiser
    pub heading: &'static str,
    pub on_text: &'static str,
    pub off_text: &'static str,
    pub switch_on: &'static str,
    pub switch_off: &'static str,
    pub saved: &'static str,
}

pub const NL: LiveResultsTexts = LiveResultsTexts {
    marker: "Voorlopige uitkomsten, bijgewerkt om {time} op {date}",
    marker_few: "Voorlopige uitkomsten",
    explained: "De consultatie is nog open. De cijfers veranderen nog tot de consultatie sluit. Tekst van de organisatie bij de uitkomsten volgt later.",
    provisional: "voorlopig",
    view_link: "Bekijk de voorlopige uitkomsten",
    heading: "Voorlopige uitkomsten",
    on_text: "Bezoekers zien de voorlopige cijfers terwijl de consultatie open is. Kleine aantallen blijven verborgen, net als bij gepubliceerde uitkomsten.",
    off_text: "Bezoekers zien pas cijfers als je de uitkomsten publiceert. Je kunt ook de voorlopige cijfers laten zien terwijl de consultatie open is.",
    switch_on: "Toon voorlopige uitkomsten",
    switch_off: "Verberg voorlopige uitkomsten",
    saved: "De instelling voor voorlopige uitkomsten is opgeslagen.",
};

pub const EN: LiveResultsTexts = LiveResultsTexts {
    marker: "Provisional results, updated at {time} on {date}",
    marker_few: "Provisional results",
    explained: "The consultation is still open. The figures keep changing until it closes. The organisers' text about the outcome follows later.",
    provisional: "provisional",
    view_link: "View the provisional results",
    heading: "Provisional results",
    on_text: "Visitors see the provisional figures while the consultation is open. Small numbers stay hidden, as in published outcomes.",
    off_text: "Visitors only see figures once you publish the outcome. You can also show the provisional figures while the consultation is open.",
    switch_on: "Show provisional results",
    switch_off: "Hide provisional results",
    saved: "The setting for provisional results has been saved.",
};

pub fn texts(lang: Lang) -> &'static LiveResultsTexts {
    lang.pick(&NL, &EN)
}
