// Every page and state the browser gates visit. Each is checked in Dutch and in English with
// axe-core, the HTML validator, the small-screen and zoom checks and a keyboard walk through all
// of its focusable elements. Adding a page or a state is one line in PAGES.
//
//   name    what the report calls it
//   as      'anon' (a visitor) or 'organiser' (logged in as the demo organiser)
//   path    a path, or a function of what `discover` found (ids and slugs of the demo content)
//   submit  optional: reach a state by filling in and submitting a form on that page
//           { form: CSS selector of the form, fields: { name: value }, clearCookies: bool }
//   status  the HTTP status the final page must have
//   bilingual  true for the error pages shown before a language is known (Dutch, with English)

const LOGIN = 'form[action="/inloggen"]';
const NEW_PROCESS = 'form[action="/beheer/processen/nieuw"]';

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
  // Organiser pages
  { name: 'organiser: dashboard', as: 'organiser', path: '/beheer', status: 200 },
  { name: 'organiser: new process, empty form', as: 'organiser', path: '/beheer/processen/nieuw', status: 200 },
  { name: 'organiser: new process, form with errors', as: 'organiser', path: '/beheer/processen/nieuw', submit: { form: NEW_PROCESS, fields: { title: '', slug: 'Geen Geldige Slug', summary: '' } }, status: 422 },
  { name: 'organiser: edit process', as: 'organiser', path: (f) => f.editProcess, status: 200 },
  { name: 'organiser: edit process, saved', as: 'organiser', path: (f) => `${f.editProcess}?opgeslagen=1`, status: 200 },
  { name: 'organiser: edit process, phase with errors', as: 'organiser', path: (f) => f.editProcess, submit: { form: 'form[action$="/fasen"]', fields: { name: '', starts_on: '2030-02-01', ends_on: '2030-01-01' } }, status: 422 },
  { name: 'organiser: edit process, theme with errors', as: 'organiser', path: (f) => f.editProcess, submit: { form: 'form[action$="/themas"]', fields: { name: '', slug: 'Geen Geldige Slug' } }, status: 422 },
];

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
  return {
    currentProcess: current[0],
    archivedProcess: archived[0],
    theme: themes[0],
    editProcess: edits[0],
  };
}
