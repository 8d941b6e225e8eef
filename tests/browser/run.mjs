#!/usr/bin/env node
// Browser quality gates for Inspraak. Starts the already-built binary (target/debug/inspraak, or
// INSPRAAK_BIN) with demo content, drives the system Chromium headless, and checks every page
// state in PAGES (pages.mjs) and every keyboard flow in FLOWS (flows.mjs) in Dutch and English.
// Exits 1 on any violation, 2 when it cannot run at all. See docs/quality.md.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { axe, inlineCode, focusWalk, layout } from './lib/checks.mjs';
import { Keyboard } from './lib/keyboard.mjs';
import { selfTest } from './lib/selftest.mjs';
import { startApp } from './lib/server.mjs';
import { validate } from './lib/vnu.mjs';
import { PAGES, discover } from './pages.mjs';
import { FLOWS } from './flows.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const BINARY = process.env.INSPRAAK_BIN ?? join(repo, 'target', 'debug', 'inspraak');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];
const LANGS = ['nl', 'en'];
// Reflow (WCAG 1.4.10) at 320 CSS px; 200 % browser zoom of a 1280 px window is a 640 CSS px
// viewport (1.4.4); and text alone at 200 % (a browser's text-size setting) at 1280 px.
const LAYOUTS = [
  { name: '320px', width: 320 },
  { name: 'zoom 200%', width: 640 },
  { name: 'text 200%', width: 1280, textZoom: 2 },
  { name: 'text spacing (1.4.12) at 320px', width: 320, textSpacing: true },
];

const results = []; // { gate, target, problems: [] }
const record = (gate, target, problems) => results.push({ gate, target, problems });

function withLang(path, lang) {
  return `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
}

/// Remembers the last main-frame document response, to read its status and raw HTML.
function trackDocuments(page) {
  const tracker = { last: null, serverErrors: [], scriptErrors: [] };
  page.on('response', (response) => {
    if (response.status() >= 500) tracker.serverErrors.push(`${response.status()} ${response.url()}`);
    if (response.request().isNavigationRequest()) {
      if (response.frame() === page.mainFrame()) tracker.last = response;
    } else if (response.status() >= 400) {
      // A page's own status is checked per state; a missing stylesheet or script is an error.
      tracker.scriptErrors.push(`HTTP ${response.status()} for ${response.url()}`);
    }
  });
  page.on('requestfailed', (request) => tracker.scriptErrors.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
  page.on('pageerror', (error) => tracker.scriptErrors.push(String(error)));
  page.on('console', (message) => {
    // Chromium logs every 4xx document as "Failed to load resource"; those are covered above.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      tracker.scriptErrors.push(message.text());
    }
  });
  return tracker;
}

// The organiser logs in (password and two-step code) once; later contexts reuse the session.
let organiserState = null;

async function newPage(browser, app, { as, javaScriptEnabled = true, bypassCSP = false }) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    javaScriptEnabled,
    bypassCSP,
    locale: 'nl-NL',
    storageState: as === 'organiser' && organiserState ? organiserState : undefined,
  });
  const page = await context.newPage();
  const tracker = trackDocuments(page);
  if (as === 'organiser' && !organiserState) {
    await page.goto(`${app.base}/inloggen`);
    await page.fill('#veld-email', app.organiser.email);
    await page.fill('#veld-password', app.organiser.password);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/inloggen"] button[type="submit"]')]);
    await page.fill('#veld-code', await app.organiser.code());
    await Promise.all([page.waitForNavigation(), page.click('form[action="/inloggen/code"] button[type="submit"]')]);
    if (!page.url().endsWith('/beheer')) throw new Error(`organiser login failed: at ${page.url()}`);
    organiserState = await context.storageState();
  }
  return { context, page, tracker };
}

/// Goes to a page state: the path, then the form submit if there is one.
async function visit(page, tracker, app, found, entry, lang) {
  const path = typeof entry.path === 'function' ? entry.path(found) : entry.path;
  await page.goto(`${app.base}${withLang(path, lang)}`);
  if (entry.submit) {
    if (entry.submit.clearCookies === 'session') {
      // An expired session: the session cookies go, the language cookie (a year) stays.
      const kept = (await page.context().cookies()).filter((c) => c.expires > 0);
      await page.context().clearCookies();
      await page.context().addCookies(kept);
    } else if (entry.submit.clearCookies) {
      await page.context().clearCookies();
    }
    const form = page.locator(entry.submit.form).first();
    for (const [name, value] of Object.entries(entry.submit.fields)) {
      await form.locator(`[name="${name}"]`).fill(value);
    }
    for (const [selector, value] of Object.entries(entry.submit.fill ?? {})) {
      await form.locator(selector).first().fill(value);
    }
    for (const [selector, index] of Object.entries(entry.submit.select ?? {})) {
      await form.locator(selector).first().selectOption({ index });
    }
    if (entry.submit.wait) await page.waitForTimeout(entry.submit.wait);
    await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').first().click()]);
  }
  return tracker.last;
}

async function checkPages(browser, app, found, htmlDir, htmlFiles) {
  const pages = {};
  for (const as of new Set(PAGES.map((p) => p.as))) pages[as] = await newPage(browser, app, { as, bypassCSP: true });
  for (const lang of LANGS) {
    for (const [index, entry] of PAGES.entries()) {
      // GATES_PAGE=text checks only the page states whose name contains it (while working on one).
      if (process.env.GATES_PAGE && !entry.name.includes(process.env.GATES_PAGE)) continue;
      const target = `${entry.name} [${lang}]`;
      const { page, tracker } = pages[entry.as];
      tracker.scriptErrors.length = 0;
      let response;
      try {
        response = await visit(page, tracker, app, found, entry, lang);
      } catch (error) {
        record('page loads', target, [String(error.message ?? error)]);
        continue;
      }
      const status = response?.status();
      record('page loads', target, status === entry.status ? [] : [`HTTP ${status}, expected ${entry.status}`]);
      const focus = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        summary: !!document.querySelector('.error-summary'),
        summaryFocused: !!document.activeElement?.matches('.error-summary'),
      }));
      // Error pages without a request context are Dutch with an English part marked lang="en".
      const expectedLang = entry.bilingual ? 'nl' : lang;
      record('page language', target, focus.lang === expectedLang ? [] : [`<html lang="${focus.lang}">, expected "${expectedLang}"`]);
      if (focus.summary) {
        // Autofocus lands after parsing; on a loaded machine that can be a moment after "load".
        const focused = focus.summaryFocused || await page
          .waitForFunction(() => document.activeElement?.matches('.error-summary'), null, { timeout: 2000 })
          .then(() => true, () => false);
        record('error summary has focus on load', target, focused ? [] : ['the error summary does not have focus within 2 s']);
      }
      const html = await response.text();
      record('no inline script or style (CSP)', target, inlineCode(html));
      const file = join(htmlDir, `${String(index).padStart(2, '0')}-${lang}-${entry.name.replace(/[^a-z0-9]+/gi, '-')}.html`);
      writeFileSync(file, html);
      htmlFiles.set(file, target);
      for (const l of LAYOUTS) {
        const r = await layout(page, l);
        const problems = [];
        if (r.scrollWidth > l.width) problems.push(`page is ${r.scrollWidth}px wide at ${l.width}px${r.wide.length ? `: ${r.wide.join('; ')}` : ''}`);
        for (const c of r.clipped) problems.push(`text cut off in ${c}`);
        record(`reflow ${l.name}`, target, problems);
      }
      const walk = await focusWalk(page);
      record('keyboard: every stop shows focus', target, walk.problems);
      const a = await axe(page);
      record('axe WCAG 2.1 A/AA', target, a.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n        ${v.nodes.slice(0, 4).join('\n        ')}`));
      if (a.incomplete.length) console.log(`  note: axe asks for a human check on ${target}: ${a.incomplete.join(', ')}`);
      record('no script or resource errors', target, [...tracker.scriptErrors]);
      console.log(`  checked ${target}: HTTP ${status}, ${walk.stops} focus stops, ${a.violations.length} axe violations`);
    }
  }
  for (const { context, tracker } of Object.values(pages)) {
    record('no 5xx responses', 'page checks', tracker.serverErrors);
    await context.close();
  }
}

async function checkFlows(browser, app, found) {
  for (const javaScriptEnabled of [true, false]) {
    for (const lang of LANGS) {
      for (const flow of FLOWS) {
        const label = `${lang} ${javaScriptEnabled ? 'js' : 'zonder-js'}`;
        const target = `${flow.name} [${lang}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}]`;
        const { context, page, tracker } = await newPage(browser, app, { as: flow.as, javaScriptEnabled });
        const k = new Keyboard(page, app.base, lang);
        const problems = [];
        try {
          await flow.run(k, { organiser: app.organiser, label, lang, found });
        } catch (error) {
          problems.push(`${String(error.message ?? error).split('\n')[0]} (at ${page.url()})`);
        }
        problems.push(...k.problems, ...tracker.serverErrors.map((e) => `server error ${e}`), ...tracker.scriptErrors);
        record(javaScriptEnabled ? 'keyboard-only flow' : 'keyboard-only flow, no JavaScript', target, problems);
        console.log(`  ran ${target}: ${problems.length ? 'FAILED' : 'ok'}`);
        await context.close();
      }
    }
  }
}

async function checkHtml(htmlFiles) {
  const css = join(repo, 'assets', 'inspraak.css');
  for (const [, { errors }] of await validate([css], { css: true })) record('valid CSS (vnu)', 'assets/inspraak.css', errors);
  const results = await validate([...htmlFiles.keys()]);
  for (const [file, { errors, warnings }] of results) {
    record('valid HTML (vnu)', htmlFiles.get(file) ?? file, errors);
    if (warnings.length) console.log(`  note: vnu warnings on ${htmlFiles.get(file) ?? file}:\n    ${warnings.join('\n    ')}`);
  }
}

function checkServerLog(app) {
  const bad = app.log.filter((l) => /panicked|\bERROR\b/.test(l));
  record('server log: no panics or errors', 'inspraak serve', bad.slice(0, 10));
}

/// The run's figures for the accessibility statement (/toegankelijkheid), which the app embeds
/// at build time: written to docs/quality-results.json after a full run (GATES_RESULTS=path
/// writes elsewhere, GATES_RESULTS=off not at all). A partial run (GATES_ONLY) writes nothing
/// unless GATES_RESULTS names a path, so a statement never claims more than was checked.
function writeSummary(only, commit) {
  const target = process.env.GATES_RESULTS ?? (only ? 'off' : join(repo, 'docs', 'quality-results.json'));
  if (target === 'off') return;
  const of = (gate) => results.filter((r) => r.gate === gate);
  const problems = (rows) => rows.reduce((n, r) => n + r.problems.length, 0);
  const flows = [...of('keyboard-only flow'), ...of('keyboard-only flow, no JavaScript')];
  const summary = {
    date: new Date().toISOString(),
    commit,
    standard: 'WCAG 2.1 AA',
    scope: only ?? 'all',
    page_states: PAGES.length,
    languages: LANGS,
    pages_checked: of('axe WCAG 2.1 A/AA').length,
    axe_violations: problems(of('axe WCAG 2.1 A/AA')),
    vnu_documents: of('valid HTML (vnu)').length,
    vnu_errors: problems(of('valid HTML (vnu)')) + problems(of('valid CSS (vnu)')),
    flows_total: flows.length,
    flows_passed: flows.filter((r) => !r.problems.length).length,
    checks_total: results.length,
    checks_failed: results.filter((r) => r.problems.length).length,
  };
  writeFileSync(target, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`Summary written to ${target}`);
}

function report() {
  const failed = results.filter((r) => r.problems.length);
  const gates = [...new Set(results.map((r) => r.gate))];
  console.log('\n=== Browser quality gates');
  for (const gate of gates) {
    const all = results.filter((r) => r.gate === gate);
    const bad = all.filter((r) => r.problems.length);
    console.log(`${bad.length ? 'FAIL' : 'ok  '}  ${gate}: ${all.length - bad.length}/${all.length} passed`);
  }
  if (failed.length) {
    console.log('\n=== Violations');
    for (const r of failed) {
      console.log(`- ${r.gate} — ${r.target}`);
      for (const p of r.problems) console.log(`      ${p}`);
    }
  }
  console.log(`\nbrowser-gates: ${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0;
}

function themeSettings(file) {
  const settings = {};
  for (const line of readFileSync(resolve(here, file), 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const at = trimmed.indexOf('=');
    if (at > 0) settings[trimmed.slice(0, at)] = trimmed.slice(at + 1);
  }
  return settings;
}

async function main() {
  if (!existsSync(BINARY)) {
    console.error(`No binary at ${BINARY}: build it first with 'cargo build --bin inspraak' (or set INSPRAAK_BIN).`);
    return 2;
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`No Chromium at ${CHROMIUM}: install it with 'apt-get install chromium' (or set CHROMIUM_PATH).`);
    return 2;
  }
  const only = process.env.GATES_ONLY; // 'pages' or 'flows' while working on one of them
  // The commit checked out when the run starts (the binary was built from it).
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
  } catch { /* not a git checkout */ }
  // GATES_THEME=file runs the gates in another house style: KEY=value lines (as INSPRAAK_CONFIG),
  // e.g. theme-second.env, so contrast and layout are checked in a theme with other colours.
  const theme = process.env.GATES_THEME ? themeSettings(process.env.GATES_THEME) : {};
  const app = await startApp(BINARY, theme);
  if (process.env.GATES_THEME) console.log(`House style from ${process.env.GATES_THEME}: ${Object.keys(theme).join(', ')}`);
  console.log(`App at ${app.base}; Chromium ${CHROMIUM}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  const htmlDir = mkdtempSync(join(tmpdir(), 'inspraak-html-'));
  const htmlFiles = new Map();
  try {
    await selfTest(browser, htmlDir);
    console.log('Self-test: every gate finds the faults planted in a bad page.');
    const anon = await newPage(browser, app, { as: 'anon' });
    const organiser = await newPage(browser, app, { as: 'organiser' });
    const found = await discover({ anon: anon.page, organiser: organiser.page, base: app.base, mailDir: app.mailDir });
    await anon.context.close();
    await organiser.context.close();
    if (only !== 'flows') {
      console.log(`\n=== Pages: ${PAGES.length} states × ${LANGS.length} languages`);
      await checkPages(browser, app, found, htmlDir, htmlFiles);
      console.log(`\n=== HTML validation: ${htmlFiles.size} documents`);
      await checkHtml(htmlFiles);
    }
    if (only !== 'pages') {
      console.log(`\n=== Keyboard-only flows: ${FLOWS.length} flows × ${LANGS.length} languages × JavaScript on/off`);
      await checkFlows(browser, app, found);
    }
  } finally {
    await browser.close();
    await app.stop();
    if (process.env.GATES_KEEP_HTML) {
      const keep = join(here, 'report');
      mkdirSync(keep, { recursive: true });
      for (const file of htmlFiles.keys()) writeFileSync(join(keep, file.split('/').pop()), await import('node:fs').then((fs) => fs.readFileSync(file)));
      console.log(`HTML kept in ${keep}`);
    }
    rmSync(htmlDir, { recursive: true, force: true });
  }
  checkServerLog(app);
  writeSummary(only, commit);
  return report() ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`browser gates could not run: ${error.stack ?? error}`);
    process.exit(2);
  },
);
