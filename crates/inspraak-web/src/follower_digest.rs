//! The weekly digest for followers who chose "once a week": a background job on the app clock.
//!
//! Each confirmed weekly follower has a window that ends at `digest_until` (before the first
//! digest: at confirmation). Once that end is a week old, the job moves it to now — by one
//! conditional update, so of two runs at once only one goes on — and, if the process published
//! anything inside the window, queues one mail listing it in the same transaction, with the
//! dedupe key `digest:<subscription>:<ISO week>` and the same `List-Unsubscribe` headers as the
//! immediate mail. Nothing new: no mail. Unconfirmed followers are never selected.
//!
//! [`erase_lines`] writes the "erase my data" link that every mail to a follower carries (this
//! digest, each publication, the confirmation).

use crate::error::WebResult;
use crate::followers::{follower_lang, unsubscribe_url};
use crate::i18n::{fill, publications as texts};
use crate::read::timeline::{self, Item};
use crate::state::AppState;
use chrono::{DateTime, Datelike, Duration, Utc};
use inspraak_domain::Email;
use inspraak_store::outbox::{self, NewMail};
use inspraak_store::publications::{self, Subscription};
use inspraak_store::{ConnectionTrait, StoreResult, privacy, process, tokens};
use std::time::Duration as StdDuration;
use tokio::task::JoinHandle;

/// A digest covers a week.
pub const PERIOD_DAYS: i64 = 7;
/// How often the job looks for due digests.
const INTERVAL: StdDuration = StdDuration::from_secs(300);

/// The "erase my data" lines for a mail to `subscription`, in its follower's language, with a
/// new token whose hash is stored in the caller's transaction (each mail its own, so the links
/// in older mails keep working). Append them to the mail's body.
pub async fn erase_lines(
    conn: &impl ConnectionTrait,
    state: &AppState,
    subscription: &Subscription,
    now: DateTime<Utc>,
) -> StoreResult<String> {
    let token = tokens::new_token();
    privacy::add_subscription_erase_token(conn, subscription.id, &tokens::hash_token(&token), now)
        .await?;
    let link = format!("{}/gegevens-wissen/{token}", state.settings.base_url);
    Ok(fill(
        texts::texts(follower_lang(subscription)).mail_erase,
        &[("link", &link)],
    ))
}

/// One round: a digest for every weekly follower whose week is over. Returns how many mails were
/// queued. Tests call it after moving the clock.
pub async fn run_once(state: &AppState, now: DateTime<Utc>) -> WebResult<usize> {
    let due = publications::weekly_due(state.db.read(), now - Duration::days(PERIOD_DAYS)).await?;
    let mut queued = 0;
    for subscription in due {
        let txn = state.db.begin().await?;
        let seen = subscription.digest_until;
        if !publications::advance_digest(&txn, subscription.id, seen, now).await? {
            // Another run took this one.
            continue;
        }
        let since = seen.or(subscription.confirmed_at).unwrap_or(now);
        if queue_digest(&txn, state, &subscription, since, now).await? {
            queued += 1;
        }
        txn.commit().await?;
    }
    Ok(queued)
}

/// Publications of the follower's process that went online in `(since, until]`, oldest first.
async fn new_items(
    conn: &impl ConnectionTrait,
    subscription: &Subscription,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> WebResult<Option<(process::Process, Vec<Item>)>> {
    let Some(process) = process::find(conn, subscription.process_id).await? else {
        return Ok(None);
    };
    if !process.status.is_public() {
        return Ok(None);
    }
    let mut items: Vec<Item> = timeline::items(conn, &process)
        .await?
        .into_iter()
        .filter(|item| item.published > since && item.published <= until)
        .collect();
    items.reverse();
    Ok(Some((process, items)))
}

async fn queue_digest(
    conn: &impl ConnectionTrait,
    state: &AppState,
    subscription: &Subscription,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> WebResult<bool> {
    let Some((process, items)) = new_items(conn, subscription, since, now).await? else {
        return Ok(false);
    };
    if items.is_empty() {
        return Ok(false);
    }
    let Ok(recipient) = Email::parse(&subscription.email) else {
        return Ok(false);
    };
    let lang = follower_lang(subscription);
    let t = texts::texts(lang);
    let base = &state.settings.base_url;
    // A follower who subscribed in the other language gets the translated titles.
    let other = lang != crate::i18n::Lang::from(state.settings.content_language);
    let list: String = items
        .iter()
        .map(|item| {
            format!(
                "- {} ({})\n  {base}{}\n",
                item.title.pick(other).0,
                lang.date(item.date),
                item.path
            )
        })
        .collect();
    let unsubscribe = unsubscribe_url(state, subscription);
    let count = items.len().to_string();
    let week = now.iso_week();
    let mail = NewMail {
        recipient,
        subject: fill(
            t.mail_digest_subject,
            &[("title", &process.title.main), ("count", &count)],
        ),
        body_text: format!(
            "{}\n{}",
            fill(
                t.mail_digest_body,
                &[
                    ("title", &process.title.main),
                    ("items", &list),
                    ("unsubscribe", &unsubscribe),
                ],
            ),
            erase_lines(conn, state, subscription, now).await?
        ),
        attachment: None,
        dedupe_key: Some(format!(
            "digest:{}:{}-W{:02}",
            subscription.id,
            week.year(),
            week.week()
        )),
    };
    let Some(id) = outbox::enqueue(conn, &mail, now).await? else {
        return Ok(false);
    };
    outbox::set_list_unsubscribe(conn, id, &unsubscribe).await?;
    Ok(true)
}

pub fn spawn(state: AppState) -> JoinHandle<()> {
    crate::jobs::periodic(state, INTERVAL, "weekly digest", |state, now| async move {
        run_once(&state, now).await
    })
}
