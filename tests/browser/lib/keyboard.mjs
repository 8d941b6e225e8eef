// Keyboard-only driving for the flows: Tab to a control, Enter or Space to use it, type text.
// Every focus stop on the way is checked for a visible focus indicator.
import { focusState } from './checks.mjs';

export class Keyboard {
  constructor(page, base, lang) {
    this.page = page;
    this.base = base;
    this.lang = lang;
    this.problems = [];
    this.lastDocument = null;
    page.on('response', (response) => {
      if (response.request().isNavigationRequest() && response.frame() === page.mainFrame()) {
        this.lastDocument = response;
      }
    });
  }

  /// Opens a page by its address (the one step that is not a key press: typing a URL).
  async open(path) {
    const glue = path.includes('?') ? '&' : '?';
    await this.page.goto(`${this.base}${path}${glue}lang=${this.lang}`);
    return this.lastDocument;
  }

  async #checkFocus() {
    const state = await focusState(this.page);
    if (state && !state.visible) this.problems.push(`no visible focus on ${state.what}`);
    if (state && !state.inView) this.problems.push(`focused element is off screen: ${state.what}`);
    return state;
  }

  /// Presses Tab until the focused element matches `selector`.
  async tabTo(selector, max = 100) {
    for (let i = 0; i < max; i += 1) {
      await this.page.keyboard.press('Tab');
      await this.#checkFocus();
      if (await this.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    }
    throw new Error(`Tab never reached ${selector} in ${max} presses`);
  }

  async type(text) {
    await this.page.keyboard.type(text);
  }

  async press(key) {
    await this.page.keyboard.press(key);
    await this.#checkFocus();
  }

  /// Presses a key that submits or follows a link, and waits for the new page.
  async submitWith(key) {
    const navigation = this.page.waitForNavigation({ waitUntil: 'load' });
    await this.page.keyboard.press(key === 'Space' ? ' ' : key);
    await navigation;
    return this.lastDocument;
  }

  async expectStatus(status) {
    const actual = this.lastDocument?.status();
    if (actual !== status) throw new Error(`expected HTTP ${status} at ${this.page.url()}, got ${actual}`);
  }

  async expectFocus(selector, why) {
    // Chromium moves focus to an `autofocus` element at its next rendering update, which on a
    // busy machine can come after the load event: wait for it (briefly) instead of racing it.
    const ok = await this.page
      .waitForFunction((s) => document.activeElement?.matches(s) ?? false, selector, { timeout: 3000 })
      .then(() => true, () => false);
    if (!ok) {
      const state = await focusState(this.page);
      throw new Error(`${why}: expected focus on ${selector}, it is on ${state ? state.what : 'the page itself'}`);
    }
    await this.#checkFocus();
  }

  async expectValue(selector, value) {
    const actual = await this.page.inputValue(selector);
    if (actual !== value) throw new Error(`${selector} should keep "${value}", has "${actual}"`);
  }

  async expectUrl(pattern) {
    const path = new URL(this.page.url()).pathname;
    if (!pattern.test(path)) throw new Error(`expected to be at ${pattern}, am at ${path}`);
  }
}
