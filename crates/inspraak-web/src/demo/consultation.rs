//! Demo consultations: the September 2020 consultation of the archived process, rebuilt from
//! seed 002 with 48 generated responses (the seed's figure) whose theme ranking puts Open
//! Technologie first and Open Informatie second, as the seed reports; and an open consultation on
//! the 2026 process. Responses go through the same submission code as real ones.

use super::DemoError;
use super::consultation_en as en;
use chrono::{DateTime, Duration, TimeZone, Utc};
use inspraak_domain::consultation::{
    Answer, ConsultationStatus, IdempotencyKey, NewConsultation, NewQuestion, Question,
};
use inspraak_domain::{ConsultationId, ProcessId, QuestionId, ThemeId};
use inspraak_store::consultation::{self, NewResponse, SubmitOutcome, admin};
use inspraak_store::process::{self, Theme};
use inspraak_store::{ConnectionTrait, TransactionTrait};

pub const SLUG_2020: &str = "actieplan-open-overheid-2020-2022";
pub const SLUG_2026: &str = "actieplan-open-overheid-2026";
/// The number of people who filled in the 2020 form, according to seed 002.
pub const RESPONSES_2020: usize = 48;

fn invalid(e: impl std::fmt::Debug) -> DemoError {
    DemoError::Invalid(format!("{e:?}"))
}

const PRIVACY: &str = "We gebruiken je antwoorden alleen om het Actieplan Open Overheid te maken. We publiceren alleen samenvattingen en tellingen, nooit wie wat schreef. Je hoeft geen naam op te geven.\n\nLaat je je e-mailadres achter, dan bewaren we het apart van je antwoorden en wissen we het na de bewaartermijn. In elke mail staat een link om het eerder te laten wissen.";

/// Topics that were mentioned once, from seed 002.
const OTHER_TOPICS: [&str; 10] = [
    "Open besluitvorming overheidsorganen",
    "Open Collectieve Upskilling van Nederlandse workforce",
    "Open data Estonia",
    "Open Innovatie",
    "Open Loket",
    "Open Projecten (next level participatieprojecten, intern en extern)",
    "Open Standaarden",
    "Open verantwoordelijkheid, wie is voor welke beslissing aanspreekbaar",
    "Open Wetsontwerp",
    "Open Rechtspraak",
];

/// Reasons for and against joining the Alliantie, in the spirit of the seed's quotes.
const WHY_YES: [&str; 4] = [
    "Door in contact te komen met diverse disciplines die allemaal met hetzelfde doel bezig zijn komen we verder; het verruimt mijn visie.",
    "Ik geloof dat openheid zorgt voor efficiëntie, vertrouwen en betrokkenheid van de burger.",
    "Kennis delen en van elkaars ervaring leren.",
    "Geven en nemen als het gaat om ervaring en expertise.",
];
const WHY_NO: [&str; 2] = [
    "Het is de zoveelste club; ik zie geen meerwaarde.",
    "Alleen zinvol als we tot daden komen en niet alleen praten.",
];
const VALUE: [&str; 4] = [
    "Als het concrete afspraken en producten oplevert.",
    "Als we samen aan concrete opgaven werken: niet alleen praten, ook doen.",
    "Als beleidsmakers en uitvoerders van elkaar leren.",
    "Als er ook ruimte is voor kleinere, slagvaardige samenwerkingsverbanden.",
];

/// A small deterministic generator (64-bit LCG), so every demo holds the same responses.
struct Dice(u64);

impl Dice {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % below.max(1) as u64) as usize
    }
}

/// How strongly each 2020 theme draws interest (by name), highest first: the seed's order for
/// the first three, the rest behind them.
const INTEREST: [(&str, usize); 7] = [
    ("Open Technologie", 12),
    ("Open Informatie", 8),
    ("Open Communicatie", 6),
    ("Open Democratie", 3),
    ("Open Organisatie", 3),
    ("Open Inkoop", 2),
    ("Open Justice", 2),
];

/// A top three drawn by weight without replacement.
fn ranking(dice: &mut Dice, themes: &[Theme]) -> Vec<ThemeId> {
    let mut pool: Vec<(ThemeId, usize)> = themes
        .iter()
        .map(|t| {
            let weight = INTEREST
                .iter()
                .find(|(name, _)| *name == t.name.main)
                .map_or(1, |(_, w)| *w);
            (t.id, weight)
        })
        .collect();
    let mut order = Vec::new();
    for _ in 0..3 {
        let total: usize = pool.iter().map(|(_, w)| w).sum();
        let mut roll = dice.next(total);
        let Some(at) = pool.iter().position(|(_, w)| {
            if roll < *w {
                true
            } else {
                roll -= w;
                false
            }
        }) else {
            break;
        };
        order.push(pool.remove(at).0);
    }
    order
}

/// A question without options, in Dutch and English (`prompt` and `help` are pairs).
fn question(
    kind: &str,
    (prompt, prompt_en): (&str, &str),
    (help, help_en): (&str, &str),
    required: bool,
) -> Result<NewQuestion, DemoError> {
    let main = NewQuestion::parse(kind, prompt, help, required, "", "", true);
    en::question(main, prompt_en, help_en, "")
}

async fn add_questions(
    conn: &impl ConnectionTrait,
    consultation: ConsultationId,
    questions: &[NewQuestion],
) -> Result<Vec<Question>, DemoError> {
    for q in questions {
        admin::add_question(conn, consultation, q).await?;
    }
    Ok(consultation::questions(conn, consultation).await?)
}

fn answers_2020(
    dice: &mut Dice,
    n: usize,
    q: &[QuestionId],
    themes: &[Theme],
) -> Vec<(QuestionId, Answer)> {
    let mut answers = vec![(q[0], Answer::Ranking(ranking(dice, themes)))];
    if let Some(topic) = OTHER_TOPICS.get(n) {
        answers.push((q[1], Answer::Text((*topic).to_owned())));
    }
    if n.is_multiple_of(3) {
        answers.push((
            q[2],
            Answer::Text(
                "Maak open source de standaard voor software die met publiek geld is gemaakt."
                    .into(),
            ),
        ));
    }
    // Most would join, as the seed says.
    let yes = dice.next(4) != 0;
    let why = if yes {
        WHY_YES[dice.next(WHY_YES.len())]
    } else {
        WHY_NO[dice.next(WHY_NO.len())]
    };
    answers.push((
        q[3],
        Answer::YesNo {
            yes,
            why: Some(why.to_owned()),
        },
    ));
    if n.is_multiple_of(2) {
        answers.push((q[4], Answer::Text(VALUE[dice.next(VALUE.len())].to_owned())));
    }
    answers
}

/// The 2020 consultation, closed, with its 48 responses spread over September 2020.
async fn consultation_2020<C>(
    conn: &C,
    process: ProcessId,
    now: DateTime<Utc>,
) -> Result<(), DemoError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let new = NewConsultation::parse(
        "Online consultatie Actieplan Open Overheid",
        "De hele maand september staat dit formulier open. Deel je ideeën voor het nieuwe Actieplan Open Overheid en vertel ons welke thema’s jij het belangrijkst vindt.\n\nWe vragen ook of je je zou aansluiten bij een nieuw netwerk: de Alliantie Open Overheid, om kennis, ervaring en dilemma’s te delen.",
        PRIVACY,
        "2020-09-01",
        "",
        "2020-09-30",
        "",
    );
    let new = en::consultation(new, en::TITLE_2020, en::INTRO_2020)?;
    let id = admin::insert(conn, process, &new, now).await?;
    let questions = add_questions(conn, id, &[
        question("rank_themes", ("In welke thema’s ben je het meest geïnteresseerd?", "Which themes interest you most?"), ("Zet je drie belangrijkste thema’s op volgorde.", "Put your three most important themes in order."), true)?,
        question("short_text", ("Mis je een onderwerp? Welk ander onderwerp hoort volgens jou in het actieplan?", "Is a topic missing? Which other topic should be in the action plan, in your view?"), ("", ""), false)?,
        question("long_text", ("Wat zijn jouw ideeën voor het nieuwe actieplan?", "What are your ideas for the new action plan?"), ("", ""), false)?,
        question("yes_no_why", ("Zou je je aansluiten bij de Alliantie Open Overheid?", "Would you join the Open Government Alliance?"), ("Een netwerk voor het delen van kennis, ervaring en dilemma’s op het vlak van open overheid.", "A network for sharing knowledge, experience and dilemmas about open government."), true)?,
        question("long_text", ("Wanneer heeft zo’n netwerk meerwaarde voor jou?", "When would such a network be of value to you?"), ("", ""), false)?,
    ])
    .await?;
    admin::set_status(conn, id, ConsultationStatus::Published, now).await?;
    let ids: Vec<QuestionId> = questions.iter().map(|q| q.id).collect();
    let themes = process::themes(conn, process).await?;
    let structure_version = consultation::find(conn, id)
        .await?
        .map_or(0, |c| c.structure_version);

    let mut dice = Dice(2020);
    let first = Utc
        .with_ymd_and_hms(2020, 9, 1, 7, 0, 0)
        .single()
        .ok_or_else(|| invalid("date"))?;
    for n in 0..RESPONSES_2020 {
        // About one and a half a day, through September (Dutch time).
        let at = first
            + Duration::minutes(
                i64::try_from(n).unwrap_or(0) * 870 + i64::try_from(dice.next(300)).unwrap_or(0),
            );
        let key = IdempotencyKey::parse(&format!("demo-2020-response-{n:04}")).map_err(invalid)?;
        let receipt = consultation::new_receipt_code();
        let answers = answers_2020(&mut dice, n, &ids, &themes);
        let outcome = consultation::submit(
            conn,
            &NewResponse {
                consultation: id,
                structure_version,
                key: &key,
                receipt: &receipt,
                answers: &answers,
                contact: None,
            },
            at,
        )
        .await?;
        if !matches!(outcome, SubmitOutcome::Stored(_)) {
            return Err(invalid(outcome));
        }
    }
    // The outcome was written and published in October 2020, inside the process period.
    let published = super::dates::dutch_noon("2020-10-15")?;
    publish_outcome_2020(conn, id, &ids, &themes, published).await
}

/// The seed's recurring threads (rode draden) about the Alliantie.
const THREADS_2020: [&str; 6] = [
    "Het netwerk maken we samen.",
    "Goed luisteren naar elkaar en zorgen dat er sprake is van tweerichtingsverkeer is belangrijk.",
    "Het is een kans voor verschillende groepen, zoals beleidsmakers en uitvoerders, om van elkaar te leren en te begrijpen waar ze tegenaan lopen.",
    "Er is behoefte gezamenlijk aan concrete opgaven te werken: niet alleen praten, ook doen.",
    "Zoek met elkaar een goede balans tussen flexibiliteit en betrokkenheid: het moet niet dwingend of verplichtend zijn.",
    "Niet alles hoeft in groot verband te worden opgepakt: ook kleinere, slagvaardige samenwerkingsverbanden kunnen ontstaan.",
];

/// The 2020 outcome as seed 002 tells it: introduction, recurring threads, the other topics and
/// a few reasons picked as quotes, published. Every figure comes from the 48 responses.
async fn publish_outcome_2020(
    conn: &impl ConnectionTrait,
    id: ConsultationId,
    questions: &[QuestionId],
    themes: &[Theme],
    now: DateTime<Utc>,
) -> Result<(), DemoError> {
    use inspraak_store::outcomes;
    outcomes::save_intro(
        conn,
        id,
        "De maand september stond in het teken van de online consultatie voor het nieuwe Actieplan Open Overheid. Ook hielden we verschillende online meedenksessies over de thema’s van het actieplan.\n\nWe zijn erg blij met alle inbreng, waarvan je hieronder een samenvatting vindt.",
        Some(en::OUTCOME_INTRO_2020),
        now,
    )
    .await?;
    for (n, (text, text_en)) in THREADS_2020.iter().zip(en::THREADS_2020).enumerate() {
        let related: Vec<ThemeId> = themes
            .iter()
            .filter(|t| n < 2 && t.name.main == "Open Communicatie")
            .map(|t| t.id)
            .collect();
        let texts = outcomes::ThreadTexts {
            title: en::thread_title(text),
            body: text,
            title_translation: Some(en::thread_title(text_en)),
            body_translation: Some(text_en),
        };
        outcomes::add_thread(conn, id, texts, &related).await?;
    }
    // Every other topic; one reason for and one against joining.
    if let Some(other) = questions.get(1) {
        for quote in outcomes::candidates(conn, id, *other, None, 50).await? {
            outcomes::set_quote(conn, id, quote.answer, true).await?;
        }
    }
    if let Some(why) = questions.get(3) {
        let candidates = outcomes::candidates(conn, id, *why, None, 200).await?;
        for (yes, text) in [
            (true, WHY_YES[0]),
            (true, WHY_YES[1]),
            (false, WHY_NO[0]),
            (false, WHY_NO[1]),
        ] {
            if let Some(q) = candidates
                .iter()
                .find(|q| q.yes == Some(yes) && q.text == text)
            {
                outcomes::set_quote(conn, id, q.answer, true).await?;
            }
        }
    }
    outcomes::set_published(conn, id, true, now).await?;
    Ok(())
}

/// The 2026 consultation, open from two weeks ago until a fortnight from now.
async fn consultation_2026(
    conn: &impl ConnectionTrait,
    process: ProcessId,
    now: DateTime<Utc>,
) -> Result<(), DemoError> {
    let today = inspraak_domain::time::local_date(now);
    let day = |offset: i64| {
        (today + Duration::days(offset))
            .format("%Y-%m-%d")
            .to_string()
    };
    let new = NewConsultation::parse(
        "Online consultatie Actieplan Open Overheid 2026",
        "Het nieuwe Actieplan Open Overheid maken we samen. Vertel ons welke thema’s jij belangrijk vindt, deel je ideeën en laat weten of je mee wilt denken.\n\nInvullen duurt ongeveer tien minuten. Alle vragen behalve de eerste zijn niet verplicht.",
        PRIVACY,
        &day(-14),
        "",
        &day(16),
        "",
    );
    let new = en::consultation(new, en::TITLE_2026, en::INTRO_2026)?;
    let id = admin::insert(conn, process, &new, now).await?;
    let scale = NewQuestion::parse(
        "scale",
        "Hoe open vind je de overheid nu?",
        "1 is helemaal niet open, 5 is heel open.",
        false,
        "",
        "helemaal niet open\nheel open",
        false,
    );
    let scale = en::question(
        scale,
        "How open do you find the government now?",
        "1 is not open at all, 5 is very open.",
        "not open at all\nvery open",
    )?;
    let reach = NewQuestion::parse(
        "single_choice",
        "Hoe hoorde je van deze consultatie?",
        "",
        false,
        "",
        "Nieuwsbrief\nSociale media\nVia mijn werk\nAnders",
        false,
    );
    let reach = en::question(
        reach,
        "How did you hear about this consultation?",
        "",
        "Newsletter\nSocial media\nThrough my work\nOther",
    )?;
    add_questions(
        conn,
        id,
        &[
            question(
                "rank_themes",
                (
                    "Welke thema’s vind jij het belangrijkst?",
                    "Which themes do you find most important?",
                ),
                (
                    "Zet de thema’s die jij belangrijk vindt op volgorde.",
                    "Put the themes you find important in order.",
                ),
                true,
            )?,
            question(
                "pick_themes",
                (
                    "Over welke thema’s wil je meedenken in een meedenksessie?",
                    "On which themes do you want to think along in a session?",
                ),
                ("", ""),
                false,
            )?,
            question(
                "long_text",
                (
                    "Wat zijn jouw ideeën voor het nieuwe actieplan?",
                    "What are your ideas for the new action plan?",
                ),
                ("", ""),
                false,
            )?,
            question(
                "yes_no_why",
                (
                    "Zou je je aansluiten bij de Alliantie Open Overheid?",
                    "Would you join the Open Government Alliance?",
                ),
                ("", ""),
                false,
            )?,
            scale,
            reach,
            question(
                "email_updates",
                (
                    "Wil je de uitkomsten van deze consultatie per e-mail ontvangen?",
                    "Would you like to receive the outcomes of this consultation by e-mail?",
                ),
                ("", ""),
                false,
            )?,
        ],
    )
    .await?;
    admin::set_status(conn, id, ConsultationStatus::Published, now).await?;
    // The open consultation shows its running figures, marked provisional (live results).
    admin::set_live_results(conn, id, true, now).await?;
    Ok(())
}

/// Adds the demo consultations to the demo processes (found by slug) inside the demo's
/// transaction. Processes that are missing are skipped.
pub async fn load<C>(txn: &C, now: DateTime<Utc>) -> Result<(), DemoError>
where
    C: ConnectionTrait + TransactionTrait,
{
    if let Some(process) = process::find_by_slug(txn, SLUG_2020).await? {
        consultation_2020(txn, process.id, now).await?;
    }
    if let Some(process) = process::find_by_slug(txn, SLUG_2026).await? {
        consultation_2026(txn, process.id, now).await?;
    }
    Ok(())
}
