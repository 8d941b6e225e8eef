//! The forum member's home (`/forum`): what is open for comment (ideas still being weighed and
//! draft action points of current processes, and the conversations that moved last), the
//! member's own recent comments and the replies others wrote after them.
//!
//! A handful of queries whatever the number of items: the public processes, the open ideas, the
//! draft action points, the latest comments on public targets, the member's comments, the
//! comments in the member's threads, then the targets and authors all of them name (by id lists).

use super::corrupt;
use super::forum::CommentSubject;
use crate::StoreResult;
use crate::entities::ideas::{action_points, comments, ideas};
use crate::entities::{processes, users};
use chrono::{DateTime, Utc};
use inspraak_domain::ideas::{ActionPointStatus, IdeaStatus, Visibility};
use inspraak_domain::{ActionPointId, CommentId, IdeaId, ProcessStatus, UserId};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::{HashMap, HashSet};

/// How many items each list of the home holds at most.
pub const LIST_LENGTH: u64 = 10;
/// How many of the latest comments are read to find the conversations that moved last.
const RECENT_COMMENTS: u64 = 100;

/// A public page a comment can be written on: an idea or an action point of a public process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub target: CommentSubject,
    pub title: String,
    pub process_slug: String,
    pub process_title: String,
}

impl Place {
    /// The page's path, e.g. `/processen/plan/ideeen/3`.
    pub fn path(&self) -> String {
        match self.target {
            CommentSubject::Idea(id) => format!("/processen/{}/ideeen/{id}", self.process_slug),
            CommentSubject::ActionPoint(id) => {
                format!("/processen/{}/actiepunten/{id}", self.process_slug)
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenIdea {
    pub place: Place,
    pub status: IdeaStatus,
    pub comment_count: i64,
}

/// A conversation: a first comment and the replies under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    pub root: CommentId,
    pub place: Place,
    pub started_by: String,
    pub body: String,
    pub replies: usize,
    pub last_activity: DateTime<Utc>,
}

/// A comment as the home lists it (the member's own, or a reply to them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub id: CommentId,
    pub place: Place,
    pub author_name: String,
    pub author_organisation: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForumHome {
    /// Public ideas of current processes that are new or under consideration, newest first.
    pub ideas: Vec<OpenIdea>,
    /// Draft action points of current processes, for the forum to discuss; latest change first.
    pub draft_points: Vec<Place>,
    /// The conversations on current processes with the latest comments, latest first.
    pub threads: Vec<Thread>,
    /// The member's own public comments, newest first.
    pub mine: Vec<Listed>,
    /// Comments by others in the member's threads, written after the member's first comment
    /// there, newest first.
    pub replies: Vec<Listed>,
}

fn ids_of(rows: &[comments::Model]) -> (HashSet<i64>, HashSet<i64>) {
    let ideas = rows.iter().filter_map(|c| c.idea_id).collect();
    let points = rows.iter().filter_map(|c| c.action_point_id).collect();
    (ideas, points)
}

fn target_of(c: &comments::Model) -> StoreResult<CommentSubject> {
    match (c.idea_id, c.action_point_id) {
        (Some(idea), _) => Ok(CommentSubject::Idea(IdeaId(idea))),
        (None, Some(point)) => Ok(CommentSubject::ActionPoint(ActionPointId(point))),
        (None, None) => Err(corrupt("comment target", "none")),
    }
}

/// Ids of the public ideas in these processes (a subquery).
fn public_ideas(processes: &[i64]) -> SelectStatement {
    Query::select()
        .column(ideas::Column::Id)
        .from(ideas::Entity)
        .and_where(Expr::col(ideas::Column::Visibility).eq(Visibility::Public.as_str()))
        .and_where(Expr::col(ideas::Column::ProcessId).is_in(processes.iter().copied()))
        .to_owned()
}

/// Ids of the action points in these processes (a subquery).
fn points_in(processes: &[i64]) -> SelectStatement {
    Query::select()
        .column(action_points::Column::Id)
        .from(action_points::Entity)
        .and_where(Expr::col(action_points::Column::ProcessId).is_in(processes.iter().copied()))
        .to_owned()
}

struct Names {
    processes: HashMap<i64, processes::Model>,
    ideas: HashMap<i64, ideas::Model>,
    points: HashMap<i64, action_points::Model>,
    users: HashMap<i64, users::Model>,
}

impl Names {
    /// Where a target lives, or `None` when it is not (or no longer) public.
    fn place(&self, target: CommentSubject) -> Option<Place> {
        let (process, title) = match target {
            CommentSubject::Idea(id) => {
                let idea = self.ideas.get(&id.0)?;
                (idea.visibility == Visibility::Public.as_str()).then_some(())?;
                (idea.process_id, idea.title.clone())
            }
            CommentSubject::ActionPoint(id) => {
                let point = self.points.get(&id.0)?;
                (point.process_id, point.title.clone())
            }
        };
        let process = self.processes.get(&process)?;
        Some(Place {
            target,
            title,
            process_slug: process.slug.clone(),
            process_title: process.title.clone(),
        })
    }

    fn listed(&self, c: &comments::Model) -> StoreResult<Option<Listed>> {
        let author = self.users.get(&c.author_user_id);
        Ok(self.place(target_of(c)?).map(|place| Listed {
            id: CommentId(c.id),
            place,
            author_name: author.map(|a| a.display_name.clone()).unwrap_or_default(),
            author_organisation: author.and_then(|a| a.organisation.clone()),
            body: c.body.clone(),
            created_at: c.created_at,
        }))
    }
}

fn public_comments() -> sea_orm::Select<comments::Entity> {
    comments::Entity::find().filter(comments::Column::Visibility.eq(Visibility::Public.as_str()))
}

fn thread_of(c: &comments::Model) -> i64 {
    c.parent_id.unwrap_or(c.id)
}

/// Everything the forum home of `member` shows.
pub async fn load(conn: &impl ConnectionTrait, member: UserId) -> StoreResult<ForumHome> {
    let public: HashMap<i64, processes::Model> = processes::Entity::find()
        .filter(processes::Column::Status.ne(ProcessStatus::Draft.as_str()))
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let current: Vec<i64> = public
        .values()
        .filter(|p| p.status == ProcessStatus::Published.as_str())
        .map(|p| p.id)
        .collect();

    let open_ideas = ideas::Entity::find()
        .filter(ideas::Column::ProcessId.is_in(current.iter().copied()))
        .filter(ideas::Column::Visibility.eq(Visibility::Public.as_str()))
        .filter(ideas::Column::Status.is_in([
            IdeaStatus::New.as_str(),
            IdeaStatus::UnderConsideration.as_str(),
        ]))
        .order_by_desc(ideas::Column::CreatedAt)
        .order_by_desc(ideas::Column::Id)
        .limit(LIST_LENGTH)
        .all(conn)
        .await?;
    let draft_points = action_points::Entity::find()
        .filter(action_points::Column::ProcessId.is_in(current.iter().copied()))
        .filter(action_points::Column::Status.eq(ActionPointStatus::Draft.as_str()))
        .order_by_desc(action_points::Column::UpdatedAt)
        .order_by_desc(action_points::Column::Id)
        .limit(LIST_LENGTH)
        .all(conn)
        .await?;

    // The latest comments on current processes' pages: their threads are the conversations that
    // moved last.
    let on_public_pages = Condition::any()
        .add(comments::Column::IdeaId.in_subquery(public_ideas(&current)))
        .add(comments::Column::ActionPointId.in_subquery(points_in(&current)));
    let recent = public_comments()
        .filter(on_public_pages)
        .order_by_desc(comments::Column::CreatedAt)
        .order_by_desc(comments::Column::Id)
        .limit(RECENT_COMMENTS)
        .all(conn)
        .await?;
    let mut thread_order: Vec<i64> = Vec::new();
    for c in &recent {
        let root = thread_of(c);
        if !thread_order.contains(&root) && thread_order.len() < LIST_LENGTH as usize {
            thread_order.push(root);
        }
    }

    let mine = public_comments()
        .filter(comments::Column::AuthorUserId.eq(member.0))
        .order_by_desc(comments::Column::CreatedAt)
        .order_by_desc(comments::Column::Id)
        .limit(RECENT_COMMENTS)
        .all(conn)
        .await?;
    // The member's first comment in each of their threads (ids grow with time).
    let mut joined: HashMap<i64, i64> = HashMap::new();
    for c in &mine {
        let first = joined.entry(thread_of(c)).or_insert(c.id);
        *first = Ord::min(*first, c.id);
    }

    // One read for the roots and replies of the listed threads and of the member's threads.
    let roots: Vec<i64> = thread_order
        .iter()
        .chain(joined.keys())
        .copied()
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let in_threads = public_comments()
        .filter(
            Condition::any()
                .add(comments::Column::Id.is_in(roots.iter().copied()))
                .add(comments::Column::ParentId.is_in(roots.iter().copied())),
        )
        .order_by_desc(comments::Column::CreatedAt)
        .order_by_desc(comments::Column::Id)
        .all(conn)
        .await?;

    let mut rows: Vec<comments::Model> = mine.clone();
    rows.extend(in_threads.iter().cloned());
    let (mut idea_ids, mut point_ids) = ids_of(&rows);
    idea_ids.extend(open_ideas.iter().map(|i| i.id));
    point_ids.extend(draft_points.iter().map(|p| p.id));
    let user_ids: HashSet<i64> = rows.iter().map(|c| c.author_user_id).collect();
    let names = Names {
        ideas: ideas::Entity::find()
            .filter(ideas::Column::Id.is_in(idea_ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|i| (i.id, i))
            .collect(),
        points: action_points::Entity::find()
            .filter(action_points::Column::Id.is_in(point_ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect(),
        users: users::Entity::find()
            .filter(users::Column::Id.is_in(user_ids))
            .all(conn)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect(),
        processes: public,
    };

    let mut home = ForumHome::default();
    for idea in &open_ideas {
        if let Some(place) = names.place(CommentSubject::Idea(IdeaId(idea.id))) {
            home.ideas.push(OpenIdea {
                place,
                status: IdeaStatus::parse(&idea.status)
                    .ok_or_else(|| corrupt("idea status", &idea.status))?,
                comment_count: i64::from(idea.comment_count),
            });
        }
    }
    home.draft_points = draft_points
        .iter()
        .filter_map(|p| names.place(CommentSubject::ActionPoint(ActionPointId(p.id))))
        .collect();
    for root in &thread_order {
        let Some(first) = in_threads.iter().find(|c| c.id == *root) else {
            continue; // the first comment was hidden: the thread is not shown
        };
        let Some(place) = names.place(target_of(first)?) else {
            continue;
        };
        let replies: Vec<_> = in_threads
            .iter()
            .filter(|c| c.parent_id == Some(*root))
            .collect();
        home.threads.push(Thread {
            root: CommentId(*root),
            place,
            started_by: names
                .users
                .get(&first.author_user_id)
                .map(|u| u.display_name.clone())
                .unwrap_or_default(),
            body: first.body.clone(),
            replies: replies.len(),
            last_activity: replies
                .iter()
                .map(|c| c.created_at)
                .chain([first.created_at])
                .max()
                .unwrap_or(first.created_at),
        });
    }
    for c in &mine {
        if home.mine.len() < LIST_LENGTH as usize
            && let Some(listed) = names.listed(c)?
        {
            home.mine.push(listed);
        }
    }
    for c in &in_threads {
        if home.replies.len() >= LIST_LENGTH as usize {
            break;
        }
        let after_mine = joined.get(&thread_of(c)).is_some_and(|first| c.id > *first);
        if c.author_user_id != member.0
            && c.parent_id.is_some()
            && after_mine
            && let Some(listed) = names.listed(c)?
        {
            home.replies.push(listed);
        }
    }
    Ok(home)
}
