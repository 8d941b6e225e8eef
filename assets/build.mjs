#!/usr/bin/env node
// Writes utrecht.css: the NL Design System component CSS Inspraak uses (from
// @utrecht/component-library-css's packages) and, from @utrecht/design-tokens, only the tokens
// those components (and inspraak.css) read. The full bundle plus every token is ~500 KB; this is a
// fraction of that. Run through build.sh (npm ci first); the output is committed, so building the
// app needs no Node.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

// The components the views use (class names `utrecht-<name>…`), in cascade order: page shell
// first, then text, then controls, so a later, more specific component wins over an earlier one.
const COMPONENTS = [
  'document', 'page-header', 'page-body', 'page-footer', 'skip-link', 'nav-bar', 'nav-list',
  'breadcrumb-nav', 'heading-1', 'heading-2', 'heading-3', 'heading-4', 'paragraph', 'link',
  'unordered-list', 'ordered-list', 'blockquote', 'separator', 'alert', 'status-badge', 'table',
  'form-fieldset', 'form-field', 'form-label', 'form-field-description',
  'form-field-error-message', 'textbox', 'textarea', 'select', 'checkbox', 'radio-button',
  'button', 'button-link', 'link-button', 'button-group',
];

const version = (pkg) => JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), 'utf8')).version;
const read = (pkg, file) => readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), file), 'utf8');

/// Comments out, whitespace collapsed: the CSS is served as is (no build step in the app).
function minify(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}

const components = COMPONENTS.map((name) => {
  const pkg = `@utrecht/${name}-css`;
  return { pkg, version: version(pkg), css: minify(read(pkg, 'dist/index.css')) };
});

// Tokens: `--name: value;` lines of theme.css (all inside `.utrecht-theme { … }`). Keep those
// named by a `var(--…)` in the components or in inspraak.css, and those they name, to a fixed point.
const theme = read('@utrecht/design-tokens', 'dist/theme.css');
const tokens = new Map();
for (const m of theme.matchAll(/^\s*(--[\w-]+):\s*(.*?);\s*(?:\/\*.*\*\/)?\s*$/gm)) tokens.set(m[1], m[2]);
const uses = (css) => [...css.matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1]);
const wanted = new Set();
const queue = [...components.flatMap((c) => uses(c.css)), ...uses(readFileSync(join(here, 'inspraak.css'), 'utf8'))];
while (queue.length) {
  const name = queue.pop();
  if (wanted.has(name) || !tokens.has(name)) continue;
  wanted.add(name);
  queue.push(...uses(tokens.get(name)));
}
const kept = [...tokens].filter(([name]) => wanted.has(name)).sort(([a], [b]) => a.localeCompare(b));

const header = `/* NL Design System components and design tokens, built by assets/build.mjs; do not edit.
 * @utrecht/component-library-css ${version('@utrecht/component-library-css')} and @utrecht/design-tokens ${version('@utrecht/design-tokens')},
 * EUPL-1.2, Copyright (c) 2020-2024 Frameless B.V., Copyright (c) 2021-2024 Gemeente Utrecht.
 * ${components.map((c) => `${c.pkg.slice(9)} ${c.version}`).join(', ')}
 * ${kept.length} of ${tokens.size} tokens (those the components and inspraak.css read). */
`;
const out = `${header}.utrecht-theme{${kept.map(([n, v]) => `${n}:${v}`).join(';')}}\n${components.map((c) => c.css).join('\n')}\n`;
writeFileSync(join(here, 'utrecht.css'), out);
console.log(`utrecht.css: ${components.length} components, ${kept.length} tokens, ${Math.round(out.length / 1024)} KB`);
