//! The one gate for every form a visitor without an account posts (a consultation response, an
//! idea, following a process, signing up for a session, proposing an event).
//!
//! In this order, each refusal showing the form again with everything typed kept:
//! 1. the CSRF verdict of the visitor middleware (these paths handle CSRF themselves);
//! 2. the honeypot field, which people never see and bots fill in;
//! 3. the signed start time: bound to the visitor (cookie), the form's subject (which
//!    consultation, process or session) and its idempotency key, valid `FORM_VALID_HOURS`; a
//!    missing, foreign or expired one is refused, and so is one younger than `MIN_FILL_SECONDS`;
//! 4. the idempotency key, parsed by the domain's `IdempotencyKey`;
//! 5. — after the form's own fields parsed — the per-address limit.
//!
//! One throttle policy for all of them: the slot is reserved by `inspraak_store::throttle::take`
//! (one atomic statement, so parallel posts cannot share a count) before the work, and only a
//! request that reached the work counts. A flow gives its slot back, after its transaction has
//! ended, when the work did nothing new because of the request itself (a replayed key, a window
//! that closed meanwhile, an error) — never because of what the database already held about an
//! address, so the limit cannot be used to learn whether someone signed up. Flows whose work is
//! one transaction take the slot inside it (`reserve_in`): not committing is the give-back.

use crate::ctx::Ctx;
use crate::i18n::Lang;
use actix_web::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use inspraak_domain::consultation::IdempotencyKey;
use inspraak_store::consultation::batch::AddressLimit;
use inspraak_store::throttle::{self, Slot};
use inspraak_store::{ConnectionTrait, DatabaseTransaction};
use inspraak_store::{StoreResult, tokens};

/// A person needs more than this to read and fill in a form; bots post at once.
pub const MIN_FILL_SECONDS: i64 = 3;
/// How long a handed-out form can be sent: a day covers reading, thinking and a night's sleep;
/// after that the form comes back once with a fresh start time (nothing typed is lost).
pub const FORM_VALID_HOURS: i64 = 24;

/// The names of the hidden fields every public form carries.
pub const KEY_FIELD: &str = "idempotency_key";
pub const STARTED_FIELD: &str = "form_started";
pub const HONEYPOT_FIELD: &str = "website";

/// One kind of public form: the purposes its start time and its address hash are signed for,
/// and its per-address limit.
#[derive(Debug, Clone, Copy)]
pub struct FormKind {
    stamp_purpose: &'static str,
    address_purpose: &'static str,
    throttle_prefix: &'static str,
    /// Requests that reach the work per address per window.
    pub limit: u64,
    pub window_minutes: i64,
}

/// A consultation response; the subject is the consultation.
pub const CONSULTATION: FormKind = FormKind {
    stamp_purpose: "consultation-form",
    address_purpose: "consultation-submit",
    throttle_prefix: "consultation",
    limit: 20,
    window_minutes: 10,
};
/// An idea; the subject is the process.
pub const IDEA: FormKind = FormKind {
    stamp_purpose: "idea-form",
    address_purpose: "idea-submit",
    throttle_prefix: "ideas",
    limit: 10,
    window_minutes: 10,
};
/// Following a process by e-mail; the subject is the process.
pub const FOLLOW: FormKind = FormKind {
    stamp_purpose: "follow-form",
    address_purpose: "follow-rate",
    throttle_prefix: "follow",
    limit: 10,
    window_minutes: 15,
};

/// Signing up for a session; the subject is the session. Enough for a family or an office
/// behind one address.
pub const SIGN_UP: FormKind = FormKind {
    stamp_purpose: "signup-form",
    address_purpose: "throttle-signup",
    throttle_prefix: "signup",
    limit: 30,
    window_minutes: 60,
};

/// Proposing an event for the agenda; the subject is the agenda.
pub const PROPOSAL: FormKind = FormKind {
    stamp_purpose: "proposal-form",
    address_purpose: "throttle-propose",
    throttle_prefix: "propose",
    limit: 10,
    window_minutes: 60,
};

/// A message through the contact form; the subject is the form itself. A few a quarter hour is
/// plenty for an office writing on behalf of several people.
pub const CONTACT: FormKind = FormKind {
    stamp_purpose: "contact-form",
    address_purpose: "throttle-contact",
    throttle_prefix: "contact",
    limit: 5,
    window_minutes: 15,
};

/// An order for printed copies of an action plan; the subject is the process.
pub const PRINT_ORDER: FormKind = FormKind {
    stamp_purpose: "print-order-form",
    address_purpose: "throttle-print-order",
    throttle_prefix: "print-order",
    limit: 5,
    window_minutes: 60,
};

/// Asking to join the stakeholder forum; the subject is the forum.
pub const FORUM_REQUEST: FormKind = FormKind {
    stamp_purpose: "forum-request-form",
    address_purpose: "throttle-forum-request",
    throttle_prefix: "forum-request",
    limit: 10,
    window_minutes: 60,
};

/// Why a public form was not taken in. Every form answers each the same way: the form again,
/// everything typed kept, a notice, and `status()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    SessionExpired,
    Honeypot,
    FormExpired,
    TooFast,
    KeyInvalid,
    RateLimited,
}

impl Refusal {
    pub fn status(self) -> StatusCode {
        match self {
            Refusal::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    /// The common notice; a family may word a refusal in its own terms instead.
    pub fn notice(self, lang: Lang) -> &'static str {
        let t = crate::i18n::public_form::texts(lang);
        match self {
            Refusal::SessionExpired => t.session_expired,
            Refusal::Honeypot => t.honeypot,
            Refusal::FormExpired => t.form_expired,
            Refusal::TooFast => t.too_fast,
            Refusal::KeyInvalid => t.key_invalid,
            Refusal::RateLimited => t.rate_limited,
        }
    }
}

/// The three hidden fields as posted (empty when missing).
#[derive(Debug, Clone, Copy, Default)]
pub struct Posted<'a> {
    pub key: &'a str,
    pub started: &'a str,
    pub honeypot: &'a str,
}

impl<'a> Posted<'a> {
    /// Reads them from a posted list of fields (the first value of a name wins).
    pub fn from_fields(fields: &'a [(String, String)]) -> Self {
        let get = |name: &str| {
            fields
                .iter()
                .find(|(n, _)| n == name)
                .map_or("", |(_, v)| v.as_str())
        };
        Posted {
            key: get(KEY_FIELD),
            started: get(STARTED_FIELD),
            honeypot: get(HONEYPOT_FIELD),
        }
    }
}

/// The gate's three fields as a typed form posts them (`#[serde(flatten)]` into the form's
/// struct), and as the form is shown again with them.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct GateFields {
    #[serde(default)]
    pub idempotency_key: String,
    #[serde(default)]
    pub form_started: String,
    #[serde(default)]
    pub website: String,
}

impl GateFields {
    pub fn posted(&self) -> Posted<'_> {
        Posted {
            key: &self.idempotency_key,
            started: &self.form_started,
            honeypot: &self.website,
        }
    }

    /// Takes the key and start time to show the form with (the honeypot stays as posted).
    pub fn restamp(&mut self, gate: &PublicForm<'_>, shown_again: bool) {
        let stamp = gate.stamp(self.posted(), shown_again);
        self.idempotency_key = stamp.key;
        self.form_started = stamp.started;
    }
}

/// The hidden fields a form is (re)shown with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub key: String,
    pub started: String,
}

/// The gate for one form of one subject, for the visitor of this request.
pub struct PublicForm<'a> {
    ctx: &'a Ctx,
    kind: FormKind,
    subject: String,
}

/// A reserved per-address slot; see the module comment for when it is given back.
#[must_use = "give the slot back when the work did nothing new"]
pub struct Reservation(Slot);

impl Reservation {
    /// Gives the slot back (call after the flow's transaction ended: on SQLite it holds the
    /// one writer).
    pub async fn give_back(self, ctx: &Ctx) -> StoreResult<()> {
        throttle::give_back(ctx.state.db.write(), &self.0).await
    }
}

impl<'a> PublicForm<'a> {
    pub fn new(ctx: &'a Ctx, kind: FormKind, subject: impl std::fmt::Display) -> Self {
        PublicForm {
            ctx,
            kind,
            subject: subject.to_string(),
        }
    }

    fn stamp_input(&self, key: &str, seconds: impl std::fmt::Display) -> String {
        format!("{}:{}:{key}:{seconds}", self.subject, self.ctx.visitor_id)
    }

    fn sign(&self, key: &str, at: DateTime<Utc>) -> String {
        let seconds = at.timestamp();
        let mac = self
            .ctx
            .state
            .keys
            .hash(self.kind.stamp_purpose, &self.stamp_input(key, seconds));
        format!("{seconds}.{mac}")
    }

    /// When the form was handed out, if `raw` is a start time signed for this visitor, subject
    /// and key that has not expired.
    fn started_at(&self, key: &str, raw: &str) -> Option<DateTime<Utc>> {
        let (seconds, mac) = raw.split_once('.')?;
        let ok = self.ctx.state.keys.verify(
            self.kind.stamp_purpose,
            &self.stamp_input(key, seconds),
            mac,
        );
        ok.then(|| seconds.parse::<i64>().ok())
            .flatten()
            .and_then(|s| DateTime::<Utc>::from_timestamp(s, 0))
            .filter(|at| self.ctx.now - *at <= Duration::hours(FORM_VALID_HOURS))
    }

    /// The hidden fields for showing the form: a fresh key and start time for a first showing;
    /// when shown again, the posted ones where still good, else new ones dated back by the fill
    /// time (the person already spent it filling in, so sending again at once is not too fast).
    pub fn stamp(&self, posted: Posted<'_>, shown_again: bool) -> Stamp {
        let key = match IdempotencyKey::parse(posted.key) {
            Ok(key) => key.as_str().to_owned(),
            Err(_) => tokens::new_token(),
        };
        let started = match self.started_at(&key, posted.started) {
            Some(_) => posted.started.to_owned(),
            None if shown_again => {
                self.sign(&key, self.ctx.now - Duration::seconds(MIN_FILL_SECONDS))
            }
            None => self.sign(&key, self.ctx.now),
        };
        Stamp { key, started }
    }

    /// The checks before the form's own fields are read (steps 1–4 of the module comment).
    pub fn check(&self, posted: Posted<'_>) -> Result<IdempotencyKey, Refusal> {
        if self.ctx.csrf_ok == Some(false) {
            return Err(Refusal::SessionExpired);
        }
        let subject = &self.subject;
        let form = self.kind.throttle_prefix;
        if !posted.honeypot.is_empty() {
            tracing::info!(form, subject, "honeypot filled; not stored");
            return Err(Refusal::Honeypot);
        }
        let Some(started) = self.started_at(posted.key, posted.started) else {
            tracing::info!(
                form,
                subject,
                "start time expired or not this visitor's; not stored"
            );
            return Err(Refusal::FormExpired);
        };
        if self.ctx.now - started < Duration::seconds(MIN_FILL_SECONDS) {
            tracing::info!(form, subject, "form sent too fast; not stored");
            return Err(Refusal::TooFast);
        }
        IdempotencyKey::parse(posted.key).map_err(|_| Refusal::KeyInvalid)
    }

    /// For a form whose store keeps no idempotency key of its own: marks `key` used, or `None`
    /// when it was used before (a double click, a replay). One atomic statement on the same
    /// table as the limits, counted over the start time's whole validity, so a key cannot come
    /// back after its bucket ends.
    pub async fn first_use(&self, key: &IdempotencyKey) -> StoreResult<Option<Reservation>> {
        let hash = self
            .ctx
            .state
            .keys
            .hash(self.kind.stamp_purpose, key.as_str());
        let bucket = format!("once:{}:{hash}", self.kind.throttle_prefix);
        let window = Duration::hours(FORM_VALID_HOURS + 1);
        let slot = throttle::take(self.ctx.state.db.write(), &bucket, window, self.ctx.now).await?;
        Ok(slot.within(1).then_some(Reservation(slot)))
    }

    /// Reserves this request's per-address slot (step 5), before the work. The address is
    /// only ever kept as a keyed hash.
    pub async fn reserve(&self, client_address: &str) -> StoreResult<Result<Reservation, Refusal>> {
        let slot = self.take(self.ctx.state.db.write(), client_address).await?;
        if slot.within(self.kind.limit) {
            Ok(Ok(Reservation(slot)))
        } else {
            Ok(Err(Refusal::RateLimited))
        }
    }

    /// As [`PublicForm::reserve`], as the first statement of the flow's own transaction: the
    /// slot is given back by not committing (a replay, a closed window, an error, a refusal),
    /// which saves the separate write and the give-back. On PostgreSQL the address's bucket row
    /// stays locked until the commit, which only queues requests from the same address.
    pub async fn reserve_in(
        &self,
        txn: &DatabaseTransaction,
        client_address: &str,
    ) -> StoreResult<Result<(), Refusal>> {
        let slot = self.take(txn, client_address).await?;
        Ok(if slot.within(self.kind.limit) {
            Ok(())
        } else {
            Err(Refusal::RateLimited)
        })
    }

    /// The address's limit for work that is queued rather than done here (the response
    /// writer takes the slot in its own transaction, as [`PublicForm::reserve_in`] would).
    pub fn address_limit(&self, client_address: &str) -> AddressLimit {
        AddressLimit {
            bucket: self.bucket(client_address),
            limit: self.kind.limit,
            window: Duration::minutes(self.kind.window_minutes),
        }
    }

    fn bucket(&self, client_address: &str) -> String {
        let hash = self
            .ctx
            .state
            .keys
            .hash(self.kind.address_purpose, client_address);
        format!("{}:{hash}", self.kind.throttle_prefix)
    }

    async fn take(&self, conn: &impl ConnectionTrait, client_address: &str) -> StoreResult<Slot> {
        let key = self.bucket(client_address);
        let window = Duration::minutes(self.kind.window_minutes);
        throttle::take(conn, &key, window, self.ctx.now).await
    }
}
