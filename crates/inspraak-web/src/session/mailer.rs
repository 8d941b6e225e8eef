//! The texts of session mails: the store decides when a mail goes, this writes it — greeting,
//! details, the links (confirm, cancel, the page, "erase my data"), the online link for
//! confirmed participants only, and the calendar file.

use super::ics::{self, Method, Site};
use crate::i18n::{Lang, fill, session_mail as texts};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use inspraak_domain::session::{CONFIRMATION_TIME, RegistrationState};
use inspraak_store::outbox::Attachment;
use inspraak_store::session::{MailContent, MailContext, Session, SessionMail, SessionMailer};

/// Writes session mails with links to one site, each in the language its recipient signed up
/// in (whoever caused the mail: a visitor, an organiser or the background job).
#[derive(Debug, Clone)]
pub struct WebMailer {
    pub base_url: String,
    pub organiser_email: String,
    /// The site's and the organisation's names (the house style).
    pub site_name: String,
    pub organisation: String,
    /// The language being written in; [`SessionMailer::compose`] sets the recipient's.
    pub lang: Lang,
    /// The language organisers write in (`INSPRAAK_CONTENT_LANGUAGE`): a recipient who signed
    /// up in the other one gets the session's translated title where there is one.
    pub content_lang: Lang,
    pub now: DateTime<Utc>,
}

impl WebMailer {
    pub fn new(state: &AppState, now: DateTime<Utc>) -> Self {
        // "Inspraak <noreply@x>" or a bare address: the address is what the calendar needs.
        let from = &state.settings.mail_from;
        let organiser_email = match (from.rfind('<'), from.rfind('>')) {
            (Some(open), Some(close)) if open < close => from[open + 1..close].to_owned(),
            _ => from.trim().to_owned(),
        };
        WebMailer {
            base_url: state.settings.base_url.trim_end_matches('/').to_owned(),
            organiser_email,
            site_name: state.settings.house.site_name.clone(),
            organisation: state.settings.house.organisation_or_site().to_owned(),
            lang: Lang::default(),
            content_lang: state.settings.content_language.into(),
            now,
        }
    }

    fn site(&self) -> Site<'_> {
        Site {
            base_url: &self.base_url,
            organiser_email: &self.organiser_email,
            name: &self.site_name,
            organisation: &self.organisation,
            now: self.now,
        }
    }

    /// "5 oktober 2026, 14:00 tot 16:00" (a multi-day event shows both dates).
    pub fn when(lang: Lang, session: &Session) -> String {
        let (start, end) = (session.schedule.starts_at(), session.schedule.ends_at());
        let same_day =
            inspraak_domain::time::local_date(start) == inspraak_domain::time::local_date(end);
        let end_text = if same_day {
            inspraak_domain::time::utc_to_local(end)
                .format("%H:%M")
                .to_string()
        } else {
            lang.date_time(end)
        };
        fill(
            crate::i18n::session::texts(lang).when_value,
            &[("start", &lang.date_time(start)), ("end", &end_text)],
        )
    }

    /// The session's title in the language being written in, where it was translated.
    fn title<'s>(&self, session: &'s Session) -> &'s str {
        session.title.pick(self.lang != self.content_lang).0
    }

    fn details(&self, session: &Session, with_link: bool) -> String {
        let t = texts::texts(self.lang);
        let mut lines = vec![
            self.title(session).to_owned(),
            fill(t.when, &[("when", &Self::when(self.lang, session))]),
        ];
        match &session.location {
            Some(place) => lines.push(fill(t.place, &[("place", place)])),
            None => lines.push(t.online.to_owned()),
        }
        if let (true, Some(link)) = (with_link, &session.online_link) {
            lines.push(fill(t.online_link, &[("link", link)]));
        }
        lines.push(fill(t.page, &[("url", &self.site().session_url(session))]));
        lines.join("\n")
    }

    fn calendar(&self, context: &MailContext<'_>, method: Method) -> Attachment {
        let body = ics::for_participant(
            context.session,
            &self.site(),
            method,
            &context.registrant.email,
        );
        Attachment {
            file_name: if method == Method::Cancel {
                "afmelding.ics".into()
            } else {
                "uitnodiging.ics".into()
            },
            content_type: method.content_type(),
            body,
        }
    }
}

impl SessionMailer for WebMailer {
    fn compose(&self, context: &MailContext<'_>, mail: &SessionMail<'_>) -> MailContent {
        WebMailer {
            lang: context.registrant.language.into(),
            ..self.clone()
        }
        .write(context, mail)
    }
}

impl WebMailer {
    fn write(&self, context: &MailContext<'_>, mail: &SessionMail<'_>) -> MailContent {
        let t = texts::texts(self.lang);
        let session = context.session;
        let title = [("title", self.title(session))];
        let link = |path: &str, token: &str| format!("{}{path}{token}", self.base_url);
        let deadline = std::cmp::min(self.now + CONFIRMATION_TIME, session.schedule.starts_at());
        let confirm_block = |token: &str| {
            format!(
                "{}\n{}\n\n{}",
                fill(
                    t.confirm_link,
                    &[("url", &link("/aanmelding/bevestigen/", token))]
                ),
                fill(
                    t.confirm_deadline,
                    &[("deadline", &self.lang.date_time(deadline))]
                ),
                t.confirm_not_you
            )
        };
        let (subject, intro, with_link, action, attachment) = match mail {
            SessionMail::ConfirmRequest { confirm_token } => (
                fill(t.confirm_subject, &title),
                fill(t.confirm_intro, &title),
                false,
                Some(confirm_block(confirm_token)),
                None,
            ),
            SessionMail::SignedUpAgain {
                state: RegistrationState::Pending,
                confirm_token,
            } => (
                fill(t.confirm_subject, &title),
                fill(t.again_pending_intro, &title),
                false,
                confirm_token.map(confirm_block),
                None,
            ),
            SessionMail::SignedUpAgain {
                state: RegistrationState::Waitlisted,
                ..
            } => (
                fill(t.again_waitlisted_subject, &title),
                fill(t.again_waitlisted_intro, &title),
                false,
                None,
                None,
            ),
            SessionMail::SignedUpAgain { .. } => (
                fill(t.again_confirmed_subject, &title),
                fill(t.again_confirmed_intro, &title),
                true,
                None,
                None,
            ),
            SessionMail::Confirmed => (
                fill(t.confirmed_subject, &title),
                fill(t.confirmed_intro, &title),
                true,
                Some(t.calendar_attached.to_owned()),
                Some(self.calendar(context, Method::Request)),
            ),
            SessionMail::Waitlisted => (
                fill(t.waitlisted_subject, &title),
                fill(t.waitlisted_intro, &title),
                false,
                None,
                None,
            ),
            SessionMail::Promoted => (
                fill(t.promoted_subject, &title),
                fill(t.promoted_intro, &title),
                true,
                Some(t.calendar_attached.to_owned()),
                Some(self.calendar(context, Method::Request)),
            ),
            SessionMail::Cancelled => (
                fill(t.cancelled_subject, &title),
                fill(t.cancelled_intro, &title),
                false,
                None,
                Some(self.calendar(context, Method::Cancel)),
            ),
            SessionMail::Reminder => (
                fill(t.reminder_subject, &title),
                fill(t.reminder_intro, &title),
                true,
                None,
                None,
            ),
            SessionMail::Report => (
                fill(t.report_subject, &title),
                fill(t.report_intro, &title),
                false,
                Some(fill(
                    t.report_link,
                    &[(
                        "url",
                        &format!("{}#verslag", self.site().session_url(session)),
                    )],
                )),
                None,
            ),
            SessionMail::Changed => (
                fill(t.changed_subject, &title),
                fill(t.changed_intro, &title),
                true,
                None,
                Some(self.calendar(context, Method::Request)),
            ),
            SessionMail::ChangedWaitlisted => (
                fill(t.changed_subject, &title),
                fill(t.changed_waitlisted_intro, &title),
                false,
                None,
                None,
            ),
            SessionMail::CalledOff => (
                fill(t.called_off_subject, &title),
                fill(t.called_off_intro, &title),
                false,
                None,
                Some(self.calendar(context, Method::Cancel)),
            ),
            SessionMail::CalledOffWaitlisted => (
                fill(t.called_off_subject, &title),
                fill(t.called_off_waitlisted_intro, &title),
                false,
                None,
                None,
            ),
            SessionMail::Message { subject, body } => (
                fill(
                    t.message_subject,
                    &[("title", self.title(session)), ("subject", subject)],
                ),
                format!("{}\n\n{body}", fill(t.message_intro, &title)),
                true,
                None,
                None,
            ),
        };
        let mut parts = vec![
            fill(t.greeting, &[("name", &context.registrant.name)]),
            intro,
            self.details(session, with_link),
        ];
        parts.extend(action);
        if let Some(token) = context.cancel_token {
            // Only someone with a seat is told that it goes to someone else.
            let cancel_text = match mail {
                SessionMail::Confirmed
                | SessionMail::Promoted
                | SessionMail::Reminder
                | SessionMail::Message { .. }
                | SessionMail::Changed
                | SessionMail::SignedUpAgain {
                    state: RegistrationState::Confirmed,
                    ..
                } => t.cancel_link,
                SessionMail::Waitlisted
                | SessionMail::ChangedWaitlisted
                | SessionMail::SignedUpAgain {
                    state: RegistrationState::Waitlisted,
                    ..
                } => t.cancel_link_waitlisted,
                _ => t.cancel_link_plain,
            };
            parts.push(fill(
                cancel_text,
                &[("url", &link("/aanmelding/annuleren/", token))],
            ));
        }
        if let Some(token) = context.erase_token {
            parts.push(fill(
                t.erase_link,
                &[("url", &link("/gegevens-wissen/", token))],
            ));
        }
        parts.push(fill(t.signature, &[("site", &self.site_name)]));
        MailContent {
            subject,
            body_text: parts.join("\n\n"),
            attachment,
        }
    }
}
