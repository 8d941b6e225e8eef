#!/usr/bin/env node
// Screenshots for docs/screenshots/: the home page, the organiser's dashboard and a process's
// organiser home, the forum home, a process page, a theme page, a consultation form, a
// consultation's outcome and the agenda, at 1280 and 375 CSS px, each reached by clicking from a
// start page as in journeys.mjs. Full page, cut at MAX_HEIGHT px.
//
// Run: `node screenshots.mjs` (after `cargo build --bin inspraak`). Not part of run.sh.
// SHOTS_DIR=before writes into docs/screenshots/before/ (to compare a restyling);
// SHOTS=home,agenda takes only those.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { Clicker } from './lib/clicker.mjs';
import { startApp } from './lib/server.mjs';
import { logInAsOrganiser } from './journeys.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const BINARY = process.env.INSPRAAK_BIN ?? join(repo, 'target', 'debug', 'inspraak');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = join(repo, 'docs', 'screenshots', process.env.SHOTS_DIR ?? '');
const WIDTHS = [1280, 375];
const MAX_HEIGHT = 4000;
// The demo's forum members share the demo organiser's password (crates/inspraak-web/src/demo).
const FORUM_MEMBER = 'anna.forum@example.org';

/// Each shot: a file name and how to get there by clicking, given the demo organiser's login.
const SHOTS = [
  {
    name: 'home',
    async reach(c) {
      await c.start('/');
    },
  },
  {
    name: 'consultation',
    async reach(c) {
      await c.start('/');
      await c.link('Actieplan Open Overheid 2026', { exact: true });
      await c.clickAndWait(c.page.locator('main a[href$="/consultatie"]').first(), 'clicking the consultation');
    },
  },
  {
    name: 'outcome',
    async reach(c) {
      await c.start('/');
      await c.link('Actieplan Open Overheid 2020-2022', { exact: true });
      await c.clickAndWait(c.page.locator('main a[href$="/uitkomsten"]').first(), 'clicking the outcomes');
      await c.clickAndWait(c.page.locator('main a[href*="/uitkomsten/"]').first(), "clicking a consultation's outcome");
    },
  },
  {
    name: 'agenda',
    async reach(c) {
      await c.start('/');
      await c.link('Agenda', { exact: true });
    },
  },
  {
    name: 'organiser-dashboard',
    async reach(c, app) {
      await logInAsOrganiser(c, app);
    },
  },
  {
    name: 'organiser-process-home',
    async reach(c, app) {
      await logInAsOrganiser(c, app);
      await c.link(/Actieplan Open Overheid 2026$/);
    },
  },
  {
    name: 'forum-home',
    async reach(c, app) {
      await c.start('/inloggen');
      await c.fill(/^E-mailadres/, FORUM_MEMBER);
      await c.fill(/^Wachtwoord/, app.organiser.password);
      await c.button(/^Inloggen$/);
      c.expectPath(/^\/forum$/, 'a forum member after logging in');
    },
  },
  {
    name: 'process-page-current',
    async reach(c) {
      await c.start('/');
      await c.link('Actieplan Open Overheid 2026', { exact: true });
    },
  },
  {
    name: 'process-page-2020-2022',
    async reach(c) {
      await c.start('/');
      await c.link('Actieplan Open Overheid 2020-2022', { exact: true });
    },
  },
  {
    name: 'theme-page',
    async reach(c) {
      await c.start('/');
      await c.link('Actieplan Open Overheid 2020-2022', { exact: true });
      await c.link('Open Technologie', { exact: true });
    },
  },
];

async function main() {
  if (!existsSync(BINARY) || !existsSync(CHROMIUM)) {
    console.error(`Needs ${BINARY} (cargo build --bin inspraak) and ${CHROMIUM}.`);
    return 2;
  }
  mkdirSync(OUT, { recursive: true });
  const app = await startApp(BINARY);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  let failed = 0;
  try {
    const only = process.env.SHOTS?.split(',');
    for (const shot of SHOTS.filter((s) => !only || only.includes(s.name))) {
      for (const width of WIDTHS) {
        const c = await Clicker.open(browser, app, shot.name, { width, height: 900 });
        const file = join(OUT, `${shot.name}-${width}.png`);
        try {
          await shot.reach(c, app);
          const height = Math.min(MAX_HEIGHT, await c.page.evaluate(() => document.documentElement.scrollHeight));
          await c.page.setViewportSize({ width, height });
          await c.page.screenshot({ path: file, clip: { x: 0, y: 0, width, height } });
          console.log(`  ${file.slice(repo.length + 1)}: ${height} px high, ${Math.round(statSync(file).size / 1024)} KB`);
        } catch (error) {
          failed += 1;
          console.log(`  FAIL ${shot.name} at ${width}px: ${String(error.message ?? error).split('\n')[0]}`);
        } finally {
          await c.close();
        }
      }
    }
  } finally {
    await browser.close();
    await app.stop();
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`screenshots could not be taken: ${error.stack ?? error}`);
    process.exit(2);
  },
);
