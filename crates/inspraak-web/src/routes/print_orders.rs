//! "Bestel een gedrukte versie": the order form beside a process's action plan
//! (`/processen/{slug}/actieplan/bestellen`) and the organisers' list (`/beheer/bestellingen`)
//! with its downloads.

use crate::auth::guard::Organiser;
use crate::ctx::{Ctx, client_address};
use crate::error::WebError;
use crate::export::{Cell, Column, Format, Kind};
use crate::flows::print_orders::{self as flow, OrderOutcome};
use crate::flows::public_form::{self, PublicForm, Refusal};
use crate::i18n::{common, print_orders as texts};
use crate::routes::{WebResult, html_with_status, see_other};
use crate::views::components::FormErrors;
use crate::views::print_orders::{self as view, ADMIN_PATH, OrderForm, form_path};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use inspraak_domain::PrintOrderId;
use inspraak_domain::print_order::NewPrintOrder;
use inspraak_store::print_orders::{self, PrintOrder};
use inspraak_store::process::Process;
use maud::Markup;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(form_page)
        .service(order)
        .service(thanks)
        .service(list)
        .service(export)
        .service(handle);
}

/// The form shows itself again when the CSRF check fails.
pub fn handles_csrf_itself(path: &str) -> bool {
    path.starts_with("/processen/") && path.ends_with("/actieplan/bestellen")
}

fn gate<'a>(ctx: &'a Ctx, process: &Process) -> PublicForm<'a> {
    PublicForm::new(ctx, public_form::PRINT_ORDER, process.id)
}

fn show(
    ctx: &Ctx,
    process: &Process,
    mut form: OrderForm,
    errors: &FormErrors,
    status: StatusCode,
) -> HttpResponse {
    form.gate
        .restamp(&gate(ctx, process), status != StatusCode::OK);
    html_with_status(status, view::form(ctx, process, &form, errors))
}

fn refused(ctx: &Ctx, process: &Process, form: OrderForm, refusal: Refusal) -> HttpResponse {
    let notice = match refusal {
        Refusal::SessionExpired => common::texts(ctx.lang).csrf_text,
        other => other.notice(ctx.lang),
    };
    let mut errors = FormErrors::default();
    errors.push("name", notice.to_owned());
    show(ctx, process, form, &errors, refusal.status())
}

#[get("/processen/{slug}/actieplan/bestellen")]
async fn form_page(ctx: Ctx, slug: web::Path<String>) -> WebResult<HttpResponse> {
    let process = crate::flows::public_process(&ctx, &slug).await?;
    let (form, errors) = (OrderForm::default(), FormErrors::default());
    Ok(show(&ctx, &process, form, &errors, StatusCode::OK))
}

#[post("/processen/{slug}/actieplan/bestellen")]
async fn order(
    ctx: Ctx,
    req: HttpRequest,
    slug: web::Path<String>,
    form: web::Form<OrderForm>,
) -> WebResult<HttpResponse> {
    let process = crate::flows::public_process(&ctx, &slug).await?;
    let form = form.into_inner();
    let gate = gate(&ctx, &process);
    let key = match gate.check(form.gate.posted()) {
        Ok(key) => key,
        Err(refusal) => return Ok(refused(&ctx, &process, form, refusal)),
    };
    let new = match NewPrintOrder::parse(&form.name, &form.address, &form.copies) {
        Ok(new) => new,
        Err(errors) => {
            let errors = FormErrors::from_fields(ctx.lang, &errors, |f| view::label(&ctx, f));
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(show(&ctx, &process, form, &errors, status));
        }
    };
    let address = client_address(&req, ctx.state.settings.trust_proxy);
    match flow::order(&ctx, &gate, process.id, &new, &key, &address).await? {
        OrderOutcome::Received => Ok(see_other(&format!("{}/bedankt", form_path(&slug)))),
        OrderOutcome::Refused(refusal) => Ok(refused(&ctx, &process, form, refusal)),
    }
}

#[get("/processen/{slug}/actieplan/bestellen/bedankt")]
async fn thanks(ctx: Ctx, slug: web::Path<String>) -> WebResult<Markup> {
    let process = crate::flows::public_process(&ctx, &slug).await?;
    Ok(view::thanks(&ctx, &process))
}

#[derive(serde::Deserialize)]
struct Notice {
    verstuurd: Option<String>,
}

#[get("/beheer/bestellingen")]
async fn list(o: Organiser, query: web::Query<Notice>) -> WebResult<Markup> {
    let orders = print_orders::list(o.ctx.state.db.read()).await?;
    let notice = query
        .verstuurd
        .is_some()
        .then_some(texts::texts(o.ctx.lang).handled_notice);
    Ok(view::list(&o.ctx, &orders, notice))
}

/// Keys: `ordered_at`, `process`, `name`, `address`, `copies`, `handled_at` (see docs/exports.md).
fn table(organiser: &Organiser, orders: &[PrintOrder]) -> (Vec<Column>, Vec<Vec<Cell>>) {
    let t = texts::texts(organiser.ctx.lang);
    let columns = vec![
        Column::new("ordered_at", t.col_ordered, Kind::DateTime),
        Column::new("process", t.col_process, Kind::Text),
        Column::new("name", t.col_name, Kind::Text),
        Column::new("address", t.col_address, Kind::LongText),
        Column::new("copies", t.col_copies, Kind::Integer),
        Column::new("handled_at", t.handled, Kind::DateTime),
    ];
    let rows = orders
        .iter()
        .map(|o| {
            vec![
                Cell::DateTime(o.created_at),
                Cell::text(o.process_title.clone()),
                Cell::opt_text(o.name.clone()),
                Cell::opt_text(o.address.clone()),
                Cell::Integer(i64::from(o.copies)),
                o.handled_at.map_or(Cell::Empty, Cell::DateTime),
            ]
        })
        .collect();
    (columns, rows)
}

#[get("/beheer/bestellingen.{format}")]
async fn export(o: Organiser, format: web::Path<String>) -> WebResult<HttpResponse> {
    let format = Format::parse(&format).ok_or(WebError::NotFound)?;
    let orders = flow::export(&o.ctx, &o.user, format.name()).await?;
    let (columns, rows) = table(&o, &orders);
    let body = crate::export::typed_table(format, "Bestellingen", &columns, &rows)
        .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((
            "Content-Disposition",
            format!(
                "attachment; filename=\"{}\"",
                format.file_name("bestellingen")
            ),
        ))
        // Personal data: never kept by a browser or proxy cache.
        .insert_header(("Cache-Control", "no-store"))
        .body(body))
}

#[post("/beheer/bestellingen/{id}/verstuurd")]
async fn handle(o: Organiser, id: web::Path<PrintOrderId>) -> WebResult<HttpResponse> {
    flow::mark_handled(&o.ctx, &o.user, *id).await?;
    Ok(see_other(&format!(
        "{ADMIN_PATH}?verstuurd=1#bestelling-{id}"
    )))
}
