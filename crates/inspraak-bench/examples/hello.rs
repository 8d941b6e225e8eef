//! The bare actix-web baseline for measuring with an outside load generator (wrk): the same
//! handler as `targets::hello_server` (default workers, one per core, like Inspraak), on the
//! address given as the first argument (default 127.0.0.1:8090).

use actix_web::{App, HttpResponse, HttpServer, web};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let address = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8090".into());
    HttpServer::new(|| {
        App::new().route(
            "/",
            web::get().to(|| async { HttpResponse::Ok().body("hello") }),
        )
    })
    .bind(address)?
    .run()
    .await
}
