//! Public pages: home, process, theme.

use super::WebResult;
use crate::ctx::Ctx;
use crate::error::WebError;
use crate::participation::{self, JoinItem};
use crate::read::cache;
use crate::views::process::{self as view, OpenProcess, ProcessPage};
use crate::views::process_results::{self as results, News, NewsKind, Results};
use crate::views::theme::{self as theme_view, ThemeOutcome, ThemePage};
use actix_web::{get, web};
use inspraak_domain::ProcessStatus;
use inspraak_domain::ideas::{ActionPointStatus, IdeaSort};
use inspraak_domain::time::local_date;
use inspraak_store::ideas::{self, ListQuery, action_points};
use inspraak_store::outcomes::{self, figures};
use inspraak_store::process::{self, Process};
use inspraak_store::session::{self, Agenda, AgendaScope};
use inspraak_store::{ConnectionTrait, StoreResult, evaluation, overview, publications};
use maud::{Markup, html};

/// Ideas a theme page lists (the newest; a link leads to all of them).
const THEME_IDEAS: u64 = 5;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(home).service(process_page).service(theme_page);
}

/// What is open to join in a process now: the same reads as its "Doe mee" block.
async fn open_items(
    conn: &impl ConnectionTrait,
    ctx: &Ctx,
    process: &Process,
) -> StoreResult<Vec<JoinItem>> {
    let phases = process::phases(conn, process.id).await?;
    let agenda = session::agenda(conn, ctx.now, AgendaScope::Process(process.id)).await?;
    participation::open_items(
        conn,
        (ctx.lang, ctx.content_lang()),
        process,
        &phases,
        &agenda.upcoming,
        ctx.now,
    )
    .await
}

/// The home page's reads: current and earlier processes, and what is open in each current one.
struct HomeModel {
    current: Vec<Process>,
    earlier: Vec<Process>,
    open: Vec<Vec<JoinItem>>,
}

async fn load_home(ctx: &Ctx) -> WebResult<HomeModel> {
    let conn = ctx.state.db.read();
    let current = process::list_with_status(conn, ProcessStatus::Published).await?;
    let earlier = process::list_with_status(conn, ProcessStatus::Archived).await?;
    // A few reads per current process (their number is small: a site runs a handful at once).
    let mut open = Vec::new();
    for process in &current {
        open.push(open_items(conn, ctx, process).await?);
    }
    Ok(HomeModel {
        current,
        earlier,
        open,
    })
}

#[get("/")]
async fn home(ctx: Ctx) -> WebResult<Markup> {
    let model = cache::page(&ctx, "/".into(), || load_home(&ctx)).await?;
    let open: Vec<_> = model
        .current
        .iter()
        .zip(&model.open)
        .map(|(process, items)| OpenProcess {
            process,
            items: items.clone(),
        })
        .collect();
    Ok(view::home(&ctx, &open, &model.current, &model.earlier))
}

/// The news items read with the page already: reports, session reports, documents, outcomes.
fn published_news(
    agenda: &Agenda,
    reports: &[publications::ProgressReport],
    documents: &[publications::Document],
    consultations: &[overview::ConsultationOutcome],
) -> Vec<News> {
    let mut news = Vec::new();
    for r in reports {
        news.push(News {
            kind: NewsKind::Report,
            date: r.date,
            published: r.published_at.unwrap_or_default(),
            title: r.title.clone(),
            anchor: format!("rapportage-{}", r.id),
        });
    }
    for e in agenda.past.iter().chain(&agenda.upcoming) {
        if let (Some(at), Some(_)) = (e.session.report_published_at, e.session.published_report()) {
            news.push(News {
                kind: NewsKind::SessionReport,
                date: local_date(at),
                published: at,
                title: e.session.title.clone(),
                anchor: format!("verslag-{}", e.session.id),
            });
        }
    }
    for d in documents {
        news.push(News {
            kind: NewsKind::Document,
            date: d.date,
            published: d.created_at,
            title: d.title.clone(),
            anchor: format!("document-{}", d.id),
        });
    }
    for c in consultations {
        if let Some(at) = c.outcome.as_ref().and_then(|o| o.published_at) {
            news.push(News {
                kind: NewsKind::Outcome,
                date: local_date(at),
                published: at,
                title: c.consultation.title.clone(),
                anchor: format!("uitkomst-{}", c.consultation.id),
            });
        }
    }
    news
}

/// The timeline's latest entries from what the process page has read anyway, and the updates of
/// its public action points (one statement).
async fn latest_news(
    conn: &impl ConnectionTrait,
    agenda: &Agenda,
    reports: &[publications::ProgressReport],
    documents: &[publications::Document],
    consultations: &[overview::ConsultationOutcome],
    points: &[action_points::ActionPoint],
) -> StoreResult<Vec<News>> {
    let mut news = published_news(agenda, reports, documents, consultations);
    let ids: Vec<_> = points.iter().map(|p| p.id).collect();
    let limit = u64::try_from(results::LATEST_NEWS).unwrap_or(3);
    for u in overview::recent_updates(conn, &ids, limit).await? {
        let Some(point) = points.iter().find(|p| p.id == u.action_point) else {
            continue;
        };
        news.push(News {
            kind: NewsKind::ActionPointUpdate,
            date: u.on,
            published: u.created_at,
            title: point.title.clone(),
            anchor: format!("actiepunt-voortgang-{}", u.id),
        });
    }
    // The timeline's order: newest date first, then newest publication.
    news.sort_by_key(|n| std::cmp::Reverse((n.date, n.published)));
    news.truncate(results::LATEST_NEWS);
    Ok(news)
}

/// The action points the public sees: all but drafts.
async fn public_points(
    conn: &impl ConnectionTrait,
    process: &Process,
) -> StoreResult<Vec<action_points::ActionPoint>> {
    Ok(action_points::list_for_process(conn, process.id)
        .await?
        .into_iter()
        .filter(|p| p.status != ActionPointStatus::Draft)
        .collect())
}

/// Everything the process page shows, read once per content version.
struct ProcessModel {
    process: Process,
    phases: Vec<process::Phase>,
    themes: Vec<process::Theme>,
    agenda: Agenda,
    join: Vec<JoinItem>,
    reports: Vec<publications::ProgressReport>,
    documents: Vec<publications::Document>,
    consultations: Vec<overview::ConsultationOutcome>,
    points: Vec<action_points::ActionPoint>,
    news: Vec<News>,
    /// The self-evaluation, read only for an archived process ("Eerdere actieplannen").
    evaluation: Option<evaluation::Evaluation>,
}

async fn load_process(ctx: &Ctx, slug: &str) -> WebResult<ProcessModel> {
    let conn = ctx.state.db.read();
    let process = crate::flows::public_process(ctx, slug).await?;
    let phases = process::phases(conn, process.id).await?;
    let themes = process::themes(conn, process.id).await?;
    // Loaded once for the sessions block and for "Doe mee".
    let agenda = session::agenda(conn, ctx.now, AgendaScope::Process(process.id)).await?;
    let join = participation::open_items(
        conn,
        (ctx.lang, ctx.content_lang()),
        &process,
        &phases,
        &agenda.upcoming,
        ctx.now,
    )
    .await?;
    // Loaded once for the publications block and the latest news.
    let reports = publications::reports_for_process(conn, process.id).await?;
    let documents = publications::documents_for_process(conn, process.id).await?;
    let consultations = overview::consultation_outcomes(conn, process.id).await?;
    let points = public_points(conn, &process).await?;
    let news = latest_news(conn, &agenda, &reports, &documents, &consultations, &points).await?;
    let evaluation = if inspraak_domain::evaluation::allowed(process.status) {
        evaluation::find(conn, process.id).await?
    } else {
        None
    };
    Ok(ProcessModel {
        process,
        phases,
        themes,
        agenda,
        join,
        reports,
        documents,
        consultations,
        points,
        news,
        evaluation,
    })
}

#[get("/processen/{slug}")]
async fn process_page(ctx: Ctx, slug: web::Path<String>) -> WebResult<Markup> {
    let key = format!("/processen/{slug}");
    let m = cache::page(&ctx, key, || load_process(&ctx, &slug)).await?;
    // The self-evaluation's documents are shown with it (when it is shown), not again in the
    // documents list.
    let (evaluation_documents, documents): (Vec<_>, Vec<_>) =
        m.documents.iter().cloned().partition(|d| {
            m.evaluation.is_some() && d.owner == publications::Owner::Evaluation(m.process.id)
        });
    Ok(view::process(
        &ctx,
        ProcessPage {
            process: &m.process,
            phases: &m.phases,
            themes: &m.themes,
            join: &m.join,
            today: local_date(ctx.now),
            results: results::block(
                &ctx,
                &Results {
                    process: &m.process,
                    consultations: &m.consultations,
                    points: &m.points,
                    news: &m.news,
                    min_group: ctx.state.settings.min_group_size,
                    now: ctx.now,
                },
            ),
            extra: html! {
                @if let Some(e) = &m.evaluation { (crate::views::evaluation::public_block(&ctx, e, &evaluation_documents)) }
                (super::session::process_block(&ctx, &m.agenda))
                (crate::views::publications::public::process_block(&ctx, &m.process, &m.reports, &documents))
                (super::ideas::process_block(&ctx, &m.process))
            },
        },
    ))
}

/// Everything a theme page shows, read once per content version.
struct ThemeModel {
    process: Process,
    theme: process::Theme,
    published: Vec<ThemeOutcome>,
    counts: Vec<(inspraak_domain::ThemeId, u64, u64)>,
    ideas: Vec<ideas::Idea>,
    ideas_total: u64,
    agenda: Agenda,
    points: Vec<action_points::ActionPoint>,
}

async fn load_theme(ctx: &Ctx, slug: &str, theme_slug: &str) -> WebResult<ThemeModel> {
    let conn = ctx.state.db.read();
    let process = crate::flows::public_process(ctx, slug).await?;
    let theme = process::find_theme(conn, process.id, theme_slug)
        .await?
        .ok_or(WebError::NotFound)?;
    // Published outcomes only; their figures come from the running counts (three small reads
    // each) and their threads (one), for the few consultations a process has.
    let mut published = Vec::new();
    for item in overview::consultation_outcomes(conn, process.id).await? {
        if item.outcome.is_none() {
            continue;
        }
        let figures = figures::load(conn, &item.consultation).await?;
        let threads = outcomes::threads(conn, item.consultation.id).await?;
        published.push(ThemeOutcome {
            consultation: item.consultation,
            figures,
            threads,
        });
    }
    let counts = ideas::counts_per_theme(conn, process.id).await?;
    let query = ListQuery {
        process: process.id,
        theme: Some(theme.id),
        search: None,
        sort: IdeaSort::Newest,
        page: 0,
        per_page: THEME_IDEAS,
    };
    let (ideas, ideas_total) = ideas::public_page(conn, &query).await?;
    let agenda = session::agenda(conn, ctx.now, AgendaScope::Theme(theme.id)).await?;
    let points: Vec<_> = public_points(conn, &process)
        .await?
        .into_iter()
        .filter(|p| p.theme_id == Some(theme.id))
        .collect();
    Ok(ThemeModel {
        process,
        theme,
        published,
        counts,
        ideas,
        ideas_total,
        agenda,
        points,
    })
}

#[get("/processen/{slug}/themas/{theme}")]
async fn theme_page(ctx: Ctx, path: web::Path<(String, String)>) -> WebResult<Markup> {
    let (slug, theme_slug) = path.into_inner();
    let key = format!("/processen/{slug}/themas/{theme_slug}");
    let m = cache::page(&ctx, key, || load_theme(&ctx, &slug, &theme_slug)).await?;
    let sessions_block = super::session::process_block(&ctx, &m.agenda);
    Ok(theme_view::page(
        &ctx,
        &ThemePage {
            process: &m.process,
            theme: &m.theme,
            outcomes: &m.published,
            extras: theme_view::extras(&m.counts, &m.points),
            ideas: &m.ideas,
            ideas_total: m.ideas_total,
            sessions: (!m.agenda.upcoming.is_empty() || !m.agenda.past.is_empty())
                .then_some(sessions_block),
            points: &m.points,
            min_group: ctx.state.settings.min_group_size,
        },
    ))
}
