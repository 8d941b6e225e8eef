//! A lean HTTP/1.1 client for the load: one keep-alive connection per simulated person (hyper's
//! connection-level client), its cookies kept by name.
//!
//! The load generator shares the two cores with the server it measures, so what it spends is
//! taken from the server. With `reqwest` (a connection pool, cookie matching by domain and path,
//! URL parsing and a timer per request) it took about as much CPU as the server did
//! (`docs/benchmarks.md`); one connection per person, driven directly, does the same requests
//! for less. Scenarios that need redirects or a browser's cookie rules keep `reqwest`.

use crate::load::Unexpected;
use actix_web::cookie::Cookie;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::{self, SendRequest};
use hyper::header::{CONTENT_TYPE, COOKIE, HOST, HeaderValue, SET_COOKIE};
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use std::time::Duration;

/// Gives up on a request after this long (the server is then counted as not answering).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// One simulated person: a connection to one server, and the cookies it set.
pub struct Person {
    /// `host:port` of the server.
    host: String,
    sender: Option<SendRequest<Full<Bytes>>>,
    cookies: Vec<(String, String)>,
}

/// An answer: status and body.
pub struct Answer {
    pub status: u16,
    pub body: Bytes,
}

impl Answer {
    /// The body as text (the server sends UTF-8).
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.body).ok()
    }
}

impl Person {
    /// A person using the server at `base` (`http://host:port`, as the scenarios have it). The
    /// connection is opened with the first request.
    pub fn new(base: &str) -> Person {
        Person {
            host: base
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_owned(),
            sender: None,
            cookies: Vec::new(),
        }
    }

    /// GETs `path`; any status but 200 is a failure.
    pub async fn get_ok(&mut self, path: &str) -> Result<Answer, Unexpected> {
        let answer = self.send(Method::GET, path, None, &[]).await?;
        if answer.status == 200 {
            Ok(answer)
        } else {
            Err(Unexpected(answer.status))
        }
    }

    /// POSTs `fields` as a form to `path`, with extra request headers.
    pub async fn post_form(
        &mut self,
        path: &str,
        fields: &[(String, String)],
        headers: &[(&'static str, &str)],
    ) -> Result<Answer, Unexpected> {
        let body = serde_urlencoded::to_string(fields).map_err(|_| Unexpected(0))?;
        self.send(Method::POST, path, Some(body), headers).await
    }

    async fn send(
        &mut self,
        method: Method,
        path: &str,
        form: Option<String>,
        headers: &[(&'static str, &str)],
    ) -> Result<Answer, Unexpected> {
        let mut request = Request::builder().method(method).uri(path);
        let request_headers = request.headers_mut().ok_or(Unexpected(0))?;
        request_headers.insert(
            HOST,
            HeaderValue::from_str(&self.host).map_err(|_| Unexpected(0))?,
        );
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect::<Vec<_>>()
                .join("; ");
            request_headers.insert(
                COOKIE,
                HeaderValue::from_str(&cookie).map_err(|_| Unexpected(0))?,
            );
        }
        for (name, value) in headers {
            request_headers.insert(
                *name,
                HeaderValue::from_str(value).map_err(|_| Unexpected(0))?,
            );
        }
        let body = match form {
            Some(form) => {
                request_headers.insert(
                    CONTENT_TYPE,
                    HeaderValue::from_static("application/x-www-form-urlencoded"),
                );
                Full::new(Bytes::from(form))
            }
            None => Full::new(Bytes::new()),
        };
        let request = request.body(body).map_err(|_| Unexpected(0))?;
        tokio::time::timeout(REQUEST_TIMEOUT, self.exchange(request))
            .await
            .map_err(|_| Unexpected(0))?
    }

    /// Sends on the open connection (opening one when there is none or it was closed) and
    /// reads the whole answer.
    async fn exchange(&mut self, request: Request<Full<Bytes>>) -> Result<Answer, Unexpected> {
        let usable = match self.sender.as_mut() {
            Some(sender) => sender.ready().await.is_ok(),
            None => false,
        };
        if !usable {
            self.sender = Some(self.connect().await?);
        }
        let sender = self.sender.as_mut().ok_or(Unexpected(0))?;
        let response = match sender.send_request(request).await {
            Ok(response) => response,
            Err(_) => {
                self.sender = None;
                return Err(Unexpected(0));
            }
        };
        let status = response.status().as_u16();
        for value in response.headers().get_all(SET_COOKIE) {
            self.keep_cookie(value);
        }
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|_| Unexpected(0))?
            .to_bytes();
        Ok(Answer { status, body })
    }

    async fn connect(&self) -> Result<SendRequest<Full<Bytes>>, Unexpected> {
        let stream = tokio::net::TcpStream::connect(&self.host)
            .await
            .map_err(|_| Unexpected(0))?;
        let _ = stream.set_nodelay(true);
        let (sender, connection) = http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|_| Unexpected(0))?;
        tokio::spawn(connection);
        Ok(sender)
    }

    /// `name=value` of a `Set-Cookie` header, replacing one of the same name (an expired one is
    /// dropped).
    fn keep_cookie(&mut self, header: &HeaderValue) {
        let Some(cookie) = header
            .to_str()
            .ok()
            .and_then(|text| Cookie::parse(text).ok())
        else {
            return;
        };
        let expired = cookie.max_age().is_some_and(|age| !age.is_positive());
        self.cookies.retain(|(kept, _)| kept != cookie.name());
        if !expired && !cookie.value().is_empty() {
            self.cookies
                .push((cookie.name().to_owned(), cookie.value().to_owned()));
        }
    }
}
