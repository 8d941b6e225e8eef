//! The demo's self-evaluation of the archived 2020-2022 process ("Eerdere actieplannen"), in
//! Dutch and English, dated after the plan ended. The demo stores no files, so it has no
//! document of the evaluation (an organiser can add one on the evaluation page).

use super::{DemoError, invalid};
use inspraak_domain::Email;
use inspraak_domain::evaluation::NewEvaluation;
use inspraak_store::{ConnectionTrait, evaluation, process, users};

const BODY_NL: &str = "Het vierde actieplan liep van 2020 tot en met 2022. Corona maakte dat we bijna alles online deden. Daardoor deden meer mensen mee aan de meedenksessies dan ooit: ruim twee keer zoveel als het formulier invulden.\n\nWat ging goed: de actiehouders schreven hun actiepunten samen met maatschappelijke organisaties, en de zeven voortgangsrapportages lieten elk half jaar zien hoe het ervoor stond.\n\nWat kan beter: niet elk actiepunt had een duidelijk doel dat je kon meten, en wie een idee instuurde, hoorde niet altijd wat ermee gebeurde. In het volgende actieplan laten we bij elk idee zien wat we ermee deden.";

const BODY_EN: &str = "The fourth action plan ran from 2020 to 2022. Because of the pandemic we did almost everything online. As a result more people took part in the think-along sessions than ever: more than twice as many as filled in the form.\n\nWhat went well: the action holders wrote their action points together with civil society organisations, and the seven progress reports showed every six months where things stood.\n\nWhat could be better: not every action point had a clear goal you could measure, and people who sent in an idea did not always hear what happened to it. In the next action plan we show for every idea what we did with it.";

/// Runs after `ideas::load`, which makes the demo organiser.
pub async fn load(conn: &impl ConnectionTrait) -> Result<(), DemoError> {
    let Some(process) = process::find_by_slug(conn, "actieplan-open-overheid-2020-2022").await?
    else {
        return Ok(());
    };
    let organiser = users::credentials_by_email(
        conn,
        &Email::parse(super::ORGANISER_EMAIL).map_err(invalid)?,
    )
    .await?
    .map(|c| c.user.id)
    .ok_or_else(|| DemoError::Invalid("demo organiser missing".into()))?;
    let new = NewEvaluation::parse(BODY_NL, BODY_EN).map_err(invalid)?;
    let written = super::dates::dutch_noon("2022-12-22")?;
    evaluation::save(conn, process.id, &new, organiser, written).await?;
    Ok(())
}
