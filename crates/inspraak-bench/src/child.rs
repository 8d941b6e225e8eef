//! The `inspraak` binary as a separate process, for the two figures that must not include the
//! load generator: resident memory and start-up time (process start to first served page).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct Served {
    child: std::process::Child,
    pub base: String,
    /// From spawning the process to its first served public page.
    pub startup: Duration,
}

impl Served {
    /// Starts `binary serve` (with `--demo` when asked) on `database_url` and waits until it
    /// serves the process page.
    pub async fn start(
        binary: &Path,
        database_url: &str,
        data_dir: &Path,
        demo: bool,
        extra: &[(&str, &str)],
    ) -> anyhow::Result<Served> {
        let started = Instant::now();
        let mut command = Command::new(binary);
        command.arg("serve");
        if demo {
            command.arg("--demo");
        }
        let mut child = command
            .env("DATABASE_URL", database_url)
            .env("INSPRAAK_DATA_DIR", data_dir)
            .env("INSPRAAK_LISTEN", "127.0.0.1:0")
            .env("INSPRAAK_TRUST_PROXY", "true")
            .envs(extra.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| anyhow::anyhow!("no stdout"))?;
        let (sender, receiver) = std::sync::mpsc::channel();
        // Reads the port, then keeps draining the request log (as journald would).
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.split("(port ").nth(1) {
                    let _ = sender.send(rest.split(')').next().unwrap_or_default().to_owned());
                }
            }
        });
        let port =
            tokio::task::spawn_blocking(move || receiver.recv_timeout(Duration::from_secs(60)))
                .await??;
        let base = format!("http://127.0.0.1:{port}");
        let probe = crate::load::person()?;
        let url = format!("{base}{}", crate::scenarios::PROCESS_PAGE);
        while crate::load::get_ok(&probe, &url).await.is_err() {
            if started.elapsed() > Duration::from_secs(60) {
                anyhow::bail!("{} served nothing within 60 s", binary.display());
            }
        }
        Ok(Served {
            child,
            base,
            startup: started.elapsed(),
        })
    }

    /// The server's process id (for `taskset`).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Ends the process at once, as a crash or an out-of-memory kill would (SIGKILL).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Resident memory of the server process, in MB.
    pub fn resident_mb(&self) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024.0)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
