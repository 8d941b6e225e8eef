// Reads the mails the app wrote as .eml files (the default transport: `<data dir>/mail`), so the
// gates can follow mailed links as a person would.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/// The plain-text body of a quoted-printable mail, decoded.
function decodeQuotedPrintable(text) {
  const bytes = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i += 1) {
    const hex = soft[i] === '=' ? soft.slice(i + 1, i + 3) : '';
    if (/^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/// Every mail to `to` so far, decoded, in no particular order: callers filter on content.
export function mailsTo(mailDir, to) {
  if (!existsSync(mailDir)) return [];
  return readdirSync(mailDir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => readFileSync(join(mailDir, f), 'utf8'))
    .filter((raw) => new RegExp(`^To: .*${to.replace(/[.+]/g, '\\$&')}`, 'm').test(raw))
    .map((raw) => {
      const split = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
      const body = raw.slice(split).trim();
      // Multipart mails carry the encoding in each part's headers, not the mail's.
      return /quoted-printable/i.test(raw) ? decodeQuotedPrintable(body) : body;
    });
}

/// Waits for a mail to `to` holding a link whose path starts with `prefix`; returns the path.
export async function waitForLink(mailDir, to, prefix, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  const pattern = new RegExp(`https?://[^/\\s]+(${prefix.replace(/[/.]/g, '\\$&')}[^\\s]*)`);
  while (Date.now() < until) {
    for (const body of mailsTo(mailDir, to)) {
      const found = body.match(pattern);
      if (found) return found[1];
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no mail to ${to} with a link to ${prefix} within ${timeoutMs / 1000} s`);
}
