//! Texts of the citizen's way to outcomes: what happened with the input on a process page, on a
//! closed consultation and on a theme page; what is open now on the home page; the way back on
//! error pages.

use super::Lang;

pub struct CitizenTexts {
    // Process page: what became of the input.
    pub results_title: &'static str,
    pub results_intro: &'static str,
    pub outcomes_title: &'static str,
    pub outcome_responses: &'static str,
    pub read_outcome: &'static str,
    pub outcome_pending: &'static str,
    pub no_outcomes: &'static str,
    pub plan_title: &'static str,
    pub plan_count: &'static str,
    pub plan_count_one: &'static str,
    pub plan_link: &'static str,
    pub no_plan: &'static str,
    pub updates_title: &'static str,
    pub no_updates: &'static str,
    // Closed consultation.
    pub closed_next_title: &'static str,
    pub closed_outcome_published: &'static str,
    pub closed_outcome_pending: &'static str,
    pub closed_follow: &'static str,
    pub closed_not_saved: &'static str,
    // Theme page.
    pub theme_figures_title: &'static str,
    pub theme_figures_caption: &'static str,
    pub col_consultation: &'static str,
    pub col_question: &'static str,
    pub theme_no_figures: &'static str,
    pub theme_threads_title: &'static str,
    pub theme_no_threads: &'static str,
    pub theme_ideas_title: &'static str,
    pub theme_no_ideas: &'static str,
    pub theme_all_ideas: &'static str,
    pub theme_ideas_count: &'static str,
    pub theme_sessions_title: &'static str,
    pub theme_no_sessions: &'static str,
    pub theme_points_title: &'static str,
    pub theme_no_points: &'static str,
    pub theme_in_outcome: &'static str,
    // Home page: open now.
    pub open_now_title: &'static str,
    pub open_now_intro: &'static str,
    pub open_now_nothing: &'static str,
    pub button_consultation: &'static str,
    pub button_signup: &'static str,
    pub button_idea: &'static str,
    pub button_follow: &'static str,
    pub follow_intro: &'static str,
    // Error pages.
    pub back_previous: &'static str,
    pub error_code: &'static str,
}

pub const NL: CitizenTexts = CitizenTexts {
    results_title: "Wat er met de inbreng gebeurt",
    results_intro: "Hier lees je wat er met de reacties, ideeën en gesprekken is gedaan.",
    outcomes_title: "Uitkomsten van de consultatie",
    outcome_responses: "Aantal reacties: {count}",
    read_outcome: "Lees de uitkomst van {title}",
    outcome_pending: "{title} is gesloten. De organisatoren werken aan de uitkomst.",
    no_outcomes: "Er is nog geen uitkomst van een consultatie.",
    plan_title: "Actieplan",
    plan_count: "{count} actiepunten",
    plan_count_one: "1 actiepunt",
    plan_link: "Bekijk het actieplan",
    no_plan: "Er is nog geen actieplan.",
    updates_title: "Laatste nieuws",
    no_updates: "Er is nog geen nieuws over de voortgang.",
    closed_next_title: "Wat er nu gebeurt",
    closed_outcome_published: "De organisatoren hebben de uitkomst gepubliceerd. Daarin lees je wat mensen antwoordden en wat er met hun reacties gebeurt.",
    closed_outcome_pending: "De organisatoren werken aan de uitkomst. Zodra die klaar is, staat hij op deze pagina en op de pagina van het traject.",
    closed_follow: "Volg dit proces om bericht te krijgen",
    closed_not_saved: "Je reactie is niet opgeslagen, want de consultatie was al gesloten.",
    theme_figures_title: "Wat de consultatie liet zien",
    theme_figures_caption: "Hoe vaak mensen dit thema kozen, per consultatie",
    col_consultation: "Consultatie",
    col_question: "Vraag",
    theme_no_figures: "Er is nog geen gepubliceerde uitkomst met cijfers over dit thema.",
    theme_threads_title: "Rode draden over dit thema",
    theme_no_threads: "Er zijn nog geen rode draden over dit thema.",
    theme_ideas_title: "Ideeën over dit thema",
    theme_no_ideas: "Er zijn nog geen ideeën over dit thema.",
    theme_all_ideas: "Alle ideeën over {theme}",
    theme_ideas_count: "Ideeën: {ideas} · reacties op ideeën: {comments}",
    theme_sessions_title: "Bijeenkomsten over dit thema",
    theme_no_sessions: "Er zijn geen bijeenkomsten over dit thema.",
    theme_points_title: "Actiepunten over dit thema",
    theme_no_points: "Er zijn nog geen actiepunten over dit thema.",
    theme_in_outcome: "Uit de uitkomst van {title}",
    open_now_title: "Nu open",
    open_now_intro: "Hieraan kun je nu meedoen:",
    open_now_nothing: "Er staat op dit moment niets open. Volg een traject om bericht te krijgen als er iets opengaat.",
    button_consultation: "Vul de consultatie in",
    button_signup: "Meld je aan",
    button_idea: "Deel je idee",
    button_follow: "Volg dit proces",
    follow_intro: "Krijg een bericht als er nieuws is over dit traject.",
    back_previous: "Terug naar de vorige pagina",
    error_code: "Foutcode {code}",
};

pub const EN: CitizenTexts = CitizenTexts {
    results_title: "What happens with the input",
    results_intro: "Read here what was done with the responses, ideas and conversations.",
    outcomes_title: "Outcomes of the consultation",
    outcome_responses: "Number of responses: {count}",
    read_outcome: "Read the outcome of {title}",
    outcome_pending: "{title} is closed. The organisers are working on the outcome.",
    no_outcomes: "There is no outcome of a consultation yet.",
    plan_title: "Action plan",
    plan_count: "{count} action points",
    plan_count_one: "1 action point",
    plan_link: "See the action plan",
    no_plan: "There is no action plan yet.",
    updates_title: "Latest news",
    no_updates: "There is no news about the progress yet.",
    closed_next_title: "What happens next",
    closed_outcome_published: "The organisers have published the outcome. It tells you what people answered and what happens with their responses.",
    closed_outcome_pending: "The organisers are working on the outcome. As soon as it is ready, you will find it on this page and on the page of the process.",
    closed_follow: "Follow this process to get a message",
    closed_not_saved: "Your response was not saved, because the consultation had already closed.",
    theme_figures_title: "What the consultation showed",
    theme_figures_caption: "How often people chose this theme, per consultation",
    col_consultation: "Consultation",
    col_question: "Question",
    theme_no_figures: "There is no published outcome with figures about this theme yet.",
    theme_threads_title: "Recurring threads about this theme",
    theme_no_threads: "There are no recurring threads about this theme yet.",
    theme_ideas_title: "Ideas about this theme",
    theme_no_ideas: "There are no ideas about this theme yet.",
    theme_all_ideas: "All ideas about {theme}",
    theme_ideas_count: "Ideas: {ideas} · comments on ideas: {comments}",
    theme_sessions_title: "Sessions about this theme",
    theme_no_sessions: "There are no sessions about this theme.",
    theme_points_title: "Action points about this theme",
    theme_no_points: "There are no action points about this theme yet.",
    theme_in_outcome: "From the outcome of {title}",
    open_now_title: "Open now",
    open_now_intro: "You can join in with these now:",
    open_now_nothing: "Nothing is open right now. Follow a process to get a message when something opens.",
    button_consultation: "Fill in the consultation",
    button_signup: "Sign up",
    button_idea: "Share your idea",
    button_follow: "Follow this process",
    follow_intro: "Get a message when there is news about this process.",
    back_previous: "Back to the previous page",
    error_code: "Error code {code}",
};

pub fn texts(lang: Lang) -> &'static CitizenTexts {
    lang.pick(&NL, &EN)
}

/// "{count} actiepunten", with the singular for one.
pub fn plan_count(lang: Lang, count: usize) -> String {
    let t = texts(lang);
    if count == 1 {
        t.plan_count_one.to_owned()
    } else {
        super::fill(t.plan_count, &[("count", &count.to_string())])
    }
}
