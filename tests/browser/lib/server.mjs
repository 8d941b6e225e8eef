// Starts the real app (`inspraak serve --demo`) on a random port with a fresh data directory, and
// reads the address and the demo organiser login from what it prints.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const START_TIMEOUT_MS = 60_000;

/// `extraEnv`: settings for this run (e.g. a second house style), applied after the caller's
/// INSPRAAK_ variables are dropped.
export async function startApp(binary, extraEnv = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'inspraak-gates-'));
  // Nothing of the caller's configuration leaks in: a fresh SQLite database in the data dir.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('INSPRAAK_') && k !== 'DATABASE_URL'),
  );
  Object.assign(env, {
    INSPRAAK_DATA_DIR: dataDir,
    INSPRAAK_LISTEN: '127.0.0.1:0',
    RUST_LOG: env.RUST_LOG ?? 'warn',
  }, extraEnv);
  const child = spawn(binary, ['serve', '--demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  let resolveStart;
  let rejectStart;
  const started = new Promise((resolve, reject) => {
    resolveStart = resolve;
    rejectStart = reject;
  });
  const found = {};
  const onLine = (line) => {
    log.push(line);
    const login = line.match(/Demo organiser: (\S+) \/ (\S+)/);
    if (login) [, found.email, found.password] = login;
    // The printed URL keeps the configured port (0); the real one is in "(port N)".
    const runs = line.match(/Inspraak runs at \S+ \(port (\d+)\)/);
    if (runs) {
      found.base = `http://127.0.0.1:${runs[1]}`;
      if (found.email) resolveStart();
      else rejectStart(new Error('the demo organiser login was not printed'));
    }
  };
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        onLine(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
      }
    });
  }
  child.on('exit', (code) => rejectStart(new Error(`inspraak exited early with code ${code}:\n${log.join('\n')}`)));
  child.on('error', rejectStart);
  const timer = setTimeout(() => rejectStart(new Error(`inspraak did not start in ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
  try {
    await started;
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  } finally {
    clearTimeout(timer);
  }
  // The demo organiser's second login step: `inspraak demo-code` prints the current TOTP code
  // (same data dir, so the same key). A code works once, so wait for a fresh one when needed.
  let lastCode = null;
  const code = async () => {
    for (let tries = 0; tries < 40; tries += 1) {
      const current = execFileSync(binary, ['demo-code'], { env, encoding: 'utf8' }).trim();
      if (current !== lastCode) {
        lastCode = current;
        return current;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new Error('no fresh two-step code within 40 s');
  };
  return {
    base: found.base,
    mailDir: join(dataDir, 'mail'),
    organiser: { email: found.email, password: found.password, code },
    log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timeout = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timeout);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
