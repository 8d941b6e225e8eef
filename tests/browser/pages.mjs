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
//             wait: milliseconds to wait before submitting (the consultation form refuses
//             answers sent faster than a person can fill it in) }
//   status  the HTTP status the final page must have
//   bilingual  true for the error pages shown before a language is known (Dutch, with English)

const LOGIN = 'form[action="/inloggen"]';
const NEW_PROCESS = 'form[action="/beheer/processen/nieuw"]';
const CONSULTATION = 'form[action^="/processen/"][action*="/consultatie/"]';
// More than the consultation form's 3-second minimum fill time.
const FILL_TIME = 3500;

export const PAGES = [
  // Public pages
  { name: 'home', as: 'anon', path: '/', status: 200 },
  { name: 'process page (current)', as: 'anon', path: (f) => f.currentProcess, status: 200 },
  { name: 'process page (archived)', as: 'anon', path: (f) => f.archivedProcess, status: 200 },
  { name: 'theme page', as: 'anon', path: (f) => f.theme, status: 200 },
  { name: 'login: empty form', as: 'anon', path: '/inloggen', status: 200 },
  { name: 'login: form with errors', as: 'anon', path: '/inloggen', submit: { form: LOGIN, fields: {} }, status: 422 },
  { name: 'login: wrong password', as: 'anon', path: '/inloggen', submit: { form: LOGIN, fields: { email: 'niemand@example.org', password: 'fout wachtwoord 1' } }, status: 401 },
  { name: 'error: page not found', as: 'anon', path: '/bestaat-niet', status: 404 },
  { name: 'error: unknown process', as: 'anon', path: '/processen/bestaat-niet', status: 404, bilingual: true },
  { name: 'error: form expired (CSRF)', as: 'anon', path: '/inloggen', submit: { form: LOGIN, fields: { email: 'a@example.org', password: 'x' }, clearCookies: true }, status: 403, bilingual: true },
  { name: 'error: organiser page for a visitor (login)', as: 'anon', path: '/beheer', status: 200 },
  { name: 'consultation: empty form', as: 'anon', path: (f) => f.openConsultation, status: 200 },
  { name: 'consultation: form with errors', as: 'anon', path: (f) => f.openConsultation, submit: { form: CONSULTATION, fields: {}, wait: FILL_TIME }, status: 422 },
  { name: 'consultation: session expired', as: 'anon', path: (f) => f.openConsultation, submit: { form: CONSULTATION, fields: {}, fill: { 'input[type="number"]': '1' }, clearCookies: 'session' }, status: 422 },
  { name: 'consultation: receipt', as: 'anon', path: (f) => f.openConsultation, submit: { form: CONSULTATION, fields: {}, fill: { 'input[type="number"]': '1' }, wait: FILL_TIME }, status: 200 },
  { name: 'consultation: closed', as: 'anon', path: (f) => f.closedConsultation, status: 200 },
  // Organiser pages
  { name: 'organiser: dashboard', as: 'organiser', path: '/beheer', status: 200 },
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
];

/// The demo's consultations (crates/inspraak-web/src/demo/consultations.rs).
const OPEN_SLUG = 'actieplan-open-overheid-2026';
const CLOSED_SLUG = 'actieplan-open-overheid-2020-2022';

/// Finds the demo content's paths, so the list above needs no ids or slugs.
export async function discover({ anon, organiser, base }) {
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
  return {
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
