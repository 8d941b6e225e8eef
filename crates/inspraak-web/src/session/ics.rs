//! Calendar files (RFC 5545): an invitation or cancellation for one participant, a download of
//! one session, and the agenda feed. Times are written in UTC (`…Z`), which every calendar shows
//! in its own zone, so no VTIMEZONE block is needed and summer/winter time cannot go wrong.
//! The UID names the session and the site, so an invitation, its cancellation and a download of
//! the same session are one event in the participant's calendar. Its SEQUENCE is the session's
//! `revision`, which the store raises with every edit and before every calendar file it mails
//! (`inspraak_store::session` `raise_sequence`), so it only goes up for what one calendar
//! sees: an update after a move, a cancellation, an invitation after signing up again.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};
use inspraak_store::session::{AgendaEntry, ProposedEvent, Session};

/// What a calendar file asks of the calendar that opens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A download or feed: "here is an event".
    Publish,
    /// An invitation to a participant (confirmation mail).
    Request,
    /// The participant cancelled: remove the event.
    Cancel,
}

impl Method {
    fn as_str(self) -> &'static str {
        match self {
            Method::Publish => "PUBLISH",
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
        }
    }

    /// The MIME type of a mail attachment with this method.
    pub fn content_type(self) -> String {
        format!("text/calendar; charset=utf-8; method={}", self.as_str())
    }
}

/// Where the site lives and who sends invitations.
#[derive(Debug, Clone)]
pub struct Site<'a> {
    pub base_url: &'a str,
    /// The sender address, the ORGANIZER of invitations.
    pub organiser_email: &'a str,
    /// The site's name (`INSPRAAK_SITE_NAME`).
    pub name: &'a str,
    /// Who runs it (`INSPRAAK_ORGANISATION_NAME`, else the site's name): the ORGANIZER.
    pub organisation: &'a str,
    pub now: DateTime<Utc>,
}

impl Site<'_> {
    fn host(&self) -> String {
        url::Url::parse(self.base_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_else(|| "inspraak".to_owned())
    }

    pub fn session_url(&self, session: &Session) -> String {
        format!("{}/bijeenkomsten/{}", self.base_url, session.id)
    }
}

/// The stable UID of a session.
pub fn uid(session: &Session, site: &Site<'_>) -> String {
    format!("session-{}@{}", session.id, site.host())
}

/// `-//Organisation//Site//NL`: the usual form of PRODID, naming this installation. A `/`
/// in a name would split the form's parts, so it becomes a hyphen.
fn product_id(site: &Site<'_>) -> String {
    let part = |s: &str| s.replace('/', "-");
    format!("-//{}//{}//NL", part(site.organisation), part(site.name))
}

fn calendar(method: Method, name: Option<&str>, site: &Site<'_>) -> Calendar {
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new("PRODID", product_id(site)));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    calendar.append_property(Property::new("METHOD", method.as_str()));
    if let Some(name) = name {
        calendar.name(name);
    }
    calendar
}

/// One session as an event. `online_link` only for a confirmed participant's own invitation.
fn event(session: &Session, site: &Site<'_>, method: Method, online_link: bool) -> Event {
    let page = site.session_url(session);
    let mut description = session.description.main.clone();
    description.push_str("\n\n");
    description.push_str(&page);
    let link = session.online_link.as_deref().filter(|_| online_link);
    if let Some(link) = link {
        description.push_str("\n\n");
        description.push_str(link);
    }
    let location = match (&session.location, link) {
        (Some(place), _) => place.clone(),
        (None, Some(link)) => link.to_owned(),
        (None, None) => "Online".to_owned(),
    };
    let sequence = u32::try_from(session.revision).unwrap_or(0);
    let mut event = Event::new();
    event
        .uid(&uid(session, site))
        .timestamp(site.now)
        .starts(session.schedule.starts_at())
        .ends(session.schedule.ends_at())
        .summary(&session.title.main)
        .description(&description)
        .location(&location)
        .url(&page)
        .sequence(sequence)
        .status(if method == Method::Cancel || session.is_cancelled() {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
    event
}

/// The invitation (REQUEST) or cancellation (CANCEL) for one participant.
pub fn for_participant(
    session: &Session,
    site: &Site<'_>,
    method: Method,
    attendee: &str,
) -> String {
    let mut event = event(session, site, method, method == Method::Request);
    event.append_property(
        Property::new("ORGANIZER", format!("mailto:{}", site.organiser_email))
            .add_parameter("CN", site.organisation)
            .done(),
    );
    event.append_multi_property(
        Property::new("ATTENDEE", format!("mailto:{attendee}"))
            .add_parameter("ROLE", "REQ-PARTICIPANT")
            .add_parameter(
                "PARTSTAT",
                if method == Method::Cancel {
                    "DECLINED"
                } else {
                    "ACCEPTED"
                },
            )
            .add_parameter("RSVP", "FALSE")
            .done(),
    );
    let mut calendar = calendar(method, None, site);
    calendar.push(event.done());
    calendar.done().to_string()
}

/// One session for the "add to your calendar" download; without the online link.
pub fn download(session: &Session, site: &Site<'_>) -> String {
    let mut calendar = calendar(Method::Publish, Some(&session.title.main), site);
    calendar.push(event(session, site, Method::Publish, false).done());
    calendar.done().to_string()
}

/// The agenda feed: upcoming sessions and approved events of others.
pub fn feed(
    sessions: &[AgendaEntry],
    others: &[ProposedEvent],
    site: &Site<'_>,
    name: &str,
) -> String {
    let mut calendar = calendar(Method::Publish, Some(name), site);
    for entry in sessions {
        calendar.push(event(&entry.session, site, Method::Publish, false).done());
    }
    for other in others {
        let mut event = Event::new();
        event
            .uid(&format!("event-{}@{}", other.id, site.host()))
            .timestamp(site.now)
            .starts(other.starts_at)
            .ends(other.starts_at + chrono::Duration::hours(2))
            .summary(&other.title)
            .description(&format!("{}\n\n{}", other.organiser, other.link))
            .url(&other.link);
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Timelike};
    use inspraak_domain::session::{Capacity, Schedule, SessionKind, parse_local_datetime};
    use inspraak_domain::{ProcessId, SessionId};

    fn session() -> Session {
        let starts = parse_local_datetime("2026-10-05T14:00").unwrap_or_default();
        let ends = parse_local_datetime("2026-10-05T16:00").unwrap_or_default();
        Session {
            id: SessionId(7),
            process_id: ProcessId(1),
            theme_id: None,
            kind: SessionKind::ThinkAlong,
            title: inspraak_domain::Translated::untranslated(
                "Meedenksessie Open Justice; deel 1, online",
            ),
            description: inspraak_domain::Translated::untranslated("Regel 1\nRegel 2"),
            schedule: Schedule::new(starts, ends, None, None).unwrap_or_else(|e| panic!("{e}")),
            location: None,
            online_link: Some("https://meet.example.nl/geheim".into()),
            capacity: Capacity::Limited(10),
            seats_taken: 0,
            ask_organisation: false,
            ask_needs: false,
            revision: 2,
            report: None,
            report_published_at: None,
            updated_at: Utc::now(),
            cancelled_at: None,
        }
    }

    fn site() -> Site<'static> {
        Site {
            base_url: "https://inspraak.example.nl",
            organiser_email: "noreply@example.nl",
            name: "Stem van Lindendal",
            organisation: "Gemeente Lindendal, Noord",
            now: Utc
                .with_ymd_and_hms(2026, 9, 1, 8, 0, 0)
                .single()
                .unwrap_or_default(),
        }
    }

    fn parse(text: &str) -> Calendar {
        text.parse::<Calendar>()
            .unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    #[test]
    fn an_invitation_parses_with_the_right_time_uid_and_method() {
        let text = for_participant(&session(), &site(), Method::Request, "jan@example.nl");
        assert!(text.contains("METHOD:REQUEST\r\n"), "{text}");
        assert!(text.contains("DTSTART:20261005T120000Z"), "{text}");
        assert!(text.contains("SEQUENCE:2"));
        let calendar = parse(&text);
        let event = calendar
            .events()
            .next()
            .unwrap_or_else(|| panic!("no event"));
        assert_eq!(event.get_uid(), Some("session-7@inspraak.example.nl"));
        assert_eq!(
            event.get_summary(),
            Some("Meedenksessie Open Justice; deel 1, online")
        );
        let start = match event.get_start() {
            Some(icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(t))) => t,
            other => panic!("{other:?}"),
        };
        // 14:00 in Amsterdam on a summer-time day.
        assert_eq!(inspraak_domain::time::utc_to_local(start).hour(), 14);
        assert!(
            event
                .get_description()
                .is_some_and(|d| d.contains("https://meet.example.nl/geheim"))
        );
    }

    #[test]
    fn the_configured_names_are_the_product_and_the_organiser() {
        let text = for_participant(&session(), &site(), Method::Request, "jan@example.nl");
        // Long lines are folded (RFC 5545 3.1); unfolded they read as one.
        let unfolded = text.replace("\r\n ", "");
        assert!(
            unfolded.contains("PRODID:-//Gemeente Lindendal\\, Noord//Stem van Lindendal//NL")
                || unfolded.contains("PRODID:-//Gemeente Lindendal, Noord//Stem van Lindendal//NL"),
            "{text}"
        );
        // The comma makes the parameter quoted (RFC 5545 3.2).
        assert!(
            unfolded
                .contains("ORGANIZER;CN=\"Gemeente Lindendal, Noord\":mailto:noreply@example.nl"),
            "{text}"
        );
        assert!(!text.contains("Inspraak"), "{text}");
        parse(&text);
        let download = download(&session(), &site());
        assert!(download.contains("Stem van Lindendal//NL"), "{download}");
    }

    #[test]
    fn a_cancellation_keeps_the_uid_and_carries_the_sessions_sequence() {
        // The store raised the revision before this mail; the file carries it as it is.
        let text = for_participant(&session(), &site(), Method::Cancel, "jan@example.nl");
        assert!(text.contains("METHOD:CANCEL\r\n"));
        assert!(text.contains("STATUS:CANCELLED"));
        assert!(text.contains("SEQUENCE:2"));
        assert!(text.contains("UID:session-7@inspraak.example.nl"));
        assert!(!text.contains("meet.example.nl/geheim"));
        parse(&text);
    }

    #[test]
    fn the_public_download_never_holds_the_online_link() {
        let text = download(&session(), &site());
        assert!(text.contains("METHOD:PUBLISH"));
        assert!(!text.contains("geheim"));
        assert!(text.contains("LOCATION:Online"));
        parse(&text);
    }
}
