import { waitForLink } from './lib/mail.mjs';

// Every page and state the browser gates visit. Each is checked in Dutch and in English with
// axe-core, the HTML validator, the small-screen and zoom checks and a keyboard walk through all
// of its focusable elements. Adding a page or a state is one line in PAGES.
//
//   name    what the report calls it
//   as      'anon' (a visitor) or 'organiser' (logged in as the demo organiser)
//   path    a path, or a function of what `discover` found (ids and slugs of the demo content)
//   submit  optional: reach a state by filling in and submitting a form on that page
//           { form: CSS selector of the form, fields: { name: value }, clearCookies: true (all cookies) or 'session'
//             (session cookies only: an expired session keeps its language),
//             fill: { CSS selector in the form: value } for fields whose names hold ids,
//             select: { CSS selector of a <select>: index of the option to choose },
//             wait: milliseconds to wait before submitting (public forms refuse answers
//             sent faster than a person can fill them in) }
//   status  the HTTP status the final page must have
//   bilingual  true for the error pages shown before a language is known (Dutch, with English)

const LOGIN = 'form[action="/inloggen"]';
const NEW_PROCESS = 'form[action="/beheer/processen/nieuw"]';
const CONSULTATION = 'form[action^="/processen/"][action*="/consultatie/"]';
const SIGN_UP = 'form[action^="/bijeenkomsten/"][action$="/aanmelden"]';
const PROPOSE = 'form[action="/agenda/bijeenkomst-aanmelden"]';
const FORGOT = 'form[action="/wachtwoord-vergeten"]';
const IDEA = 'form[action$="/ideeen/nieuw"]';
const FOLLOW = 'form[action$="/volgen"]';
const FORUM_REQUEST = 'form[action="/forum/aanmelden"]';
const INVITE = 'form[action="/beheer/accounts/uitnodigen"]';
const ACCEPT_INVITATION = 'form[action^="/uitnodiging/"]';
const CONTACT = 'form[action="/contact"]';
const PRINT_ORDER = 'form[action$="/actieplan/bestellen"]';
// More than the consultation form's 3-second minimum fill time.
const FILL_TIME = 3500;

/// The demo's processes (crates/inspraak-web/src/demo/).
const OPEN_SLUG = 'actieplan-open-overheid-2026';
const CLOSED_SLUG = 'actieplan-open-overheid-2020-2022';

export const PAGES = [
  // Public pages
  { name: 'home', as: 'anon', path: '/', status: 200 },
  { name: 'process page (current)', as: 'anon', path: (f) => f.currentProcess, status: 200 },
  { name: 'process page (archived)', as: 'anon', path: (f) => f.archivedProcess, status: 200 },
  { name: 'theme page', as: 'anon', path: (f) => f.theme, status: 200 },
  { name: 'theme page with outcome figures, threads, ideas, sessions and action points', as: 'anon', path: `/processen/${CLOSED_SLUG}/themas/open-technologie`, status: 200 },
  { name: 'login: empty form', as: 'anon', path: '/inloggen', status: 200 },
  { name: 'login: form with errors', as: 'anon', path: '/inloggen', submit: { form: LOGIN, fields: {} }, status: 422 },
  { name: 'login: wrong password', as: 'anon', path: '/inloggen', submit: { form: LOGIN, fields: { email: 'niemand@example.org', password: 'fout wachtwoord 1' } }, status: 401 },
  { name: 'error: page not found', as: 'anon', path: '/bestaat-niet', status: 404 },
  { name: 'error: unknown process', as: 'anon', path: '/processen/bestaat-niet', status: 404 },
  { name: 'error: form expired (CSRF)', as: 'anon', path: '/inloggen', submit: { form: LOGIN, fields: { email: 'a@example.org', password: 'x' }, clearCookies: true }, status: 403, bilingual: true },
  { name: 'error: organiser page for a visitor (login)', as: 'anon', path: '/beheer', status: 200 },
  { name: 'consultation: empty form', as: 'anon', path: (f) => f.openConsultation, status: 200 },
  { name: 'consultation: form with errors', as: 'anon', path: (f) => f.openConsultation, submit: { form: CONSULTATION, fields: {}, wait: FILL_TIME }, status: 422 },
  { name: 'consultation: session expired', as: 'anon', path: (f) => f.openConsultation, submit: { form: CONSULTATION, fields: {}, fill: { 'input[type="number"]': '1' }, clearCookies: 'session' }, status: 422 },
  { name: 'consultation: receipt', as: 'anon', path: (f) => f.openConsultation, submit: { form: CONSULTATION, fields: {}, fill: { 'input[type="number"]': '1' }, wait: FILL_TIME }, status: 200 },
  { name: 'consultation: closed', as: 'anon', path: (f) => f.closedConsultation, status: 200 },
  { name: 'agenda', as: 'anon', path: '/agenda', status: 200 },
  { name: 'session: sign-up open, empty form', as: 'anon', path: (f) => f.openSession, status: 200 },
  { name: 'session: sign-up form with errors', as: 'anon', path: (f) => f.openSession, submit: { form: SIGN_UP, fields: { name: '', email: 'geen adres' }, wait: FILL_TIME }, status: 422 },
  { name: 'session: signed up, check your mail', as: 'anon', path: (f) => f.openSession, submit: { form: SIGN_UP, fields: { name: 'Toegankelijkheid Test', email: 'gates-signup@example.org' }, wait: FILL_TIME }, status: 200 },
  { name: 'session: full, waiting list', as: 'anon', path: (f) => f.fullSession, status: 200 },
  { name: 'session: past, with report', as: 'anon', path: (f) => f.pastSession, status: 200 },
  { name: 'session: called off', as: 'anon', path: (f) => f.calledOffSession, status: 200 },
  { name: 'sign-up: confirm link', as: 'anon', path: (f) => f.confirmLink, status: 200 },
  { name: 'sign-up: cancel link', as: 'anon', path: (f) => f.cancelLink, status: 200 },
  { name: 'propose an event: empty form', as: 'anon', path: '/agenda/bijeenkomst-aanmelden', status: 200 },
  { name: 'propose an event: form with errors', as: 'anon', path: '/agenda/bijeenkomst-aanmelden', submit: { form: PROPOSE, fields: {}, wait: FILL_TIME }, status: 422 },
  { name: 'forgot password: empty form', as: 'anon', path: '/wachtwoord-vergeten', status: 200 },
  { name: 'forgot password: form with errors', as: 'anon', path: '/wachtwoord-vergeten', submit: { form: FORGOT, fields: { email: 'geen adres' } }, status: 422 },
  { name: 'reset password: link from the mail', as: 'anon', path: (f) => f.resetLink, status: 200 },
  { name: 'ideas of the current process', as: 'anon', path: `/processen/${OPEN_SLUG}/ideeen`, status: 200 },
  { name: 'ideas of the archived process, searched', as: 'anon', path: `/processen/${CLOSED_SLUG}/ideeen?q=open`, status: 200 },
  { name: 'idea: empty form', as: 'anon', path: `/processen/${OPEN_SLUG}/ideeen/nieuw`, status: 200 },
  { name: 'idea: form with errors', as: 'anon', path: `/processen/${OPEN_SLUG}/ideeen/nieuw`, submit: { form: IDEA, fields: { title: '', email: 'geen adres' }, wait: FILL_TIME }, status: 422 },
  { name: 'idea: receipt', as: 'anon', path: `/processen/${OPEN_SLUG}/ideeen/nieuw`, submit: { form: IDEA, fields: { title: 'Een idee uit de toegankelijkheidstest', body: 'Maak vergaderstukken vindbaar.' }, select: { 'select[name="theme"]': 1 }, wait: FILL_TIME }, status: 200 },
  { name: 'idea with status, action point and forum comments', as: 'anon', path: (f) => f.idea, status: 200 },
  { name: 'action plan', as: 'anon', path: `/processen/${CLOSED_SLUG}/actieplan`, status: 200 },
  { name: 'print order: empty form', as: 'anon', path: `/processen/${CLOSED_SLUG}/actieplan/bestellen`, status: 200 },
  { name: 'print order: form with errors', as: 'anon', path: `/processen/${CLOSED_SLUG}/actieplan/bestellen`, submit: { form: PRINT_ORDER, fields: { name: '', copies: '50' }, wait: FILL_TIME }, status: 422 },
  { name: 'print order: thanks', as: 'anon', path: `/processen/${CLOSED_SLUG}/actieplan/bestellen`, submit: { form: PRINT_ORDER, fields: { name: 'Toegankelijkheid Test', address: 'Dorpsstraat 1\n1234 AB Lindendal', copies: '1' }, wait: FILL_TIME }, status: 200 },
  { name: 'action point with progress updates', as: 'anon', path: (f) => f.actionPoint, status: 200 },
  { name: 'progress timeline (Volg de voortgang)', as: 'anon', path: `/processen/${CLOSED_SLUG}/voortgang`, status: 200 },
  { name: 'outcomes of a process', as: 'anon', path: `/processen/${CLOSED_SLUG}/uitkomsten`, status: 200 },
  { name: 'outcome: live results of the open consultation (provisional)', as: 'anon', path: (f) => `/processen/${OPEN_SLUG}/uitkomsten/${f.openBuilder.split('/').pop()}`, status: 200 },
  { name: 'outcome of a consultation (charts and tables)', as: 'anon', path: (f) => `/processen/${CLOSED_SLUG}/uitkomsten/${f.closedBuilder.split('/').pop()}`, status: 200 },
  { name: 'follow a process: empty form', as: 'anon', path: `/processen/${CLOSED_SLUG}/volgen`, status: 200 },
  { name: 'follow a process: form with errors', as: 'anon', path: `/processen/${CLOSED_SLUG}/volgen`, submit: { form: FOLLOW, fields: { email: 'geen adres' }, wait: FILL_TIME }, status: 422 },
  { name: 'contact: empty form', as: 'anon', path: '/contact', status: 200 },
  { name: 'contact: form with errors', as: 'anon', path: '/contact', submit: { form: CONTACT, fields: { email: 'geen adres' }, wait: FILL_TIME }, status: 422 },
  { name: 'contact: thanks', as: 'anon', path: '/contact', submit: { form: CONTACT, fields: { name: 'Toegankelijkheid Test', email: 'gates-contact@example.org', message: 'Wij willen graag meedoen.' }, wait: FILL_TIME }, status: 200 },
  // Organiser pages
  { name: 'organiser: dashboard', as: 'organiser', path: '/beheer', status: 200 },
  // Organisers may comment too, so they see the forum home as a member does.
  { name: 'forum home', as: 'organiser', path: '/forum', status: 200 },
  { name: 'organiser: new process, empty form', as: 'organiser', path: '/beheer/processen/nieuw', status: 200 },
  { name: 'organiser: new process, form with errors', as: 'organiser', path: '/beheer/processen/nieuw', submit: { form: NEW_PROCESS, fields: { title: '', slug: 'Geen Geldige Slug', summary: '' } }, status: 422 },
  { name: 'organiser: edit process', as: 'organiser', path: (f) => f.editProcess, status: 200 },
  { name: 'organiser: edit process, saved', as: 'organiser', path: (f) => `${f.editProcess}?opgeslagen=1`, status: 200 },
  { name: 'organiser: edit process, phase with errors', as: 'organiser', path: (f) => f.editProcess, submit: { form: 'form[action$="/fasen"]', fields: { name: '', starts_on: '2030-02-01', ends_on: '2030-01-01' } }, status: 422 },
  { name: 'organiser: edit process, theme with errors', as: 'organiser', path: (f) => f.editProcess, submit: { form: 'form[action$="/themas"]', fields: { name: '', slug: 'Geen Geldige Slug' } }, status: 422 },
  { name: 'organiser: consultations of a process', as: 'organiser', path: (f) => `${f.openProcessAdmin}/consultaties`, status: 200 },
  { name: 'organiser: new consultation, empty form', as: 'organiser', path: (f) => `${f.openProcessAdmin}/consultaties/nieuw`, status: 200 },
  { name: 'organiser: new consultation, form with errors', as: 'organiser', path: (f) => `${f.openProcessAdmin}/consultaties/nieuw`, submit: { form: 'form[action$="/consultaties/nieuw"]', fields: { title: '' } }, status: 422 },
  { name: 'organiser: consultation builder (open)', as: 'organiser', path: (f) => f.openBuilder, status: 200 },
  { name: 'organiser: consultation builder (closed)', as: 'organiser', path: (f) => f.closedBuilder, status: 200 },
  { name: 'organiser: consultation preview', as: 'organiser', path: (f) => `${f.openBuilder}/voorbeeld`, status: 200 },
  { name: 'organiser: responses (open)', as: 'organiser', path: (f) => `${f.openBuilder}/reacties`, status: 200 },
  { name: 'organiser: responses (closed, 48, page 2)', as: 'organiser', path: (f) => `${f.closedBuilder}/reacties?pagina=2`, status: 200 },
  { name: 'organiser: sessions', as: 'organiser', path: '/beheer/bijeenkomsten', status: 200 },
  { name: 'organiser: sessions of a process', as: 'organiser', path: (f) => `${f.openProcessAdmin}/bijeenkomsten`, status: 200 },
  { name: 'organiser: privacy and retention of a process', as: 'organiser', path: (f) => `${f.closedProcessAdmin}/privacy`, status: 200 },
  { name: 'organiser: new session, empty form', as: 'organiser', path: (f) => `${f.openProcessAdmin}/bijeenkomsten/nieuw`, status: 200 },
  { name: 'organiser: new session, form with errors', as: 'organiser', path: (f) => `${f.openProcessAdmin}/bijeenkomsten/nieuw`, submit: { form: 'form[action$="/bijeenkomsten/nieuw"]', fields: { title: '', capacity: '0' } }, status: 422 },
  { name: 'organiser: edit session (full)', as: 'organiser', path: (f) => f.fullSessionAdmin, status: 200 },
  { name: 'organiser: edit session, change mailed', as: 'organiser', path: (f) => `${f.fullSessionAdmin}?opgeslagen=1&bericht=2`, status: 200 },
  { name: 'organiser: edit session, called off', as: 'organiser', path: (f) => `${f.calledOffSessionAdmin}?afgelast=0`, status: 200 },
  { name: 'organiser: sign-ups of a full session', as: 'organiser', path: (f) => `${f.fullSessionAdmin}/aanmeldingen`, status: 200 },
  { name: 'organiser: message to participants', as: 'organiser', path: (f) => `${f.fullSessionAdmin}/bericht`, status: 200 },
  { name: 'organiser: session report', as: 'organiser', path: (f) => `${f.fullSessionAdmin}/verslag`, status: 200 },
  { name: 'organiser: proposed events', as: 'organiser', path: '/beheer/agenda-voorstellen', status: 200 },
  { name: 'organiser: contact messages', as: 'organiser', path: '/beheer/contact', status: 200 },
  { name: 'organiser: print orders', as: 'organiser', path: '/beheer/bestellingen', status: 200 },
  { name: 'organiser: accounts', as: 'organiser', path: '/beheer/accounts', status: 200 },
  { name: 'organiser: audit log', as: 'organiser', path: '/beheer/logboek', status: 200 },
  { name: 'organiser: outcome of a consultation', as: 'organiser', path: (f) => `${f.closedBuilder}/uitkomsten`, status: 200 },
  { name: 'organiser: ideas and moderation', as: 'organiser', path: (f) => `${f.closedProcessAdmin}/ideeen`, status: 200 },
  { name: 'organiser: action points', as: 'organiser', path: (f) => `${f.closedProcessAdmin}/actiepunten`, status: 200 },
  { name: 'organiser: action plan introduction with errors', as: 'organiser', path: (f) => `${f.closedProcessAdmin}/actiepunten`, submit: { form: 'form[action$="/actieplan/inleiding"]', fields: { introduction: 'x'.repeat(6001) } }, status: 422 },
  { name: 'organiser: edit action point', as: 'organiser', path: (f) => `${f.closedProcessAdmin}/actiepunten/${f.actionPointId}`, status: 200 },
  { name: 'organiser: stakeholder forum', as: 'organiser', path: '/beheer/forum', status: 200 },
  { name: 'organiser: stakeholder forum requests', as: 'organiser', path: '/beheer/forum-aanvragen', status: 200 },
  { name: 'organiser: accounts, invitation with errors', as: 'organiser', path: '/beheer/accounts', submit: { form: INVITE, fields: { email: 'geen adres' } }, status: 422 },
  { name: 'forum request: form', as: 'anon', path: '/forum/aanmelden', status: 200 },
  { name: 'forum request: form with errors', as: 'anon', path: '/forum/aanmelden', submit: { form: FORUM_REQUEST, fields: { name: '', email: 'geen adres' }, wait: FILL_TIME }, status: 422 },
  { name: 'forum request: thank you', as: 'anon', path: '/forum/aanmelden', submit: { form: FORUM_REQUEST, fields: { name: 'Toegankelijkheid Test', email: 'gates-forum@example.org', motivation: 'Ik test de toegankelijkheid.' }, wait: FILL_TIME }, status: 200 },
  { name: 'staff invitation: choose a password', as: 'anon', path: (f) => f.invitationLink, status: 200 },
  { name: 'staff invitation: form with errors', as: 'anon', path: (f) => f.invitationLink, submit: { form: ACCEPT_INVITATION, fields: { name: '', password: 'kort' } }, status: 422 },
  { name: 'staff invitation: dead link', as: 'anon', path: `/uitnodiging/${'A'.repeat(43)}`, status: 410 },
  { name: 'organiser: publications', as: 'organiser', path: (f) => `${f.closedProcessAdmin}/publicaties`, status: 200 },
  { name: 'organiser: self-evaluation of the archived process', as: 'organiser', path: (f) => `${f.closedProcessAdmin}/zelfevaluatie`, status: 200 },
  { name: 'organiser: self-evaluation with errors', as: 'organiser', path: (f) => `${f.closedProcessAdmin}/zelfevaluatie`, submit: { form: 'form[action$="/zelfevaluatie"]', fields: { body: '', body_translation: 'x'.repeat(20001) } }, status: 422 },
  { name: 'organiser: overview of the archived process (self-evaluation link)', as: 'organiser', path: (f) => f.closedProcessAdmin, status: 200 },
  { name: 'accessibility statement', as: 'anon', path: '/toegankelijkheid', status: 200 },
  { name: 'organiser: accessibility statement', as: 'organiser', path: '/beheer/toegankelijkheid', status: 200 },
  { name: 'privacy statement', as: 'anon', path: '/privacy', status: 200 },
  { name: 'organiser: house style and its contrast', as: 'organiser', path: '/beheer/huisstijl', status: 200 },
  { name: 'organiser: accessibility statement with errors', as: 'organiser', path: '/beheer/toegankelijkheid', submit: { form: 'form[action="/beheer/toegankelijkheid"]', fields: { contact: '' } }, status: 422 },
  { name: 'organiser: link a contribution to a thread / action point', as: 'organiser', path: (f) => f.linkPage, status: 200 },
  { name: 'organiser: link a contribution, form with errors', as: 'organiser', path: (f) => f.linkPage, submit: { form: 'form[action$="/koppelen"]', fields: { explanation: '' } }, status: 422 },
  { name: 'trace page: unknown link', as: 'anon', path: `/inbreng/${'A'.repeat(43)}`, status: 404 },
  { name: 'digest unsubscribe: dead link', as: 'anon', path: `/inbreng/afmelden/${'a'.repeat(64)}/${'b'.repeat(64)}`, status: 404 },
  { name: 'account: own account', as: 'organiser', path: '/account', status: 200 },
  { name: 'account: two-step verification', as: 'organiser', path: '/account/tweestapsverificatie', status: 200 },
];


/// Finds the demo content's paths, so the list above needs no ids or slugs, and makes the states
/// the demo does not have (a full session, mailed links) through the real forms and mails.
export async function discover({ anon, organiser, base, mailDir }) {
  const links = async (page, selector) =>
    page.$$eval(selector, (as) => as.map((a) => a.getAttribute('href')));
  await anon.goto(`${base}/?lang=nl`);
  const current = await links(anon, '#lopend ~ ul a[href^="/processen/"], section[aria-labelledby="lopend"] a[href^="/processen/"]');
  const archived = await links(anon, 'section[aria-labelledby="eerder"] a[href^="/processen/"]');
  if (!current.length || !archived.length) throw new Error('the demo content has no current and archived process on the home page');
  await anon.goto(`${base}${current[0]}`);
  const themes = await links(anon, 'a[href*="/themas/"]');
  if (!themes.length) throw new Error(`the process page ${current[0]} links to no theme`);
  await organiser.goto(`${base}/beheer?lang=nl`);
  const edits = (await links(organiser, 'a[href^="/beheer/processen/"]')).filter((h) => /^\/beheer\/processen\/\d+$/.test(h));
  if (!edits.length) throw new Error('the organiser dashboard links to no process');
  // The organiser's pages of the demo's two consultations, found through the process pages.
  const adminOf = async (slug) => {
    for (const edit of edits) {
      await organiser.goto(`${base}${edit}/consultaties?lang=nl`);
      const builders = (await links(organiser, 'a[href^="/beheer/consultaties/"]')).filter((h) => /^\/beheer\/consultaties\/\d+$/.test(h));
      for (const builder of builders) {
        await organiser.goto(`${base}${builder}?lang=nl`);
        if (await organiser.$(`a[href^="/processen/${slug}/consultatie"]`)) return { process: edit, builder };
      }
    }
    throw new Error(`no organiser page links to a consultation of ${slug}`);
  };
  const open = await adminOf(OPEN_SLUG);
  const closed = await adminOf(CLOSED_SLUG);
  const sessions = await prepareSessions({ anon, organiser, base, mailDir, processAdmin: open.process });
  const resetLink = await mailedResetLink({ anon, base, mailDir });
  const invitationLink = await mailedInvitationLink({ anon, organiser, base, mailDir });
  await anon.goto(`${base}/processen/${CLOSED_SLUG}/ideeen?lang=nl`);
  const idea = (await links(anon, `a[href^="/processen/${CLOSED_SLUG}/ideeen/"]`)).find((h) => /\/ideeen\/\d+$/.test(h));
  await anon.goto(`${base}/processen/${CLOSED_SLUG}/actieplan?lang=nl`);
  const actionPoint = (await links(anon, `a[href^="/processen/${CLOSED_SLUG}/actiepunten/"]`)).find((h) => /\/actiepunten\/\d+$/.test(h));
  if (!idea || !actionPoint) throw new Error('the demo has no public idea or action point on the archived process');
  await organiser.goto(`${base}${closed.process}/ideeen?lang=nl`);
  const linkPage = (await links(organiser, 'a[href^="/beheer/inbreng/"]'))[0];
  if (!linkPage) throw new Error('the ideas moderation page links to no traceability page');
  return {
    ...sessions,
    idea,
    actionPoint,
    actionPointId: actionPoint.split('/').pop(),
    linkPage,
    closedProcessAdmin: closed.process,
    resetLink,
    invitationLink,
    openConsultation: `/processen/${OPEN_SLUG}/consultatie`,
    closedConsultation: `/processen/${CLOSED_SLUG}/consultatie`,
    openProcessAdmin: open.process,
    openBuilder: open.builder,
    closedBuilder: closed.builder,
    currentProcess: current[0],
    archivedProcess: archived[0],
    theme: themes[0],
    editProcess: edits[0],
  };
}

const submit = async (page, form) =>
  Promise.all([page.waitForNavigation(), page.locator(`${form} button[type="submit"]`).first().click()]);

/// Signs someone up for a session through its form and returns the confirmation link's path.
async function signUp(anon, base, mailDir, sessionPath, name, email) {
  await anon.goto(`${base}${sessionPath}?lang=nl`);
  await anon.fill(`${SIGN_UP} [name="name"]`, name);
  await anon.fill(`${SIGN_UP} [name="email"]`, email);
  await anon.waitForTimeout(FILL_TIME);
  await submit(anon, SIGN_UP);
  if (!/\/aangemeld$/.test(new URL(anon.url()).pathname)) throw new Error(`signing up ${email} ended at ${anon.url()}`);
  return waitForLink(mailDir, email, '/aanmelding/bevestigen/');
}

/// A session with one seat, taken, and someone on the waiting list; plus a pending sign-up's
/// confirmation link and a confirmed person's cancellation link, both unused (GET changes nothing).
async function prepareSessions({ anon, organiser, base, mailDir, processAdmin }) {
  await anon.goto(`${base}/agenda?lang=nl`);
  const byTitle = async (title) => {
    const href = await anon.$$eval('a[href^="/bijeenkomsten/"]', (as, t) => as.find((a) => a.textContent.trim() === t)?.getAttribute('href'), title);
    if (!href) throw new Error(`the agenda does not link to "${title}"`);
    return href;
  };
  const openSession = await byTitle('Meedenksessie Open Informatie');
  const pastSession = await byTitle('Meedenksessie Open Technologie deel I');
  // The organiser makes a one-seat session in five days' time.
  const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  const NEW_SESSION = 'form[action$="/bijeenkomsten/nieuw"]';
  await organiser.goto(`${base}${processAdmin}/bijeenkomsten/nieuw?lang=nl`);
  await organiser.check('#soort-event');
  await organiser.fill(`${NEW_SESSION} [name="title"]`, 'Inloopspreekuur met één plek');
  await organiser.fill(`${NEW_SESSION} [name="description"]`, 'Een gesprek van een half uur met de organisatoren.');
  await organiser.fill(`${NEW_SESSION} [name="starts_at"]`, `${day}T10:00`);
  await organiser.fill(`${NEW_SESSION} [name="ends_at"]`, `${day}T10:30`);
  await organiser.fill(`${NEW_SESSION} [name="capacity"]`, '1');
  await submit(organiser, NEW_SESSION);
  const fullSessionAdmin = new URL(organiser.url()).pathname;
  const id = fullSessionAdmin.match(/^\/beheer\/bijeenkomsten\/(\d+)$/)?.[1];
  if (!id) throw new Error(`creating the one-seat session ended at ${organiser.url()}`);
  const fullSession = `/bijeenkomsten/${id}`;
  const confirm = async (link) => {
    await anon.goto(`${base}${link}?lang=nl`);
    await submit(anon, 'form[action^="/aanmelding/bevestigen/"]');
  };
  await confirm(await signUp(anon, base, mailDir, fullSession, 'Eerste Deelnemer', 'gates-first@example.org'));
  const cancelLink = await waitForLink(mailDir, 'gates-first@example.org', '/aanmelding/annuleren/');
  await confirm(await signUp(anon, base, mailDir, fullSession, 'Tweede Deelnemer', 'gates-second@example.org'));
  const confirmLink = await signUp(anon, base, mailDir, fullSession, 'Derde Deelnemer', 'gates-third@example.org');
  // A second one, called off by the organiser with the button on its edit page.
  await organiser.goto(`${base}${processAdmin}/bijeenkomsten/nieuw?lang=nl`);
  await organiser.check('#soort-event');
  await organiser.fill(`${NEW_SESSION} [name="title"]`, 'Inloopspreekuur dat niet doorgaat');
  await organiser.fill(`${NEW_SESSION} [name="description"]`, 'Een gesprek van een half uur met de organisatoren.');
  await organiser.fill(`${NEW_SESSION} [name="starts_at"]`, `${day}T11:00`);
  await organiser.fill(`${NEW_SESSION} [name="ends_at"]`, `${day}T11:30`);
  await submit(organiser, NEW_SESSION);
  const calledOffSessionAdmin = new URL(organiser.url()).pathname;
  const calledOffId = calledOffSessionAdmin.match(/^\/beheer\/bijeenkomsten\/(\d+)$/)?.[1];
  if (!calledOffId) throw new Error(`creating the session to call off ended at ${organiser.url()}`);
  await submit(organiser, 'form[action$="/afgelasten"]');
  const calledOffSession = `/bijeenkomsten/${calledOffId}`;
  return { openSession, pastSession, fullSession, fullSessionAdmin, confirmLink, cancelLink, calledOffSession, calledOffSessionAdmin };
}

/// The reset link mailed to the demo organiser (opening it changes nothing).
async function mailedResetLink({ anon, base, mailDir }) {
  await anon.goto(`${base}/wachtwoord-vergeten?lang=nl`);
  await anon.fill(`${FORGOT} [name="email"]`, 'organisator@example.org');
  await submit(anon, FORGOT);
  return waitForLink(mailDir, 'organisator@example.org', '/wachtwoord-herstellen/');
}

/// An action holder's invitation mailed by the organiser (opening it changes nothing), and a
/// forum join request in the organisers' queue.
async function mailedInvitationLink({ anon, organiser, base, mailDir }) {
  await organiser.goto(`${base}/beheer/accounts?lang=nl`);
  await organiser.fill(`${INVITE} [name="email"]`, 'gates-holder@example.org');
  await organiser.check('#rol-action_holder');
  await submit(organiser, INVITE);
  await anon.goto(`${base}/forum/aanmelden?lang=nl`);
  await anon.fill(`${FORUM_REQUEST} [name="name"]`, 'Wachtende Aanvrager');
  await anon.fill(`${FORUM_REQUEST} [name="email"]`, 'gates-request@example.org');
  await anon.fill(`${FORUM_REQUEST} [name="motivation"]`, 'Ik werk in de wijk.');
  await anon.waitForTimeout(FILL_TIME);
  await submit(anon, FORUM_REQUEST);
  return waitForLink(mailDir, 'gates-holder@example.org', '/uitnodiging/');
}
