// Flows done with the keyboard only (Tab, Shift+Tab, Enter, Space and typing), each run in Dutch
// and English, with JavaScript on and with JavaScript off. Every focus stop must show its focus,
// and after a failed submit the error summary must have focus. Adding a flow is one entry in
// FLOWS: `as` is 'anon' or 'organiser' (logged in before the flow starts).

const LOGIN_BUTTON = 'form[action="/inloggen"] button[type="submit"]';
const NEW_PROCESS_BUTTON = 'form[action="/beheer/processen/nieuw"] button[type="submit"]';
const CONSULTATION_BUTTON = 'form[action*="/consultatie/"] button[type="submit"]';

async function logIn(k, { organiser }) {
  await k.open('/inloggen');
  await k.tabTo(LOGIN_BUTTON);
  await k.submitWith('Enter');
  await k.expectStatus(422);
  await k.expectFocus('.error-summary', 'after an empty login');
  // The summary links to the field; following it puts focus there.
  await k.press('Tab');
  await k.expectFocus('.error-summary a[href="#veld-email"]', 'first link of the error summary');
  await k.press('Enter');
  await k.expectFocus('#veld-email', 'after following the error link');
  await k.type(organiser.email);
  await k.press('Tab');
  await k.expectFocus('#veld-password', 'Tab from the e-mail field');
  await k.type('niet het wachtwoord');
  await k.submitWith('Enter');
  await k.expectStatus(401);
  await k.expectFocus('.error-summary', 'after a wrong password');
  await k.expectValue('#veld-email', organiser.email);
  await k.tabTo('#veld-password');
  await k.type(organiser.password);
  await k.submitWith('Enter');
  await k.expectStatus(200);
  await k.expectUrl(/^\/inloggen\/code/);
  // Second step: a wrong code first, then the right one.
  await k.tabTo('#veld-code');
  await k.type('000000');
  await k.submitWith('Enter');
  await k.expectStatus(401);
  await k.expectFocus('.error-summary', 'after a wrong code');
  await k.tabTo('#veld-code');
  await k.type(await organiser.code());
  await k.submitWith('Enter');
  await k.expectStatus(200);
  await k.expectUrl(/^\/beheer$/);
}

async function createAndPublishProcess(k, { label }) {
  const title = `Toetsenbord ${label}`;
  await k.open('/beheer');
  await k.tabTo('a[href="/beheer/processen/nieuw"]');
  await k.submitWith('Enter');
  await k.expectStatus(200);
  await k.tabTo(NEW_PROCESS_BUTTON);
  await k.submitWith('Space');
  await k.expectStatus(422);
  await k.expectFocus('.error-summary', 'after submitting an empty process');
  await k.tabTo('#veld-title');
  await k.type(title);
  await k.tabTo('#veld-summary');
  await k.type('Eerste alinea.');
  await k.press('Enter');
  await k.press('Enter');
  await k.type('Tweede alinea.');
  await k.tabTo(NEW_PROCESS_BUTTON);
  await k.submitWith('Enter');
  await k.expectStatus(200);
  await k.expectUrl(/^\/beheer\/processen\/\d+$/);
  const h1 = await k.page.textContent('h1');
  if (h1.trim() !== title) throw new Error(`the new process page shows "${h1}", not "${title}"`);
  // The first status button of a draft is "publish".
  await k.tabTo('form[action$="/status"] button[type="submit"]');
  await k.submitWith('Space');
  await k.expectStatus(200);
  if (!(await k.page.$('.utrecht-alert--ok'))) throw new Error('no "saved" notice after publishing');
  if (!(await k.page.$('a[href^="/processen/"]'))) throw new Error('no link to the public page after publishing');
}

/// The demo's open consultation: an empty submit (its first question is required), then a ranking,
/// a ticked box and a typed answer. The form refuses answers sent within 3 seconds of loading it.
async function fillInConsultation(k, { label }) {
  await k.open('/processen/actieplan-open-overheid-2026/consultatie');
  await k.expectStatus(200);
  await k.page.waitForTimeout(3500);
  await k.tabTo(CONSULTATION_BUTTON);
  await k.submitWith('Enter');
  await k.expectStatus(422);
  await k.expectFocus('.error-summary', 'after submitting the consultation empty');
  await k.press('Tab');
  await k.expectFocus('.error-summary a', 'first link of the error summary');
  const target = await k.page.evaluate(() => document.activeElement.getAttribute('href'));
  await k.press('Enter');
  await k.expectFocus(target, 'after following the error link');
  await k.tabTo('input[type="number"]');
  await k.type('1');
  await k.tabTo('input[type="checkbox"]');
  await k.press(' ');
  await k.tabTo('textarea');
  await k.type(`Antwoord met het toetsenbord (${label}).`);
  await k.tabTo(CONSULTATION_BUTTON);
  await k.submitWith('Space');
  await k.expectStatus(200);
  await k.expectUrl(/^\/processen\/[^/]+\/consultatie\/\d+\/ontvangen\/\d+\/[^/]+$/);
  if (!(await k.page.$('.receipt-code'))) throw new Error('the receipt shows no receipt code');
}

/// Signing up for a session: an empty submit, then a name and an address; the page then says to
/// check the mail (the link in it is followed by the end-to-end tests).
async function signUpForSession(k, { label, found }) {
  const button = 'form[action$="/aanmelden"] button[type="submit"]';
  await k.open(found.openSession);
  await k.expectStatus(200);
  // Public forms refuse what is sent within 3 seconds of loading them.
  await k.page.waitForTimeout(3500);
  await k.tabTo(button);
  await k.submitWith('Enter');
  await k.expectStatus(422);
  await k.expectFocus('.error-summary', 'after submitting the sign-up form empty');
  await k.press('Tab');
  await k.expectFocus('.error-summary a[href="#veld-name"]', 'first link of the error summary');
  await k.press('Enter');
  await k.expectFocus('#veld-name', 'after following the error link');
  await k.type(`Toetsenbord ${label}`);
  await k.tabTo('#veld-email');
  await k.type(`toetsenbord-${label.replace(/[^a-z]+/gi, '-')}@example.org`);
  await k.tabTo(button);
  await k.submitWith('Space');
  await k.expectStatus(200);
  await k.expectUrl(/^\/bijeenkomsten\/\d+\/aangemeld$/);
}

/// Sending an idea on the current process: an empty submit, then a theme chosen with the arrow
/// keys, a title and a text.
async function sendIdea(k, { label }) {
  const button = 'form[action$="/ideeen/nieuw"] button[type="submit"]';
  await k.open('/processen/actieplan-open-overheid-2026/ideeen/nieuw');
  await k.expectStatus(200);
  // Public forms refuse what is sent within 3 seconds of loading them.
  await k.page.waitForTimeout(3500);
  await k.tabTo(button);
  await k.submitWith('Enter');
  await k.expectStatus(422);
  await k.expectFocus('.error-summary', 'after sending the idea form empty');
  await k.press('Tab');
  await k.expectFocus('.error-summary a', 'first link of the error summary');
  const target = await k.page.evaluate(() => document.activeElement.getAttribute('href'));
  await k.press('Enter');
  await k.expectFocus(target, 'after following the error link');
  await k.tabTo('#veld-theme');
  await k.press('ArrowDown');
  await k.tabTo('#veld-title');
  await k.type(`Idee met het toetsenbord (${label})`);
  await k.tabTo('#veld-body');
  await k.type('Alles met Tab, Enter en spatie.');
  await k.tabTo(button);
  await k.submitWith('Space');
  await k.expectStatus(200);
  await k.expectUrl(/^\/processen\/[^/]+\/ideeen\/ontvangen/);
}

export const FLOWS = [
  { name: 'log in (empty, wrong password, right password)', as: 'anon', run: logIn },
  { name: 'create and publish a process', as: 'organiser', run: createAndPublishProcess },
  { name: 'fill in a consultation (empty, then answered)', as: 'anon', run: fillInConsultation },
  { name: 'sign up for a session (empty, then filled in)', as: 'anon', run: signUpForSession },
  { name: 'send an idea (empty, then filled in)', as: 'anon', run: sendIdea },
];
