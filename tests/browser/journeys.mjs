#!/usr/bin/env node
// Click-only journeys: each role's work done in a real browser the way a person does it. No
// navigation by URL except a start page (`/`, `/beheer` or `/inloggen`) and links taken from
// mails; every other step is a click on a link or button found by its visible text (its
// accessible name), or typing into a field found by its label. A step that cannot find what it
// needs fails with the name it looked for and the links the page did offer.
//
// Run: `node journeys.mjs` (after `cargo build --bin inspraak`); run.sh runs it after the gates.
// Exit code: 0 all journeys pass, 1 a step failed, 2 the journeys could not run.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startApp } from './lib/server.mjs';
import { waitForLink } from './lib/mail.mjs';
import { Clicker } from './lib/clicker.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const BINARY = process.env.INSPRAAK_BIN ?? join(repo, 'target', 'debug', 'inspraak');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'];
// More than the consultation form's 3-second minimum fill time.
const FILL_TIME = 3500;

const CURRENT = 'Actieplan Open Overheid 2026';
const ARCHIVED = 'Actieplan Open Overheid 2020-2022';

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/// The organiser logs in from /inloggen: password, then the two-step code.
export async function logInAsOrganiser(c, app) {
  await c.start('/inloggen');
  await c.fill(/^E-mailadres/, app.organiser.email);
  await c.fill(/^Wachtwoord/, app.organiser.password);
  await c.button(/^Inloggen$/);
  await c.fill(/code/i, await app.organiser.code());
  await c.button(/^(Doorgaan|Inloggen|Verder)/);
  c.expectPath(/^\/beheer$/, 'after logging in');
}

/// From any organiser page of a process to its organiser home, by its name (breadcrumbs).
async function toProcessHome(c, process) {
  for (let i = 0; i < 3 && !/^\/beheer\/processen\/\d+$/.test(new URL(c.page.url()).pathname); i += 1) {
    await c.link(process, { exact: true });
  }
  c.expectPath(/^\/beheer\/processen\/\d+$/, `the organiser home of ${process}`);
}

/// A citizen answers the organiser's new consultation, starting at the home page.
async function citizenResponds(c, { process, question }) {
  await c.start('/');
  await c.link(process);
  await c.link(/consultatie|Doe mee/i);
  await c.fill(question, 'Maak de vergaderstukken van de gemeenteraad doorzoekbaar.');
  await c.page.waitForTimeout(FILL_TIME);
  await c.button(/^Verstuur/);
  c.expectPath(/\/ontvangen\//, 'after sending the response');
  const code = (await c.page.locator('.receipt-code').first().textContent())?.trim();
  if (!code) throw new Error('the receipt shows no receipt code');
  return code;
}

/// A citizen sends an idea for the current demo process (ideas there are moderated first).
async function citizenSendsIdea(c, { title }) {
  await c.start('/');
  await c.link(CURRENT);
  await c.link(/^(Stuur een idee in|Deel je idee)/);
  await c.select(/^Thema/, 1);
  await c.fill(/^Titel van je idee/, title);
  await c.fill(/^Je idee/, 'Zet alle adviezen van de adviesraden op één plek.');
  await c.page.waitForTimeout(FILL_TIME);
  await c.button(/^Verstuur idee/);
  c.expectPath(/\/ideeen\/ontvangen/, 'after sending the idea');
}

export async function organiserJourney({ browser, app, steps }) {
  const stamp = Date.now().toString(36);
  const process = `Klikproef ${stamp}`;
  const theme = 'Open vergaderen';
  const question = 'Wat moet er beter aan de vergaderstukken?';
  const actionPoint = `Vergaderstukken doorzoekbaar (${stamp})`;
  const idea = `Adviezen op één plek (${stamp})`;
  const c = await Clicker.open(browser, app, 'organiser');
  const citizen = await Clicker.open(browser, app, 'citizen');
  try {
    await steps.run('log in at /inloggen with password and code', () => logInAsOrganiser(c, app));
    await steps.run('create a process', async () => {
      await c.link(/^Nieuw traject/);
      await c.fill(/^Titel/, process);
      await c.fill(/^Samenvatting/, 'Een traject uit de klikproef.');
      await c.button(/^Traject aanmaken/);
      await c.expectHeading(process);
    });
    await steps.run('add a theme', async () => {
      await c.linkIfPresent(/^Fasen en thema/);
      await c.fill(/^Naam van het thema/, theme);
      await c.button(/^Thema toevoegen/);
      await c.expectText(theme);
    });
    await steps.run('add a consultation with a question and publish it', async () => {
      await c.link(/^(Online consultaties beheren|Consultaties)/);
      await c.link(/^Nieuwe consultatie/);
      await c.fill(/^Titel/, `Consultatie ${process}`);
      await c.fill(/^Inleiding/, 'Vertel ons wat beter kan.');
      await c.fill(/^Privacyverklaring/, 'We bewaren je antwoorden 90 dagen.');
      await c.fill(/^Open vanaf \(datum\)/, today());
      await c.fill(/^Open tot en met \(datum\)/, inDays(14));
      await c.button(/^Consultatie aanmaken/);
      await c.selectByText(/^Soort vraag/, /open|tekst/i, { last: true });
      // The last 'Vraag' field is the new question's; its English translation field beside it is
      // labelled 'Vraag (Engels)'.
      await c.fill(/^Vraag(?! \(Engels\))/, question, { last: true });
      await c.button(/^Vraag toevoegen/);
      await c.expectText(question);
      await c.button(/^Publiceren/);
    });
    await steps.run('publish the process', async () => {
      await toProcessHome(c, process);
      await c.button(/^Publiceren/);
    });
    let receipt;
    await steps.run('a citizen answers the consultation, clicking from the home page', async () => {
      receipt = await citizenResponds(citizen, { process, question });
    });
    await steps.run('a citizen sends an idea for the current process', () => citizenSendsIdea(citizen, { title: idea }));
    await steps.run('moderate the idea, from the dashboard', async () => {
      await c.link(/^Beheer$/);
      await c.link(/ide(e|ë)(e|ë)n.*(moderat|wacht|beoordel|nieuw)|(moderat|wacht|beoordel|nieuw).*ide(e|ë)(e|ë)n/i, { near: CURRENT });
      await c.buttonNear(idea, /^(Toon|Goedkeuren|Publiceren)/);
      await c.expectText(idea);
    });
    await steps.run('add an action point to the new process', async () => {
      await c.link(/^Beheer$/);
      await c.link(process);
      await c.link(/^Actiepunten/);
      await c.fill(/^Titel/, actionPoint);
      await c.fill(/^Beschrijving/, 'Alle stukken worden doorzoekbaar.');
      await c.fill(/^Actiehouder/, 'Griffie');
      await c.button(/^Toevoegen/);
      await c.expectText(actionPoint);
    });
    await steps.run("link the citizen's response to the action point", async () => {
      await c.link(/^Beheer$/);
      await c.link(process);
      await c.link(/^(Online consultaties beheren|Consultaties)/);
      await c.link(`Consultatie ${process}`);
      await c.link(/^Reacties/);
      await c.link(new RegExp(`${receipt}$`));
      await c.selectByText(/^Rode draad of actiepunt/, actionPoint);
      await c.fill(/^Korte uitleg/, 'Dit antwoord staat aan de basis van het actiepunt.');
      await c.button(/^Koppelen/);
      await c.expectText(actionPoint);
    });
    await steps.run('write a thread and publish the outcome', async () => {
      await c.link(/^Beheer$/);
      await c.link(process);
      await c.link(/^(Online consultaties beheren|Consultaties)/);
      await c.link(`Consultatie ${process}`);
      await c.link(/^Uitkomsten/);
      await c.fill(/^Titel/, 'Vergaderstukken moeten vindbaar zijn');
      await c.fill(/^Tekst/, 'Bijna iedereen wil de stukken kunnen doorzoeken.');
      await c.check(theme);
      await c.button(/^Rode draad toevoegen/);
      await c.expectText('Vergaderstukken moeten vindbaar zijn');
      await c.button(/^(Uitkomsten publiceren|Publiceren)/);
      await c.expectButton(/^Publicatie intrekken/);
    });
    await steps.run('download the responses as ODS', async () => {
      const file = await c.download(/^ODS/, { near: /^(Reacties|Antwoorden|Downloads)/ });
      checkOds(file);
    });
  } finally {
    await c.close();
    await citizen.close();
  }
}

/// An ODS file is a zip whose first entry is `mimetype`, stored uncompressed, holding the
/// spreadsheet's media type (OpenDocument 1.3 part 2, 3.3).
const ODS_MIMETYPE = 'application/vnd.oasis.opendocument.spreadsheet';
export function checkOds(path) {
  const bytes = readFileSync(path);
  if (bytes.length < 30 || bytes.readUInt32LE(0) !== 0x04034b50) throw new Error('the download is not a zip file');
  const method = bytes.readUInt16LE(8);
  const nameLength = bytes.readUInt16LE(26);
  const extraLength = bytes.readUInt16LE(28);
  const name = bytes.subarray(30, 30 + nameLength).toString('latin1');
  const start = 30 + nameLength + extraLength;
  const body = bytes.subarray(start, start + ODS_MIMETYPE.length).toString('latin1');
  if (name !== 'mimetype' || method !== 0 || body !== ODS_MIMETYPE) {
    throw new Error(`the download's first zip entry is ${name} (method ${method}) = "${body}", not the stored ODS mimetype`);
  }
}

export async function forumJourney({ browser, app, steps }) {
  const email = `forumlid-${Date.now().toString(36)}@example.org`;
  const organiser = await Clicker.open(browser, app, 'organiser');
  const member = await Clicker.open(browser, app, 'forum member');
  const comment = `Een reactie uit de klikproef (${Date.now().toString(36)}).`;
  try {
    await steps.run('the organiser invites a forum member, from the dashboard', async () => {
      await logInAsOrganiser(organiser, app);
      await organiser.link(/^(Forumleden|Stakeholderforum)/);
      await organiser.fill(/^E-mailadres van het nieuwe lid/, email);
      await organiser.button(/^Stuur uitnodiging/);
      await organiser.expectText(/uitnodiging is verstuurd/i);
    });
    await steps.run('accept the invitation from the mail', async () => {
      const link = await waitForLink(app.mailDir, email, '/forum/uitnodiging/');
      await member.fromMail(link);
      await member.fill(/^Je naam/, 'Fatima Bakker');
      await member.fill(/^Organisatie/, 'Bibliotheek (klikproef)');
      await member.fill(/^Wachtwoord/, 'een lang wachtwoord voor het forum');
      await member.button(/^Word lid/);
      if (member.path().startsWith('/inloggen')) {
        await member.fill(/^E-mailadres/, email);
        await member.fill(/^Wachtwoord/, 'een lang wachtwoord voor het forum');
        await member.button(/^Inloggen$/);
      }
    });
    await steps.run('land on the forum home, with a confirmation', async () => {
      member.expectPath(/^\/forum$/, 'after joining');
      await member.expectText(/welkom|lid van het (stakeholder)?forum|je bent (nu )?lid/i);
    });
    await steps.run('open an idea that is open for comment and comment on it', async () => {
      await member.link(/.+/, { near: /^Open voor reacties$/, hrefPattern: /\/ideeen\/\d+|\/actiepunten\/\d+/ });
      await member.fill(/^Je reactie/, comment);
      await member.button(/^Plaats reactie/);
      await member.expectText(comment);
    });
    await steps.run('see the comment on the forum home', async () => {
      await member.link(/^Forum/);
      await member.expectText(comment);
    });
  } finally {
    await organiser.close();
    await member.close();
  }
}

export async function citizenJourney({ browser, app, steps }) {
  const c = await Clicker.open(browser, app, 'citizen');
  try {
    await steps.run('from the home page, fill in the open consultation', async () => {
      await c.start('/');
      await c.link(/consultatie|Doe mee/i, { near: CURRENT });
      // The demo's first question is a ranking; one theme ranked is enough.
      await c.page.getByRole('spinbutton').first().fill('1');
      await c.fill(/^Wat zijn jouw ideeën/, 'Publiceer alle adviezen op één plek.');
      await c.page.waitForTimeout(FILL_TIME);
      await c.button(/^Verstuur/);
      c.expectPath(/\/ontvangen\//, 'after sending the consultation');
    });
    await steps.run("follow the receipt's link to the personal page", async () => {
      await c.link(/^Open je persoonlijke pagina/);
      c.expectPath(/^\/inbreng\//, 'after the receipt link');
      await c.expectText(/Publiceer alle adviezen op één plek/);
    });
    await steps.run('find the published outcome of the 2020 consultation from the process page', async () => {
      await c.link(/^Home$/);
      await c.link(ARCHIVED);
      await c.link(/uitkomst|resultaten|wat er met.*gebeurd/i);
      c.expectPath(/\/uitkomsten\/\d+$/, 'the outcome of the 2020 consultation');
      await c.expectText(/Rode draden|Het netwerk maken we samen/);
    });
    await steps.run('find the action plan', async () => {
      await c.link(/^Home$/);
      await c.link(ARCHIVED);
      await c.link(/^(Bekijk het actieplan|Actieplan)$/);
      c.expectPath(/\/actieplan$/, 'the action plan');
      await c.expectHeading(/Actieplan/);
    });
  } finally {
    await c.close();
  }
}

// In this order: the forum member comments on what the organiser's journey made open for
// comment (the demo itself gives a forum member nothing open: its current process has no
// published ideas or draft action points).
export const JOURNEYS = [
  { name: 'citizen: consultation, personal page, outcome and action plan', run: citizenJourney },
  { name: 'organiser: process to published outcome and ODS export', run: organiserJourney },
  { name: 'forum member: invitation, forum home, comment', run: forumJourney },
];

/// Runs each journey's steps in order; a journey stops at its first failing step.
export async function runJourneys(browser, app) {
  const results = [];
  const only = process.env.JOURNEY; // e.g. JOURNEY=organiser while working on one
  for (const journey of JOURNEYS.filter((j) => !only || j.name.startsWith(only))) {
    const result = { name: journey.name, passed: [], failed: null };
    const steps = {
      async run(name, fn) {
        if (result.failed) return;
        try {
          await fn();
          result.passed.push(name);
        } catch (error) {
          result.failed = { step: name, problem: String(error.message ?? error).split('\n').slice(0, 6).join('\n      ') };
          throw error;
        }
      },
    };
    try {
      await journey.run({ browser, app, steps });
    } catch (error) {
      if (!result.failed) result.failed = { step: '(setting up)', problem: String(error.message ?? error) };
    }
    console.log(`  ${result.failed ? 'FAIL' : 'ok  '}  ${journey.name}`);
    for (const step of result.passed) console.log(`          ok   ${step}`);
    if (result.failed) console.log(`          FAIL ${result.failed.step}\n      ${result.failed.problem}`);
    results.push(result);
  }
  return results;
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
  const app = await startApp(BINARY);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  let results;
  try {
    console.log(`\n=== Click-only journeys (app at ${app.base})`);
    results = await runJourneys(browser, app);
  } finally {
    await browser.close();
    await app.stop();
  }
  const failed = results.filter((r) => r.failed);
  console.log(`\njourneys: ${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`journeys could not run: ${error.stack ?? error}`);
      process.exit(2);
    },
  );
}
