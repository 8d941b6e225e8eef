// The checks run on every page state: axe-core, layout at small widths and zoom, a keyboard walk
// through every focusable element, and a static look at the HTML for anything the CSP would block.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/// axe-core with the WCAG 2.0/2.1 A and AA rules. The context bypasses the CSP to inject it.
export async function axe(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (tags) => {
    // A focused element drawn over others (the skip link) leaves contrast undecidable.
    document.activeElement?.blur();
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations', 'incomplete'],
    });
    return {
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
      })),
      // With axe's reason for the first node, so a note says why it could not decide.
      incomplete: result.incomplete.map((v) => {
        const check = v.nodes[0]?.any?.[0] ?? v.nodes[0]?.none?.[0];
        const related = check?.relatedNodes?.[0]?.target?.join(' ');
        const why = check?.message && `${check.message}${related ? `: ${related}` : ''}`;
        return `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}${why ? ` (${why})` : ''}`;
      }),
    };
  }, AXE_TAGS);
}

/// Lays the page out at `width` CSS px (optionally with all text at `textZoom` times its size)
/// and reports horizontal scrolling, where it starts, and text cut off by `overflow: hidden`.
/// WCAG 1.4.12: line height 1.5, paragraph spacing 2 × font size, letter spacing 0.12 and word
/// spacing 0.16 × font size must lose no content. (Added as a style element: the page checks
/// run with the CSP bypassed.)
const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;

export async function layout(page, { width, textZoom = 1, textSpacing = false }) {
  await page.setViewportSize({ width, height: 900 });
  const result = await page.evaluate(({ width, textZoom, spacing }) => {
    const root = document.documentElement;
    const before = root.style.fontSize;
    root.style.fontSize = `${textZoom * 100}%`;
    let spacingStyle = null;
    if (spacing) {
      spacingStyle = document.createElement('style');
      spacingStyle.textContent = spacing;
      document.head.appendChild(spacingStyle);
    }
    const describe = (el) => {
      const classes = typeof el.className === 'string' && el.className.trim()
        ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes}`;
    };
    const exempt = (el) => el.closest('.visually-hidden, .utrecht-skip-link, .honeypot');
    // Content inside its own scrolling box (a data table) is allowed to be wider (WCAG 1.4.10).
    const inScroller = (el) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll') return true;
      }
      return false;
    };
    const scrollWidth = root.scrollWidth;
    const wide = [];
    const clipped = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (exempt(el)) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const rect = el.getBoundingClientRect();
      const parentRight = el.parentElement ? el.parentElement.getBoundingClientRect().right : 0;
      if (rect.right > width + 0.5 && parentRight <= width + 0.5 && !inScroller(el)) {
        wide.push(`${describe(el)} reaches ${Math.round(rect.right)}px`);
      }
      const hides = (o) => o === 'hidden' || o === 'clip';
      if ((hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1)
        || (hides(style.overflowY) && el.scrollHeight > el.clientHeight + 1)) {
        if (el.textContent.trim()) clipped.push(describe(el));
      }
    }
    root.style.fontSize = before;
    spacingStyle?.remove();
    return { scrollWidth, wide: wide.slice(0, 5), clipped: clipped.slice(0, 5) };
  }, { width, textZoom, spacing: textSpacing ? TEXT_SPACING : null });
  await page.setViewportSize({ width: 1280, height: 900 });
  return result;
}

/// What the focused element looks like: null when nothing (or the body) has focus.
export async function focusState(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const path = [];
    for (let n = el; n && n.parentElement; n = n.parentElement) {
      path.unshift(`${n.tagName}:${Array.prototype.indexOf.call(n.parentElement.children, n)}`);
    }
    const s = getComputedStyle(el);
    const transparent = (c) => c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && !transparent(s.outlineColor);
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    const r = el.getBoundingClientRect();
    const inView = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0
      && r.top < window.innerHeight && r.left < window.innerWidth;
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40);
    const id = el.id ? `#${el.id}` : '';
    return {
      path: path.join('/'),
      what: `${el.tagName.toLowerCase()}${id}${text ? ` "${text}"` : ''}`,
      visible: outline || shadow,
      inView,
    };
  });
}

/// Presses Tab until focus comes back round to where it started and checks that every stop shows
/// its focus and is on screen. Returns the number of stops and the problems.
export async function focusWalk(page, maxPresses = 400) {
  const seen = new Set();
  const problems = [];
  let emptyInARow = 0;
  let previous = null;
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press('Tab');
    const state = await focusState(page);
    if (!state) {
      previous = null;
      emptyInARow += 1;
      if (emptyInARow > 2) return { stops: seen.size, problems: seen.size ? problems : ['nothing on the page takes keyboard focus'] };
      continue;
    }
    emptyInARow = 0;
    // A date input takes several Tab stops (day, month, year, picker) on one element.
    if (state.path === previous) continue;
    if (seen.has(state.path)) return { stops: seen.size, problems };
    previous = state.path;
    seen.add(state.path);
    if (!state.visible) problems.push(`no visible focus on ${state.what}`);
    if (!state.inView) problems.push(`focused element is off screen: ${state.what}`);
  }
  problems.push(`Tab did not come round in ${maxPresses} presses (a keyboard trap?)`);
  return { stops: seen.size, problems };
}

/// Anything in the HTML that the Content-Security-Policy (no inline script or style) would block.
export function inlineCode(html) {
  const found = [];
  const patterns = [
    [/<[a-z][^<>]*\sstyle\s*=/i, 'a style attribute'],
    [/<style[\s>]/i, 'a <style> element'],
    [/<script(?![^>]*\ssrc=)[^>]*>/i, 'an inline <script>'],
    [/<[a-z][^<>]*\son[a-z]+\s*=/i, 'an inline event handler (on…=)'],
    [/href\s*=\s*"\s*javascript:/i, 'a javascript: link'],
  ];
  for (const [pattern, what] of patterns) if (pattern.test(html)) found.push(what);
  return found;
}
