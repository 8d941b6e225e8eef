//! A process with a session, a mailer that remembers the links it wrote, and short helpers.

use chrono::{DateTime, Duration, TimeZone, Utc};
use inspraak_domain::session::{NewRegistration, NewSession, SessionForm, local_input_value};
use inspraak_domain::{NewProcess, ProcessId, ProcessStatus, SessionId};
use inspraak_store::session::{self, MailContent, MailContext, SessionMail, SessionMailer};
use inspraak_store::{Db, TransactionTrait, process};
use std::sync::Mutex;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
        .single()
        .unwrap()
}

/// What a mail said, as the test mailer wrote it down.
#[derive(Debug, Clone)]
pub struct Sent {
    pub kind: String,
    pub email: String,
    pub confirm_token: Option<String>,
    pub cancel_token: Option<String>,
}

#[derive(Default)]
pub struct TestMailer {
    pub sent: Mutex<Vec<Sent>>,
}

impl SessionMailer for TestMailer {
    fn compose(&self, context: &MailContext<'_>, mail: &SessionMail<'_>) -> MailContent {
        let (kind, confirm_token) = match mail {
            SessionMail::ConfirmRequest { confirm_token } => (
                "confirm_request".to_owned(),
                Some(confirm_token.to_string()),
            ),
            SessionMail::SignedUpAgain {
                state,
                confirm_token,
            } => (
                format!("again_{}", state.as_str()),
                confirm_token.map(str::to_owned),
            ),
            other => (format!("{other:?}").to_lowercase(), None),
        };
        self.sent.lock().unwrap().push(Sent {
            kind: kind.clone(),
            email: context.registrant.email.clone(),
            confirm_token,
            cancel_token: context.cancel_token.map(str::to_owned),
        });
        MailContent {
            subject: format!("{kind}: {}", context.session.title.main),
            body_text: format!("Hallo {}", context.registrant.name),
            attachment: None,
        }
    }
}

impl TestMailer {
    pub fn all(&self) -> Vec<Sent> {
        self.sent.lock().unwrap().clone()
    }

    pub fn kinds_for(&self, email: &str) -> Vec<String> {
        self.all()
            .into_iter()
            .filter(|s| s.email == email)
            .map(|s| s.kind)
            .collect()
    }

    /// The newest confirmation link mailed to `email`.
    pub fn confirm_token(&self, email: &str) -> String {
        self.all()
            .into_iter()
            .rev()
            .find_map(|s| (s.email == email).then_some(s.confirm_token).flatten())
            .unwrap_or_else(|| panic!("no confirmation link for {email}"))
    }

    /// The newest cancel link mailed to `email`.
    pub fn cancel_token(&self, email: &str) -> String {
        self.all()
            .into_iter()
            .rev()
            .find_map(|s| (s.email == email).then_some(s.cancel_token).flatten())
            .unwrap_or_else(|| panic!("no cancel link for {email}"))
    }
}

pub async fn published_process(db: &Db, title: &str) -> ProcessId {
    let new = NewProcess::parse(title, "", "Samenvatting").unwrap();
    let id = process::insert(db.write(), &new, now()).await.unwrap();
    process::set_status(db.write(), id, ProcessStatus::Published, now())
        .await
        .unwrap();
    id
}

/// A session form starting `days` from `now()` at 14:00 Dutch time, two hours long.
pub fn session_form(title: &str, capacity: &str, starts_in: Duration) -> NewSession {
    let starts = local_input_value(now() + starts_in);
    let ends = local_input_value(now() + starts_in + Duration::hours(2));
    NewSession::parse(&SessionForm {
        kind: "think_along",
        title,
        description: "Praat mee.",
        starts_at: &starts,
        ends_at: &ends,
        capacity,
        ask_organisation: true,
        ..SessionForm::default()
    })
    .unwrap()
}

pub async fn session(db: &Db, process: ProcessId, capacity: &str) -> session::Session {
    let new = session_form("Meedenksessie Open Inkoop", capacity, Duration::days(6));
    let id = session::insert(db.write(), process, &new, now())
        .await
        .unwrap();
    find(db, id).await
}

pub async fn find(db: &Db, id: SessionId) -> session::Session {
    session::find(db.read(), id).await.unwrap().unwrap()
}

pub fn person(email: &str) -> NewRegistration {
    NewRegistration::parse("Jan Jansen", email, "Gemeente Zwolle", "", true).unwrap()
}

pub async fn sign_up(
    db: &Db,
    mailer: &TestMailer,
    session: &session::Session,
    email: &str,
) -> session::SignUpOutcome {
    let txn = db.write().begin().await.unwrap();
    let outcome = session::sign_up(&txn, mailer, session, &person(email), now())
        .await
        .unwrap();
    txn.commit().await.unwrap();
    outcome
}

pub async fn confirm(db: &Db, mailer: &TestMailer, token: &str) -> session::ConfirmOutcome {
    let txn = db.write().begin().await.unwrap();
    let outcome = session::confirm(&txn, mailer, token, now()).await.unwrap();
    txn.commit().await.unwrap();
    outcome
}

pub async fn cancel(db: &Db, mailer: &TestMailer, token: &str) -> session::CancelOutcome {
    let txn = db.write().begin().await.unwrap();
    let outcome = session::cancel(&txn, mailer, token, now()).await.unwrap();
    txn.commit().await.unwrap();
    outcome
}

/// Signs up and confirms `email`, returning what confirming did.
pub async fn join(
    db: &Db,
    mailer: &TestMailer,
    session: &session::Session,
    email: &str,
) -> session::ConfirmOutcome {
    sign_up(db, mailer, session, email).await;
    confirm(db, mailer, &mailer.confirm_token(email)).await
}
