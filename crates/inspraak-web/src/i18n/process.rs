//! Texts of the public process pages: home, process, theme.

use super::Lang;

pub struct ProcessTexts {
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub current_processes: &'static str,
    pub earlier_processes: &'static str,
    pub no_current_processes: &'static str,
    pub no_earlier_processes: &'static str,
    pub archived_badge: &'static str,
    pub timeline: &'static str,
    pub phase_now: &'static str,
    pub phase_past: &'static str,
    pub phase_upcoming: &'static str,
    pub phase_dates: &'static str,
    pub themes: &'static str,
    pub no_themes: &'static str,
    pub join_title: &'static str,
    pub join_intro: &'static str,
    pub join_nothing_open: &'static str,
    pub join_current_phase: &'static str,
    pub join_until: &'static str,
    pub theme_of_process: &'static str,
    pub back_to_process: &'static str,
    pub read_more: &'static str,
}

pub const NL: ProcessTexts = ProcessTexts {
    home_title: "Denk mee over plannen van de overheid",
    home_intro: "Hier schrijft de overheid plannen samen met jou. Vul een consultatie in, deel je ideeën, meld je aan voor een meedenksessie en lees wat er met alle inbreng is gedaan.",
    current_processes: "Lopende trajecten",
    earlier_processes: "Eerdere actieplannen",
    no_current_processes: "Er lopen op dit moment geen trajecten.",
    no_earlier_processes: "Er zijn nog geen eerdere actieplannen.",
    archived_badge: "Afgerond",
    timeline: "Tijdlijn",
    phase_now: "Nu bezig",
    phase_past: "Afgerond",
    phase_upcoming: "Komt nog",
    phase_dates: "{start} tot en met {end}",
    themes: "Thema’s",
    no_themes: "Er zijn nog geen thema’s.",
    join_title: "Doe mee",
    join_intro: "Hier kun je nu aan meedoen:",
    join_nothing_open: "Er staat op dit moment niets open om aan mee te doen. Kijk later nog eens.",
    join_current_phase: "Fase nu: {phase}",
    join_until: "tot en met {date}",
    theme_of_process: "Thema van {process}",
    back_to_process: "Terug naar {process}",
    read_more: "Lees meer over {title}",
};

pub const EN: ProcessTexts = ProcessTexts {
    home_title: "Help shape government plans",
    home_intro: "Here the government writes plans together with you. Fill in a consultation, share your ideas, sign up for a think-along session and read what was done with everyone’s input.",
    current_processes: "Current processes",
    earlier_processes: "Earlier action plans",
    no_current_processes: "There are no current processes.",
    no_earlier_processes: "There are no earlier action plans yet.",
    archived_badge: "Completed",
    timeline: "Timeline",
    phase_now: "Now",
    phase_past: "Completed",
    phase_upcoming: "Coming up",
    phase_dates: "{start} to {end}",
    themes: "Themes",
    no_themes: "There are no themes yet.",
    join_title: "Take part",
    join_intro: "You can take part in this now:",
    join_nothing_open: "Nothing is open to take part in right now. Please check again later.",
    join_current_phase: "Current phase: {phase}",
    join_until: "until {date}",
    theme_of_process: "Theme of {process}",
    back_to_process: "Back to {process}",
    read_more: "Read more about {title}",
};

pub fn texts(lang: Lang) -> &'static ProcessTexts {
    lang.pick(&NL, &EN)
}
