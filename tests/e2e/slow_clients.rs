//! Slow and numerous clients (issue #20, findings 2, 3 and 7): a form body that trickles in holds
//! no place in flight and is cut off with 408; a download the client stops reading streams from
//! disk, holds its place while it is sent (so the server takes on no more than it can hold) and
//! gives it back after the slow-reader deadline; a request that finds every place taken waits in
//! a short, bounded queue instead of being refused or left hanging; past a full queue the refusal
//! comes before any other work (no visitor, no rendering, no compression), and a request that
//! waited in vain gets the same busy page.
//!
//! Slowness is made by the client (raw sockets that stop sending or reading), never by the app.

use crate::helpers::{TestApp, spawn_app_with};
use crate::publications::{pdf_bytes, published_process, upload};
use inspraak_store::publications;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

fn socket_address(app: &TestApp) -> std::net::SocketAddr {
    app.address
        .trim_start_matches("http://")
        .parse()
        .expect("socket address")
}

/// Reads what arrives within `limit` (the connection may stay open).
async fn read_for(stream: &mut TcpStream, limit: Duration) -> Vec<u8> {
    let mut received = Vec::new();
    let mut buffer = [0_u8; 16 * 1024];
    let deadline = tokio::time::Instant::now() + limit;
    while let Ok(Ok(n)) = tokio::time::timeout_at(deadline, stream.read(&mut buffer)).await {
        if n == 0 {
            break;
        }
        received.extend_from_slice(&buffer[..n]);
    }
    received
}

#[tokio::test]
async fn half_sent_bodies_hold_no_place_in_flight_and_are_cut_off_with_408() {
    let app = spawn_app_with(&[
        ("INSPRAAK_MAX_IN_FLIGHT", "4"),
        ("INSPRAAK_QUEUE_WAIT_MS", "0"),
        ("INSPRAAK_BODY_TIMEOUT_SECONDS", "2"),
    ])
    .await;
    let address = socket_address(&app);
    // Eight times the in-flight limit: each announces 200,000 bytes and sends a few.
    let mut stalled = Vec::new();
    for _ in 0..32 {
        let mut stream = TcpStream::connect(address).await.unwrap();
        let head = format!(
            "POST /inloggen HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 200000\r\n\r\nemail=a"
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        stalled.push(stream);
    }
    tokio::time::sleep(Duration::from_millis(300)).await;

    let page = app.get("/").await;
    assert_eq!(
        page.status().as_u16(),
        200,
        "pages are served while 32 bodies trickle"
    );
    assert_eq!(app.get("/readyz").await.status().as_u16(), 200);

    for mut stream in stalled {
        let answer = read_for(&mut stream, Duration::from_secs(10)).await;
        let answer = String::from_utf8_lossy(&answer);
        assert!(
            answer.starts_with("HTTP/1.1 408"),
            "a stalled body gets 408 after the body timeout: {answer:.200}"
        );
        assert!(answer.contains("Verbinding te traag"), "{answer:.600}");
    }
}

/// An uploaded document of `size` bytes, its download path, and an app where one place in flight
/// is all there is.
pub(crate) async fn app_with_a_large_document(
    extra: &[(&str, &str)],
    size: usize,
) -> (TestApp, String) {
    let mut settings = vec![("INSPRAAK_MAX_IN_FLIGHT", "1")];
    settings.extend_from_slice(extra);
    let app = spawn_app_with(&settings).await;
    app.login_as_organiser().await;
    let (process, _) = published_process(&app).await;
    let response = upload(
        &app,
        process,
        "Groot plan",
        Some(("plan.pdf", &pdf_bytes(size))),
    )
    .await;
    assert_eq!(response.status().as_u16(), 303);
    let documents = publications::documents_for_process(app.db.read(), process)
        .await
        .unwrap();
    (
        app.new_visitor(),
        format!("/documenten/{}/download", documents[0].id),
    )
}

/// Starts a download with a tiny receive window and reads only its first bytes, then stops
/// reading: the server can send no more than the socket buffers hold.
pub(crate) async fn stalled_download(app: &TestApp, path: &str) -> (TcpStream, Vec<u8>) {
    let address = socket_address(app);
    let socket = TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let mut stream = socket.connect(address).await.unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut first = vec![0_u8; 1024];
    let n = stream.read(&mut first).await.unwrap();
    first.truncate(n);
    (stream, first)
}

#[tokio::test]
async fn a_download_the_client_stops_reading_holds_its_place_until_the_slow_reader_deadline() {
    const SIZE: usize = 20 * 1024 * 1024;
    let (app, path) = app_with_a_large_document(
        &[
            ("INSPRAAK_QUEUE_WAIT_MS", "0"),
            ("INSPRAAK_SLOW_READER_SECONDS", "3"),
        ],
        SIZE,
    )
    .await;
    let (mut stream, first) = stalled_download(&app, &path).await;
    let head = String::from_utf8_lossy(&first);
    assert!(head.starts_with("HTTP/1.1 200"), "{head:.300}");
    assert!(
        head.to_ascii_lowercase()
            .contains(&format!("content-length: {SIZE}")),
        "{head:.300}"
    );
    tokio::time::sleep(Duration::from_millis(500)).await;

    // The download is still being sent: it holds the one place.
    assert_eq!(app.get("/").await.status().as_u16(), 503);
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status().as_u16(), 503);
    assert_eq!(ready.text().await.unwrap(), "busy");

    // After the slow-reader deadline the place is free again, with the download still open.
    let mut served = false;
    for _ in 0..100 {
        if app.get("/").await.status().as_u16() == 200 {
            served = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        served,
        "the place comes back after the slow-reader deadline"
    );

    // The slow reader still gets the whole file.
    let rest = read_for(&mut stream, Duration::from_secs(30)).await;
    let header_end = first
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers")
        + 4;
    assert_eq!(first.len() - header_end + rest.len(), SIZE);
}

#[tokio::test]
async fn a_request_that_finds_every_place_taken_waits_in_a_bounded_queue() {
    let (app, path) = app_with_a_large_document(
        &[
            ("INSPRAAK_QUEUE_WAIT_MS", "8000"),
            ("INSPRAAK_QUEUE_LENGTH", "1"),
            ("INSPRAAK_SLOW_READER_SECONDS", "600"),
        ],
        20 * 1024 * 1024,
    )
    .await;
    let (stream, _) = stalled_download(&app, &path).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    // The first waits in the queue; the queue is then full, so the second is refused at once.
    let waiting = {
        let app = app.clone();
        tokio::spawn(async move { app.get("/").await.status().as_u16() })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(app.get("/").await.status().as_u16(), 503, "queue full");
    assert!(!waiting.is_finished(), "the first request is still waiting");

    // The download's client goes away: its place goes to the request in the queue.
    drop(stream);
    assert_eq!(waiting.await.unwrap(), 200);
}

#[tokio::test]
async fn past_a_full_queue_the_refusal_is_made_before_any_other_work_and_the_same_for_everyone() {
    // At ten times the capacity most requests are refused: a refusal that made a visitor,
    // rendered a page, logged a line or compressed its body would take the cores that serving
    // needs. No visitor cookie, no compression and the same bytes each time show that none of
    // that ran.
    let (app, path) =
        app_with_a_large_document(&[("INSPRAAK_QUEUE_WAIT_MS", "0")], 20 * 1024 * 1024).await;
    let (held, _) = stalled_download(&app, &path).await;
    tokio::time::sleep(Duration::from_millis(300)).await;

    let mut pages = Vec::new();
    for _ in 0..2 {
        let busy = app
            .new_visitor()
            .client
            .get(app.url("/agenda"))
            .header("Accept-Encoding", "gzip, br")
            .send()
            .await
            .unwrap();
        assert_eq!(busy.status().as_u16(), 503);
        assert_eq!(busy.headers()["retry-after"], "5");
        assert!(
            busy.headers().get("set-cookie").is_none(),
            "no visitor is made for a refused request"
        );
        assert_ne!(
            busy.headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap()),
            Some("gzip"),
        );
        assert!(
            busy.headers().contains_key("content-security-policy"),
            "security headers as on every page"
        );
        pages.push(busy.bytes().await.unwrap());
    }
    assert_eq!(pages[0], pages[1], "one page, rendered once");
    let page = String::from_utf8_lossy(&pages[0]);
    assert!(page.contains("Het is even druk") && page.contains("It is busy right now"));

    drop(held);
    let mut served = false;
    for _ in 0..50 {
        if app.get("/agenda").await.status().as_u16() == 200 {
            served = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(served, "serves again once the place is free");
}

#[tokio::test]
async fn a_request_that_waited_in_the_queue_in_vain_gets_the_busy_page_with_retry_after() {
    let (app, path) = app_with_a_large_document(
        &[
            ("INSPRAAK_QUEUE_WAIT_MS", "300"),
            ("INSPRAAK_QUEUE_LENGTH", "4"),
            ("INSPRAAK_SLOW_READER_SECONDS", "600"),
        ],
        20 * 1024 * 1024,
    )
    .await;
    let (held, _) = stalled_download(&app, &path).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    // The queue has room, so this one waits; the place stays taken, so it waits in vain.
    let busy = app.new_visitor().get("/agenda?lang=en").await;
    assert_eq!(busy.status().as_u16(), 503);
    assert_eq!(busy.headers()["retry-after"], "5");
    let page = busy.text().await.unwrap();
    assert!(page.contains("It is busy right now") && !page.contains("Het is even druk"));
    drop(held);
}
