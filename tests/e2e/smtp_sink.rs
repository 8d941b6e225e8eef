//! One SMTP sink for the tests that need a real mail server (`smtp_transport.rs`,
//! `reliability.rs`): it speaks enough SMTP for lettre, accepts any `AUTH` and every message,
//! and records each command line and message. It can speak plain text (optionally offering
//! `AUTH` without STARTTLS, the server that once got the relay password in clear text),
//! STARTTLS, or TLS from the first byte, with the test certificate in `fixtures/smtp-tls/`
//! (signed by `fixtures/smtp-tls/ca.pem`, for 127.0.0.1).

use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

/// Marks in [`Seen::commands`] where the connection became TLS.
pub(crate) const TLS_STARTED: &str = "<tls>";

/// The CA that signed the sink's certificate, for `INSPRAAK_SMTP_CA_FILE`.
pub(crate) fn ca_file() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/fixtures/smtp-tls/ca.pem")
}

/// How the sink talks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Plain text; EHLO offers nothing but 8BITMIME.
    Plain,
    /// Plain text; EHLO offers AUTH but no STARTTLS (and STARTTLS is refused).
    PlainWithAuth,
    /// EHLO offers STARTTLS, and AUTH only once TLS is on.
    StartTls,
    /// TLS from the first byte; EHLO offers AUTH.
    ImplicitTls,
}

/// What the sink saw: every command line (and [`TLS_STARTED`]) and each message.
#[derive(Default, Clone)]
pub(crate) struct Seen {
    commands: Arc<Mutex<Vec<String>>>,
    messages: Arc<Mutex<Vec<String>>>,
}

impl Seen {
    pub(crate) fn commands(&self) -> Vec<String> {
        self.commands.lock().unwrap().clone()
    }

    pub(crate) fn messages(&self) -> Vec<String> {
        self.messages.lock().unwrap().clone()
    }

    fn command(&self, line: &str) {
        self.commands.lock().unwrap().push(line.to_owned());
    }
}

/// A sink on a free port of 127.0.0.1.
pub(crate) async fn start(mode: Mode) -> (u16, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Seen::default();
    tokio::spawn(serve(listener, mode, seen.clone()));
    (port, seen)
}

/// Serves on `listener` (e.g. bound to a port chosen before the "server came back").
pub(crate) async fn serve(listener: TcpListener, mode: Mode, seen: Seen) {
    let acceptor = TlsAcceptor::from(Arc::new(server_config()));
    while let Ok((socket, _)) = listener.accept().await {
        let (seen, acceptor) = (seen.clone(), acceptor.clone());
        tokio::spawn(async move {
            if mode == Mode::ImplicitTls {
                let Ok(tls) = acceptor.accept(socket).await else {
                    return;
                };
                seen.command(TLS_STARTED);
                converse(tls, mode, true, &seen).await;
                return;
            }
            // `Some` when the client asked for STARTTLS and got "go ahead".
            if let Some(socket) = converse(socket, mode, false, &seen).await
                && let Ok(tls) = acceptor.accept(socket).await
            {
                seen.command(TLS_STARTED);
                converse(tls, mode, true, &seen).await;
            }
        });
    }
}

fn server_config() -> ServerConfig {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e/fixtures/smtp-tls");
    let certs = CertificateDer::pem_file_iter(dir.join("server.pem"))
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(dir.join("server-key.pem")).unwrap();
    let provider = Arc::new(tokio_rustls::rustls::crypto::ring::default_provider());
    ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .unwrap()
}

/// One SMTP conversation. Returns the stream when the client is to start TLS on it.
async fn converse<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    mode: Mode,
    tls: bool,
    seen: &Seen,
) -> Option<S> {
    let mut stream = BufReader::new(stream);
    if !(tls && mode == Mode::StartTls) {
        let _ = stream.get_mut().write_all(b"220 sink ESMTP\r\n").await;
    }
    let mut data: Option<String> = None;
    let mut line = String::new();
    loop {
        line.clear();
        match stream.read_line(&mut line).await {
            Ok(0) | Err(_) => return None,
            Ok(_) => {}
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if let Some(message) = data.as_mut() {
            if line == "." {
                seen.messages
                    .lock()
                    .unwrap()
                    .push(data.take().unwrap_or_default());
                let _ = stream.get_mut().write_all(b"250 2.0.0 queued\r\n").await;
            } else {
                message.push_str(line);
                message.push('\n');
            }
            continue;
        }
        seen.command(line);
        let verb = line.to_ascii_uppercase();
        let offers_auth = match mode {
            Mode::Plain => false,
            Mode::PlainWithAuth | Mode::ImplicitTls => true,
            Mode::StartTls => tls,
        };
        let reply: &[u8] = if verb.starts_with("EHLO") {
            match (mode, tls, offers_auth) {
                (Mode::StartTls, false, _) => b"250-sink\r\n250-STARTTLS\r\n250 8BITMIME\r\n",
                (_, _, true) => b"250-sink\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n",
                _ => b"250-sink\r\n250 8BITMIME\r\n",
            }
        } else if verb.starts_with("STARTTLS") {
            if mode == Mode::StartTls && !tls {
                let _ = stream.get_mut().write_all(b"220 2.0.0 go ahead\r\n").await;
                return Some(stream.into_inner());
            }
            b"454 4.7.0 TLS not available\r\n"
        } else if verb.starts_with("AUTH") {
            if offers_auth {
                b"235 2.7.0 accepted\r\n"
            } else {
                b"503 5.5.1 AUTH not offered\r\n"
            }
        } else if verb.starts_with("DATA") {
            data = Some(String::new());
            b"354 go ahead\r\n"
        } else if verb.starts_with("QUIT") {
            let _ = stream.get_mut().write_all(b"221 bye\r\n").await;
            return None;
        } else {
            b"250 ok\r\n"
        };
        let _ = stream.get_mut().write_all(reply).await;
    }
}
