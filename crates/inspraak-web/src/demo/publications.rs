//! Demo progress reports: the seven updates on the 2020-2022 action plan, with the dates of
//! seed 003. The demo has no followers, so publishing mails no one.

use super::{DemoError, invalid};
use chrono::NaiveDate;
use inspraak_store::{ConnectionTrait, process, publications};

const UPDATES: [(&str, &str); 7] = [
    ("Update 1", "2021-04-14"),
    ("Update 2", "2021-07-05"),
    ("Update 3", "2021-09-14"),
    ("Update 4", "2021-12-06"),
    ("Update 5", "2022-02-21"),
    ("Update 6", "2022-06-30"),
    ("Update 7", "2022-12-20"),
];

const BODY_EN: &str = "## Where things stand\nThe action holders keep you up to date on the latest state of the 13 action points in the 7 themes of the Open Government Action Plan 2020-2022.\n\n- Per action point: what has been done, and what is still to come.\n- Questions or ideas? Let us know.\n\nMore about the Open Government Partnership: https://www.opengovpartnership.org";

const BODY: &str = "## Stand van zaken\nDe actiehouders houden je op de hoogte van de laatste stand van zaken van de 13 actiepunten in de 7 thema’s van het Actieplan Open Overheid 2020-2022.\n\n- Per actiepunt: wat is er gedaan, en wat komt er nog.\n- Vragen of ideeën? Laat het ons weten.\n\nMeer over het Open Government Partnership: https://www.opengovpartnership.org";

pub async fn load(conn: &impl ConnectionTrait) -> Result<(), DemoError> {
    let Some(process) = process::find_by_slug(conn, "actieplan-open-overheid-2020-2022").await?
    else {
        return Ok(());
    };
    for (title, date) in UPDATES {
        let written = super::dates::dutch_noon(date)?;
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(invalid)?;
        // "Update 1" reads the same in English.
        let texts = publications::NewReportTexts {
            title,
            title_translation: Some(title),
            body: BODY,
            body_translation: Some(BODY_EN),
        };
        publications::insert_report(conn, process.id, texts, date, written).await?;
    }
    Ok(())
}
