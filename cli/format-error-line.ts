import type { Locale } from '../domain/input-bounds';
import { ApiError, UnreachableError, UsageError } from './cli-errors';
import { printable, shortened } from './printable';

/** At most this many failing fields are listed; the rest are counted. */
const MAX_FIELDS = 5;

/** `field: message; field: message` for the fields whose message the detail does not already say. */
function fieldList(detail: string, fields: Readonly<Record<string, string>> | undefined, lang: Locale): string {
  const entries = Object.entries(fields ?? {})
    .map(([field, message]) => `${printable(field)}: ${shortened(message, 100)}`)
    .filter((entry) => !detail.includes(entry));
  if (!entries.length) return '';
  const more = entries.length - MAX_FIELDS;
  const extra = more > 0 ? (lang === 'en' ? `; ${more} more` : `; ${more} más`) : '';
  return ` — ${entries.slice(0, MAX_FIELDS).join('; ')}${extra}`;
}

/**
 * The one line a failure prints on stderr, always starting `error: ` (scripts may match it):
 * - the API refused: `error: <detail> (<code>, HTTP <status>)`, then ` — field: message; …` for failing
 *   fields the detail does not already name (at most five), and a hint when a 401 came without a token;
 * - the command line is wrong: `error: <what> (USAGE; see nap1325 <command> --help)`;
 * - no usable answer: `error: <what happened> (<ECONNREFUSED|TIMEOUT|NOT_JSON|…>)`;
 * - anything else (a fault of the CLI): `error: <message> (INTERNAL)`.
 * Text from the server is made printable (no newline, no terminal escape).
 */
export function formatErrorLine(error: unknown, lang: Locale): string {
  if (error instanceof ApiError) {
    const detail = printable(error.detail);
    const hint =
      error.status === 401 && !error.withToken
        ? lang === 'en'
          ? ' — set NAP1325_TOKEN or pass --token'
          : ' — defina NAP1325_TOKEN o use --token'
        : '';
    return `error: ${detail} (${printable(error.code)}, HTTP ${error.status})${fieldList(detail, error.fields, lang)}${hint}`;
  }
  if (error instanceof UsageError) {
    const help = error.command?.length ? `nap1325 ${error.command.join(' ')} --help` : 'nap1325 help';
    return `error: ${printable(error.text[lang])} (USAGE; ${lang === 'en' ? 'see' : 'vea'} ${help})`;
  }
  if (error instanceof UnreachableError) return `error: ${printable(error.text[lang])} (${printable(error.reason)})`;
  const message = error instanceof Error ? error.message : String(error);
  return `error: ${printable(message)} (INTERNAL)`;
}
