// Before trusting a green run: each gate must find the faults planted in a known-bad page. A gate
// that sees nothing here is broken (wrong axe tags, validator not running, …), and the run stops.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { axe, focusWalk, inlineCode, layout } from './checks.mjs';
import { validate } from './vnu.mjs';

const BAD_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Self-test</title></head>
<body>
<p><img src="/missing.png"></p>
<div style="width: 900px">Too wide for a phone.</div>
<p><a href="#x" style="outline: none; box-shadow: none">Focus without a ring</a></p>
<p>Stray end tag follows.</span></p>
<div style="height: 3.5em; overflow: hidden"><p style="margin: 0">One.</p><p style="margin: 0">Two.</p></div>
</body></html>`;

export async function selfTest(browser, dir) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  await page.route('http://selftest.invalid/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: BAD_PAGE }));
  await page.goto('http://selftest.invalid/');
  const missed = [];
  if (!inlineCode(BAD_PAGE).includes('a style attribute')) missed.push('inline style');
  if ((await layout(page, { width: 320 })).scrollWidth <= 320) missed.push('a page wider than 320px');
  // The planted box fits its line at the page's own spacing and overflows at WCAG's.
  if ((await layout(page, { width: 1280 })).clipped.length) missed.push('(self-test page is wrong: text cut off at normal spacing)');
  if (!(await layout(page, { width: 1280, textSpacing: true })).clipped.length) missed.push('text cut off at WCAG text spacing');
  const walk = await focusWalk(page);
  if (!walk.problems.some((p) => p.startsWith('no visible focus'))) missed.push('an invisible focus');
  const ids = (await axe(page)).violations.map((v) => v.id);
  for (const id of ['image-alt', 'html-has-lang']) if (!ids.includes(id)) missed.push(`axe ${id}`);
  await context.close();
  const file = join(dir, 'selftest.html');
  writeFileSync(file, BAD_PAGE);
  const { errors } = (await validate([file])).get(file);
  if (!errors.length) missed.push('invalid HTML');
  const css = join(dir, 'selftest.css');
  writeFileSync(css, 'a { colr: red; }\n');
  if (!(await validate([css], { css: true })).get(css).errors.length) missed.push('invalid CSS');
  if (missed.length) throw new Error(`self-test: the gates did not notice ${missed.join(', ')}`);
}
