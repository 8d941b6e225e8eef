// A person in a browser who only clicks: finds links and buttons by their visible text
// (accessible name) and fields by their label, and says clearly what it could not find.
// Used by journeys.mjs and screenshots.mjs.

const START_PAGES = ['/', '/beheer', '/inloggen'];
const WAIT_MS = 15_000;

const describe = (name) => (name instanceof RegExp ? String(name) : `"${name}"`);

export class Clicker {
  static async open(browser, app, who, { width = 1280, height = 900 } = {}) {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'nl-NL', acceptDownloads: true });
    const page = await context.newPage();
    const c = new Clicker(app, who, context, page);
    page.on('response', (response) => {
      if (response.status() >= 500) c.serverErrors.push(`${response.status()} ${response.url()}`);
      if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) c.last = response;
    });
    return c;
  }

  constructor(app, who, context, page) {
    Object.assign(this, { app, who, context, page, last: null, serverErrors: [] });
  }

  path() {
    const url = new URL(this.page.url());
    return `${url.pathname}${url.search}`;
  }

  async where() {
    const h1 = await this.page.locator('h1').first().textContent({ timeout: 1000 }).catch(() => null);
    return `${this.path()}${h1 ? ` (“${h1.trim().replace(/\s+/g, ' ')}”)` : ''}`;
  }

  /// The only pages opened by URL: a start page.
  async start(path) {
    if (!START_PAGES.includes(path)) throw new Error(`${path} is not a start page`);
    await this.page.goto(`${this.app.base}${path}`);
    await this.checkStatus(`opening ${path}`);
  }

  /// A link taken from a mail (a path on the app).
  async fromMail(path) {
    await this.page.goto(`${this.app.base}${path}`);
    await this.checkStatus(`opening the mailed link ${path}`);
  }

  async checkStatus(what) {
    const status = this.last?.status();
    if (this.serverErrors.length) throw new Error(`${what}: server error ${this.serverErrors.join(', ')}`);
    if (status >= 400) {
      const summary = await this.page.locator('.error-summary').first().textContent({ timeout: 500 }).catch(() => '');
      throw new Error(`${what} led to HTTP ${status} at ${await this.where()}${summary ? `: ${summary.trim().replace(/\s+/g, ' ')}` : ''}`);
    }
  }

  /// The names of the links (or buttons) on the page, to show what there was instead.
  async offered(role) {
    const names = await this.page.getByRole(role).evaluateAll((els) =>
      els.map((e) => (e.getAttribute('aria-label') || e.textContent || '').trim().replace(/\s+/g, ' ')).filter(Boolean));
    const unique = [...new Set(names)];
    return `${unique.slice(0, 60).map((n) => `“${n}”`).join(', ')}${unique.length > 60 ? ', …' : ''}`;
  }

  /// The element of `role` named `name`: with `near`, the one closest to a text matching it
  /// (the first ancestor that holds such a text is the nearest); with `hrefPattern`, only links
  /// going there; `last` takes the last match instead of the first.
  async find(role, name, { near, hrefPattern, last = false, exact = false } = {}) {
    const all = this.page.getByRole(role, { name, exact });
    const count = await all.count();
    const candidates = [];
    for (let i = 0; i < count; i += 1) {
      const el = all.nth(i);
      if (!(await el.isVisible())) continue;
      if (hrefPattern && !hrefPattern.test((await el.getAttribute('href')) ?? '')) continue;
      candidates.push(el);
    }
    if (near && candidates.length) {
      const pattern = near instanceof RegExp ? { source: near.source, flags: near.flags } : { text: near };
      const steps = await Promise.all(candidates.map((el) => el.evaluate((node, p) => {
        const matches = (text) => (p.text !== undefined ? text.includes(p.text) : new RegExp(p.source, p.flags).test(text));
        let up = 0;
        for (let at = node; at; at = at.parentElement, up += 1) {
          const texts = [...at.querySelectorAll('h1, h2, h3, h4, caption, legend, th, td, dt, strong, a, p, span, li')];
          if (texts.some((t) => t !== node && matches(t.textContent.trim().replace(/\s+/g, ' ')))) return up;
        }
        return Infinity;
      }, pattern)));
      const best = Math.min(...steps);
      if (best === Infinity) {
        throw new Error(`no ${role} ${describe(name)} near ${describe(near)} on ${await this.where()}; ${role}s here: ${await this.offered(role)}`);
      }
      return candidates[steps.indexOf(best)];
    }
    if (!candidates.length) {
      throw new Error(`no ${role} ${describe(name)}${hrefPattern ? ` to ${hrefPattern}` : ''} on ${await this.where()}; ${role}s here: ${await this.offered(role)}`);
    }
    return last ? candidates[candidates.length - 1] : candidates[0];
  }

  async clickAndWait(el, what) {
    const from = await this.where();
    await Promise.all([this.page.waitForNavigation({ timeout: WAIT_MS }), el.click()]).catch((error) => {
      throw new Error(`${what} on ${from} did not lead to a page: ${String(error.message).split('\n')[0]}`);
    });
    await this.checkStatus(`${what} on ${from}`);
  }

  async link(name, options = {}) {
    const el = await this.find('link', name, options);
    await this.clickAndWait(el, `clicking link ${describe(name)}`);
  }

  async linkIfPresent(name) {
    if (await this.page.getByRole('link', { name }).count()) await this.link(name);
  }

  async button(name, options = {}) {
    const el = await this.find('button', name, options);
    await this.clickAndWait(el, `clicking button ${describe(name)}`);
  }

  /// The button named `name` in the part of the page that shows `text`.
  async buttonNear(text, name) {
    await this.button(name, { near: text });
  }

  async field(label, { last = false } = {}) {
    const all = this.page.getByLabel(label);
    const count = await all.count();
    if (!count) {
      const labels = await this.page.locator('label').evaluateAll((els) => els.map((e) => e.textContent.trim().replace(/\s+/g, ' ')));
      throw new Error(`no field labelled ${describe(label)} on ${await this.where()}; labels here: ${labels.slice(0, 40).map((l) => `“${l}”`).join(', ')}`);
    }
    return last ? all.nth(count - 1) : all.first();
  }

  async fill(label, value, options) {
    await (await this.field(label, options)).fill(value);
  }

  async check(label, options) {
    await (await this.field(label, options)).check();
  }

  async select(label, index, options) {
    await (await this.field(label, options)).selectOption({ index });
  }

  /// Chooses the option whose text matches `text` in the select labelled `label`.
  async selectByText(label, text, options) {
    const select = await this.field(label, options);
    const names = await select.locator('option').evaluateAll((els) => els.map((e) => e.textContent.trim()));
    const found = names.find((n) => (text instanceof RegExp ? text.test(n) : n.includes(text)));
    if (!found) throw new Error(`no option ${describe(text)} in ${describe(label)} on ${await this.where()}; options: ${names.map((n) => `“${n}”`).join(', ')}`);
    await select.selectOption({ label: found });
  }

  async expectText(text) {
    // Shown: a visible element (the same text may also sit in a closed `details`, e.g. the
    // translation list on a process page).
    const ok = await this.page.getByText(text).filter({ visible: true }).first().waitFor({ timeout: 5000 }).then(() => true, () => false);
    if (!ok) throw new Error(`${describe(text)} is not shown on ${await this.where()}`);
  }

  async expectHeading(name) {
    const count = await this.page.getByRole('heading', { name }).count();
    if (!count) throw new Error(`no heading ${describe(name)} on ${await this.where()}`);
  }

  async expectButton(name) {
    if (!(await this.page.getByRole('button', { name }).count())) throw new Error(`no button ${describe(name)} on ${await this.where()}`);
  }

  expectPath(pattern, when) {
    if (!pattern.test(new URL(this.page.url()).pathname)) throw new Error(`${when}: at ${this.path()}, expected ${pattern}`);
  }

  /// Clicks a download link; returns the downloaded file's path.
  async download(name, options = {}) {
    const el = await this.find('link', name, options);
    const from = await this.where();
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: WAIT_MS }), el.click()]).catch((error) => {
      throw new Error(`clicking ${describe(name)} on ${from} started no download: ${String(error.message).split('\n')[0]}`);
    });
    const failure = await download.failure();
    if (failure) throw new Error(`the download from ${describe(name)} failed: ${failure}`);
    return download.path();
  }

  async close() {
    await this.context.close();
  }
}
