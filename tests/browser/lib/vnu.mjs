// The Nu Html Checker (vnu.jar from the vnu-jar package) on the machine's Java, once for all pages.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const run = promisify(execFile);

/// Validates files; returns a map from each file's absolute path to its errors and warnings.
/// Messages about anything else (the checker itself failing) come back under their own key.
export async function validate(files, { css = false } = {}) {
  const jar = String(require('vnu-jar'));
  const args = ['-Xss4m', '-jar', jar, '--format', 'json', '--stdout', '--exit-zero-always'];
  if (css) args.push('--css');
  const paths = files.map((f) => resolve(f));
  const { stdout } = await run('java', [...args, ...paths], { maxBuffer: 64 * 1024 * 1024 });
  const result = new Map(paths.map((p) => [p, { errors: [], warnings: [] }]));
  for (const m of JSON.parse(stdout).messages) {
    // vnu writes file:/path; Node writes file:///path.
    let key = m.url ?? '(vnu)';
    try { key = fileURLToPath(new URL(m.url)); } catch { /* not a file URL */ }
    if (!result.has(key)) result.set(key, { errors: [], warnings: [] });
    const entry = result.get(key);
    const line = `line ${m.lastLine ?? '?'}: ${m.message}${m.extract ? ` — ${JSON.stringify(m.extract.trim())}` : ''}`;
    if (m.type === 'error' || m.type === 'non-document-error') entry.errors.push(line);
    else if (m.subType === 'warning') entry.warnings.push(line);
  }
  return result;
}
