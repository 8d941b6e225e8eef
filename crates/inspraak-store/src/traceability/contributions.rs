//! What a contribution is: its process, its consenting address, and the words it holds.

use crate::StoreResult;
use crate::consultation::decode_keys;
use crate::entities::consultation::{answers, consultations, contacts, responses};
use crate::entities::ideas::{action_points, comments, idea_contacts, ideas};
use crate::entities::outcome::threads;
use crate::entities::sessions;
use crate::ideas::forum::{self, Comment};
use crate::ideas::{self as idea_store, Idea};
use chrono::{DateTime, Utc};
use inspraak_domain::consultation::StoredAnswer;
use inspraak_domain::traceability::{Contribution, Target};
use inspraak_domain::{ConsultationId, Language, ProcessId, QuestionId, SessionId, Translated};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

/// The process a contribution belongs to; `None` when it does not exist.
pub async fn process_of(
    conn: &impl ConnectionTrait,
    contribution: Contribution,
) -> StoreResult<Option<ProcessId>> {
    Ok(match contribution {
        Contribution::Response(id) => {
            let Some(response) = responses::Entity::find_by_id(id.0).one(conn).await? else {
                return Ok(None);
            };
            consultations::Entity::find_by_id(response.consultation_id)
                .one(conn)
                .await?
                .map(|c| ProcessId(c.process_id))
        }
        Contribution::Idea(id) => ideas::Entity::find_by_id(id.0)
            .one(conn)
            .await?
            .map(|i| ProcessId(i.process_id)),
        Contribution::Comment(id) => {
            let Some(comment) = comments::Entity::find_by_id(id.0).one(conn).await? else {
                return Ok(None);
            };
            if let Some(idea) = comment.idea_id {
                ideas::Entity::find_by_id(idea)
                    .one(conn)
                    .await?
                    .map(|i| ProcessId(i.process_id))
            } else if let Some(point) = comment.action_point_id {
                action_points::Entity::find_by_id(point)
                    .one(conn)
                    .await?
                    .map(|p| ProcessId(p.process_id))
            } else {
                None
            }
        }
        Contribution::SessionReport(id) => sessions::Entity::find_by_id(id.0)
            .one(conn)
            .await?
            .map(|s| ProcessId(s.process_id)),
    })
}

/// The process a thread or action point belongs to; `None` when it does not exist.
pub async fn target_process(
    conn: &impl ConnectionTrait,
    target: Target,
) -> StoreResult<Option<ProcessId>> {
    Ok(match target {
        Target::Thread(id) => {
            let Some(thread) = threads::Entity::find_by_id(id.0).one(conn).await? else {
                return Ok(None);
            };
            consultations::Entity::find_by_id(thread.consultation_id)
                .one(conn)
                .await?
                .map(|c| ProcessId(c.process_id))
        }
        Target::ActionPoint(id) => action_points::Entity::find_by_id(id.0)
            .one(conn)
            .await?
            .map(|p| ProcessId(p.process_id)),
    })
}

/// The address given with consent for a contribution, while it is kept: a consultation
/// response's contact, an idea's contact. Comments and session reports have none.
pub async fn contact_of(
    conn: &impl ConnectionTrait,
    contribution: Contribution,
) -> StoreResult<Option<(String, Language)>> {
    Ok(match contribution {
        Contribution::Response(id) => contacts::Entity::find()
            .filter(contacts::Column::ResponseId.eq(id.0))
            .one(conn)
            .await?
            .map(|c| (c.email, Language::from_code(&c.language))),
        Contribution::Idea(id) => idea_contacts::Entity::find_by_id(id.0)
            .one(conn)
            .await?
            .map(|c| (c.email, Language::from_code(&c.language))),
        Contribution::Comment(_) | Contribution::SessionReport(_) => None,
    })
}

/// A consultation response as its sender wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnResponse {
    pub consultation: ConsultationId,
    pub submitted_at: DateTime<Utc>,
    pub hidden: bool,
    pub answers: Vec<(QuestionId, StoredAnswer)>,
}

/// A session's report (a session report as a whole is the contribution).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionReport {
    pub session: SessionId,
    pub title: Translated,
    pub starts_at: DateTime<Utc>,
    pub report: Option<Translated>,
    pub published: bool,
}

/// A contribution with its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    Response(OwnResponse),
    Idea(Idea),
    Comment(Comment),
    SessionReport(SessionReport),
}

/// The contribution and its process; `None` when it does not exist.
pub async fn detail(
    conn: &impl ConnectionTrait,
    contribution: Contribution,
) -> StoreResult<Option<(ProcessId, Detail)>> {
    let Some(process) = process_of(conn, contribution).await? else {
        return Ok(None);
    };
    let detail = match contribution {
        Contribution::Response(id) => {
            let Some(response) = responses::Entity::find_by_id(id.0).one(conn).await? else {
                return Ok(None);
            };
            let mut own = Vec::new();
            for answer in answers::Entity::find()
                .filter(answers::Column::ResponseId.eq(id.0))
                .order_by_asc(answers::Column::Id)
                .all(conn)
                .await?
            {
                own.push((
                    QuestionId(answer.question_id),
                    StoredAnswer {
                        keys: decode_keys(answer.choice_keys.as_deref())?,
                        text: answer.text_value,
                    },
                ));
            }
            Detail::Response(OwnResponse {
                consultation: ConsultationId(response.consultation_id),
                submitted_at: response.submitted_at,
                hidden: response.hidden,
                answers: own,
            })
        }
        Contribution::Idea(id) => match idea_store::find(conn, process, id).await? {
            Some(idea) => Detail::Idea(idea),
            None => return Ok(None),
        },
        Contribution::Comment(id) => match forum::find_comment(conn, id).await? {
            Some(comment) => Detail::Comment(comment),
            None => return Ok(None),
        },
        Contribution::SessionReport(id) => {
            let Some(s) = sessions::Entity::find_by_id(id.0).one(conn).await? else {
                return Ok(None);
            };
            Detail::SessionReport(SessionReport {
                session: SessionId(s.id),
                title: Translated::new(s.title, s.title_translation),
                starts_at: s.starts_at,
                published: s.report_published_at.is_some(),
                report: Translated::optional(s.report, s.report_translation),
            })
        }
    };
    Ok(Some((process, detail)))
}

/// What a thread or action point is called, where it lives, and its latest progress update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetInfo {
    pub target: Target,
    pub process: ProcessId,
    pub title: String,
    /// The consultation of a thread.
    pub consultation: Option<ConsultationId>,
    /// The latest progress update of an action point: its date and words.
    pub latest_update: Option<(chrono::NaiveDate, String)>,
}

pub async fn target_info(
    conn: &impl ConnectionTrait,
    target: Target,
) -> StoreResult<Option<TargetInfo>> {
    Ok(match target {
        Target::Thread(id) => {
            let Some(thread) = threads::Entity::find_by_id(id.0).one(conn).await? else {
                return Ok(None);
            };
            let Some(c) = consultations::Entity::find_by_id(thread.consultation_id)
                .one(conn)
                .await?
            else {
                return Ok(None);
            };
            Some(TargetInfo {
                target,
                process: ProcessId(c.process_id),
                title: thread.title,
                consultation: Some(ConsultationId(c.id)),
                latest_update: None,
            })
        }
        Target::ActionPoint(id) => {
            let Some(point) = action_points::Entity::find_by_id(id.0).one(conn).await? else {
                return Ok(None);
            };
            let latest = crate::ideas::action_points::updates(conn, id)
                .await?
                .into_iter()
                .next()
                // The main text; the traceability page marks it with the content language.
                .map(|u| (u.on, u.body.main));
            Some(TargetInfo {
                target,
                process: ProcessId(point.process_id),
                title: point.title,
                consultation: None,
                latest_update: latest,
            })
        }
    })
}
