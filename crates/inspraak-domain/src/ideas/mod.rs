//! Ideas on a theme, their moderation and status, action points with progress updates, and the
//! stakeholder forum's comments.
//!
//! Roles are site-wide: an organiser moderates every process (the existing role model); forum
//! members comment; action holders post updates on the action points linked to their account.

mod join_request;
pub mod links;

use crate::email::Email;
use crate::text::{NonEmptyText, OptionalText};
use crate::validation::FieldErrors;
use crate::{Language, ThemeId, consultation::IdempotencyKey};
use chrono::{DateTime, Duration, NaiveDate, Utc};

pub use join_request::{JoinMotivation, JoinRequest};
pub use links::{Segment, segments};

/// How long a member may edit their own comment after posting it.
pub const EDIT_WINDOW: Duration = Duration::minutes(15);

/// True while `now` is within the edit window of a comment posted at `created_at`.
pub fn can_edit(created_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now >= created_at && now - created_at <= EDIT_WINDOW
}

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(value: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == value)
            }
        }
    };
}

string_enum!(
    /// What became of an idea, as organisers decide and everyone sees.
    IdeaStatus {
        New => "new",
        UnderConsideration => "under_consideration",
        Included => "included",
        NotIncluded => "not_included",
    }
);

string_enum!(
    /// Whether content is shown. Hidden content is kept, with the reason, never deleted.
    Visibility {
        Pending => "pending",
        Public => "public",
        Hidden => "hidden",
    }
);

string_enum!(
    /// When ideas of a process become public: after an organiser approves them (pre), or at
    /// once with organisers hiding afterwards (post).
    Moderation {
        Pre => "pre",
        Post => "post",
    }
);

string_enum!(
    /// Where an action point stands.
    ActionPointStatus {
        Draft => "draft",
        Planned => "planned",
        InProgress => "in_progress",
        Done => "done",
    }
);

string_enum!(
    /// Ways to sort a public idea list.
    IdeaSort {
        Newest => "nieuwste",
        MostDiscussed => "meeste-reacties",
    }
);

pub type IdeaTitle = NonEmptyText<200>;
pub type IdeaBody = NonEmptyText<5000, true>;
pub type AuthorName = OptionalText<120, false, true>;
pub type Explanation = OptionalText<2000, true>;
pub type ModerationReason = NonEmptyText<500, true>;
pub type CommentBody = NonEmptyText<3000, true>;
pub type ActionTitle = NonEmptyText<200>;
pub type ActionDescription = NonEmptyText<5000, true>;
pub type HolderName = NonEmptyText<200, false, true>;
pub type Partners = OptionalText<1000>;
pub type Findings = OptionalText<3000, true>;
pub type UpdateBody = NonEmptyText<3000, true>;
pub type MemberName = NonEmptyText<120, false, true>;
pub type Organisation = OptionalText<200>;
/// The organiser's introduction to the action plan (page and documents); empty removes it.
pub type PlanIntroduction = OptionalText<6000, true>;

/// The action plan's introduction and its translation (`None`: empty).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewPlanIntroduction {
    pub text: Option<String>,
    pub translation: Option<String>,
}

/// Parses the action plan's introduction form fields `introduction` and
/// `introduction_translation`.
pub fn parse_plan_introduction(
    raw: &str,
    raw_translation: &str,
) -> Result<NewPlanIntroduction, FieldErrors> {
    let mut errors = FieldErrors::default();
    let text = errors.take("introduction", PlanIntroduction::parse(raw));
    let translation = errors.take(
        "introduction_translation",
        PlanIntroduction::parse(raw_translation),
    );
    match (text, translation) {
        (Some(text), Some(translation)) if errors.is_empty() => Ok(NewPlanIntroduction {
            text: text.into_option(),
            translation: translation.into_option(),
        }),
        _ => Err(errors),
    }
}

/// An idea as a visitor submits it.
#[derive(Debug, Clone)]
pub struct NewIdea {
    pub theme: ThemeId,
    pub title: IdeaTitle,
    pub body: IdeaBody,
    pub author_name: Option<String>,
    /// Only kept when the submitter ticked the consent box.
    pub contact: Option<Email>,
    /// The language of mails to `contact`; [`NewIdea::parse`] gives Dutch, the web layer sets
    /// the language of the page the idea was sent from.
    pub language: Language,
    pub key: IdempotencyKey,
}

/// The raw fields of the idea form.
#[derive(Debug, Clone, Default)]
pub struct RawIdea<'a> {
    pub theme: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub consent: bool,
    pub key: &'a str,
}

impl NewIdea {
    /// Parses the form; `themes` are the process's themes (any other id is refused).
    pub fn parse(raw: &RawIdea<'_>, themes: &[ThemeId]) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let theme = raw
            .theme
            .trim()
            .parse::<i64>()
            .ok()
            .map(ThemeId)
            .filter(|t| themes.contains(t));
        let theme = errors.take("theme", theme.ok_or(crate::Problem::Invalid));
        let title = errors.take("title", IdeaTitle::parse(raw.title));
        let body = errors.take("body", IdeaBody::parse(raw.body));
        let name = errors.take("name", AuthorName::parse(raw.name));
        let contact = if raw.email.trim().is_empty() {
            if raw.consent {
                errors.take::<(), _>("email", Err(crate::EmailError::Empty));
            }
            None
        } else {
            let email = errors.take("email", Email::parse(raw.email));
            if !raw.consent {
                errors.take::<(), _>("consent", Err(crate::Problem::Invalid));
            }
            email
        };
        let key = errors.take(
            "idempotency_key",
            IdempotencyKey::parse(raw.key).map_err(|_| crate::Problem::Invalid),
        );
        match (theme, title, body, name, key) {
            (Some(theme), Some(title), Some(body), Some(name), Some(key)) if errors.is_empty() => {
                Ok(Self {
                    theme,
                    title,
                    body,
                    author_name: name.into_option(),
                    contact,
                    language: Language::default(),
                    key,
                })
            }
            _ => Err(errors),
        }
    }
}

/// An action point as an organiser creates or edits it.
#[derive(Debug, Clone)]
pub struct NewActionPoint {
    pub theme: Option<ThemeId>,
    pub title: ActionTitle,
    pub description: ActionDescription,
    pub holder: HolderName,
    pub partners: Option<String>,
    pub status: ActionPointStatus,
    pub findings: Option<String>,
    /// The translations into the other interface language (issue #24); `None` while missing.
    pub title_translation: Option<ActionTitle>,
    pub description_translation: Option<ActionDescription>,
    pub findings_translation: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct RawActionPoint<'a> {
    pub theme: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub holder: &'a str,
    pub partners: &'a str,
    pub status: &'a str,
    pub findings: &'a str,
    pub title_translation: &'a str,
    pub description_translation: &'a str,
    pub findings_translation: &'a str,
}

impl NewActionPoint {
    pub fn parse(raw: &RawActionPoint<'_>, themes: &[ThemeId]) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let theme = if raw.theme.trim().is_empty() {
            Some(None)
        } else {
            let found = raw
                .theme
                .trim()
                .parse::<i64>()
                .ok()
                .map(ThemeId)
                .filter(|t| themes.contains(t));
            errors
                .take("theme", found.ok_or(crate::Problem::Invalid))
                .map(Some)
        };
        let title = errors.take("title", ActionTitle::parse(raw.title));
        let description = errors.take("description", ActionDescription::parse(raw.description));
        let holder = errors.take("holder", HolderName::parse(raw.holder));
        let partners = errors.take("partners", Partners::parse(raw.partners));
        let status = errors.take(
            "status",
            ActionPointStatus::parse(raw.status).ok_or(crate::Problem::Invalid),
        );
        let findings = errors.take("findings", Findings::parse(raw.findings));
        let title_translation = errors.take(
            "title_translation",
            crate::translated::parse_translation(raw.title_translation),
        );
        let description_translation = errors.take(
            "description_translation",
            crate::translated::parse_translation(raw.description_translation),
        );
        let findings_translation = errors.take(
            "findings_translation",
            Findings::parse(raw.findings_translation),
        );
        let translations = match (
            title_translation,
            description_translation,
            findings_translation,
        ) {
            (Some(title), Some(description), Some(findings)) => {
                Some((title, description, findings))
            }
            _ => None,
        };
        match (
            theme,
            title,
            description,
            holder,
            partners,
            status,
            findings,
            translations,
        ) {
            (
                Some(theme),
                Some(title),
                Some(description),
                Some(holder),
                Some(partners),
                Some(status),
                Some(findings),
                Some((title_translation, description_translation, findings_translation)),
            ) if errors.is_empty() => Ok(Self {
                theme,
                title,
                description,
                holder,
                partners: partners.into_option(),
                status,
                findings: findings.into_option(),
                title_translation,
                description_translation,
                findings_translation: findings_translation.into_option(),
            }),
            _ => Err(errors),
        }
    }
}

/// A dated progress update on an action point.
#[derive(Debug, Clone)]
pub struct NewProgressUpdate {
    pub on: NaiveDate,
    pub body: UpdateBody,
    /// The body in the other interface language (issue #24); `None` while missing.
    pub body_translation: Option<UpdateBody>,
}

impl NewProgressUpdate {
    /// An update without a translation.
    pub fn parse(on: &str, body: &str) -> Result<Self, FieldErrors> {
        Self::parse_translated(on, body, "")
    }

    /// The form fields `on`, `body` and `body_translation`.
    pub fn parse_translated(
        on: &str,
        body: &str,
        body_translation: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let on = errors.take(
            "on",
            NaiveDate::parse_from_str(on.trim(), "%Y-%m-%d").map_err(|_| crate::Problem::Invalid),
        );
        let body = errors.take("body", UpdateBody::parse(body));
        let translation = errors.take(
            "body_translation",
            crate::translated::parse_translation(body_translation),
        );
        match (on, body, translation) {
            (Some(on), Some(body), Some(body_translation)) => Ok(Self {
                on,
                body,
                body_translation,
            }),
            _ => Err(errors),
        }
    }
}

/// What an invited member fills in to accept: their profile and a password.
#[derive(Debug, Clone)]
pub struct NewMember {
    pub name: MemberName,
    pub organisation: Option<String>,
    pub password: crate::NewPassword,
}

impl NewMember {
    pub fn parse(name: &str, organisation: &str, password: &str) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = errors.take("name", MemberName::parse(name));
        let organisation = errors.take("organisation", Organisation::parse(organisation));
        let password = errors.take("password", crate::NewPassword::parse(password));
        match (name, organisation, password) {
            (Some(name), Some(organisation), Some(password)) => Ok(Self {
                name,
                organisation: organisation.into_option(),
                password,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests;
