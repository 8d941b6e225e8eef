//! The daily digest of notices about contributions (issue #10). Notices are queued by the
//! transactions that cause them (a link, a progress update); this job, on the app clock, turns
//! each address's notices of earlier Dutch days into one outbox mail with the dedupe key
//! `notice-digest:<address key>:<Dutch date>`, so nobody gets more than one such mail a day,
//! also with several instances. Each mail carries a signed unsubscribe link and the
//! `List-Unsubscribe` headers.

use crate::i18n::traceability as texts;
use crate::i18n::{Lang, fill};
use crate::state::AppState;
use chrono::{DateTime, NaiveTime, Utc};
use inspraak_domain::Email;
use inspraak_domain::time::{local_date, local_to_utc};
use inspraak_domain::traceability::{NoticeEvent, Target, TargetKind};
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::traceability::contributions;
use inspraak_store::traceability::notices::{self, Digest};
use inspraak_store::{StoreResult, process};
use std::time::Duration;
use tokio::task::JoinHandle;

const UNSUBSCRIBE: &str = "notice-unsubscribe";

/// The signed unsubscribe address of the digest for an address key.
pub fn unsubscribe_url(state: &AppState, email_key: &str) -> String {
    format!(
        "{}/inbreng/afmelden/{email_key}/{}",
        state.settings.base_url,
        state.keys.hash(UNSUBSCRIBE, email_key)
    )
}

/// Whether `mac` signs `email_key` as an unsubscribe link of this digest.
pub fn unsubscribe_link_ok(state: &AppState, email_key: &str, mac: &str) -> bool {
    state.keys.verify(UNSUBSCRIBE, email_key, mac)
}

const INTERVAL: Duration = Duration::from_secs(300);
/// Addresses handled per round.
const BATCH: u64 = 200;

async fn body(
    state: &AppState,
    digest: &Digest,
    lang: Lang,
    erase_token: &str,
) -> StoreResult<String> {
    let t = texts::texts(lang);
    let conn = state.db.read();
    let base = &state.settings.base_url;
    let intro = crate::i18n::fill(t.digest_intro, &[("site", &state.settings.house.site_name)]);
    let mut lines = vec![intro, String::new()];
    let mut seen = std::collections::BTreeSet::new();
    for notice in &digest.notices {
        if let (NoticeEvent::Outcome, None, Some(consultation)) =
            (notice.event, notice.target, notice.outcome)
        {
            lines.extend(outcome_lines(state, lang, consultation).await?);
            continue;
        }
        let Some(target) = notice.target else {
            continue;
        };
        if !seen.insert((notice.event.as_str(), target)) {
            continue;
        }
        let Some(info) = contributions::target_info(conn, target).await? else {
            continue;
        };
        let what = match target.kind() {
            TargetKind::Thread => t.thread_word.to_lowercase(),
            TargetKind::ActionPoint => t.point_word.to_lowercase(),
        };
        let line = match notice.event {
            NoticeEvent::Linked => {
                fill(t.digest_linked, &[("what", &what), ("title", &info.title)])
            }
            NoticeEvent::Progress => fill(t.digest_progress, &[("title", &info.title)]),
            NoticeEvent::Outcome => fill(t.digest_outcome, &[("title", &info.title)]),
        };
        lines.push(format!("- {line}"));
        if let Some(process) = process::find(conn, info.process).await? {
            let href = match target {
                Target::ActionPoint(point) => {
                    format!("{base}/processen/{}/actiepunten/{point}", process.slug)
                }
                Target::Thread(_) => format!(
                    "{base}/processen/{}/uitkomsten/{}",
                    process.slug,
                    info.consultation.map_or(0, |c| c.0)
                ),
            };
            lines.push(format!("  {href}"));
        }
    }
    lines.push(String::new());
    // Every mail to a participant carries "erase my data" (issue 20).
    lines.push(t.digest_erase.to_owned());
    lines.push(format!("{base}/gegevens-wissen/{erase_token}"));
    lines.push(String::new());
    lines.push(t.digest_footer.to_owned());
    lines.push(unsubscribe_url(state, &digest.email_key));
    Ok(lines.join("\n"))
}

/// The lines of a published outcome (a notice to an idea's sender): what and where.
async fn outcome_lines(
    state: &AppState,
    lang: Lang,
    consultation: inspraak_domain::ConsultationId,
) -> StoreResult<Vec<String>> {
    let conn = state.db.read();
    let Some(found) = inspraak_store::consultation::find(conn, consultation).await? else {
        return Ok(Vec::new());
    };
    let Some(process) = process::find(conn, found.process_id).await? else {
        return Ok(Vec::new());
    };
    let t = texts::texts(lang);
    // The title in the mail's language when the organiser translated it.
    let other = lang != crate::i18n::Lang::from(state.settings.content_language);
    let line = fill(t.digest_outcome, &[("title", found.title.pick(other).0)]);
    let href = format!(
        "{}/processen/{}/uitkomsten/{}",
        state.settings.base_url, process.slug, consultation
    );
    Ok(vec![format!("- {line}"), format!("  {href}")])
}

/// One round: every address with notices from before today (Dutch time) gets its digest.
/// Tests call it after moving the clock. Returns the number of mails queued.
pub async fn run_once(state: &AppState, now: DateTime<Utc>) -> StoreResult<u64> {
    let today = local_date(now);
    let until = local_to_utc(today.and_time(NaiveTime::MIN)) - chrono::Duration::microseconds(1);
    let mut queued = 0;
    for digest in notices::pending(state.db.read(), until, BATCH).await? {
        let Ok(recipient) = Email::parse(&digest.email) else {
            continue;
        };
        // In the language of the page of the address's latest contribution.
        let lang = Lang::from(digest.language);
        let erase_token = inspraak_store::tokens::new_token();
        let mail = NewMail {
            recipient,
            subject: texts::texts(lang).digest_subject.to_owned(),
            body_text: body(state, &digest, lang, &erase_token).await?,
            attachment: None,
            dedupe_key: Some(format!("notice-digest:{}:{today}", digest.email_key)),
        };
        let txn = state.db.begin().await?;
        // Opted out since the notices were read: drop them instead.
        if notices::is_opted_out(&txn, &digest.email_key).await? {
            continue;
        }
        let ids: Vec<i64> = digest.notices.iter().map(|n| n.id).collect();
        if let Some(id) = outbox::enqueue(&txn, &mail, now).await? {
            // The link erases the address behind the newest notice's contribution, and with it
            // the address everywhere; only the token's hash is stored.
            if let Some(latest) = digest.notices.last() {
                let hash = inspraak_store::tokens::hash_token(&erase_token);
                inspraak_store::privacy::renew_erase_token_for(&txn, latest.contribution, &hash)
                    .await?;
            }
            outbox::set_list_unsubscribe(&txn, id, &unsubscribe_url(state, &digest.email_key))
                .await?;
            notices::mark_digested(&txn, &ids, now).await?;
            queued += 1;
        }
        // No id: this address had its digest today already; the notices wait for tomorrow.
        txn.commit().await?;
    }
    Ok(queued)
}

pub fn spawn(state: AppState) -> JoinHandle<()> {
    crate::jobs::periodic(state, INTERVAL, "notice digest", |state, now| async move {
        run_once(&state, now).await
    })
}
