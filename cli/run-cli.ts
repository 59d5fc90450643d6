import type { Locale } from '../domain/input-bounds';
import { createApiClient } from './api-client';
import { ApiError, ExitCode, exitCodeOf, UsageError } from './cli-errors';
import type { CommandContext } from './command';
import { COMMANDS } from './commands/all-commands';
import { formatErrorLine } from './format-error-line';
import { looseGlobals, parseCommandLine } from './parse-command-line';
import { renderHelp } from './render-help';

/** Where the API is when neither `--url` nor `NAP1325_URL` says: `npm start`'s default. */
export const DEFAULT_URL = 'http://localhost:3000';
/** How long a request may take by default: the API waits up to 45 s for a workflow update. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** What the CLI needs from its process: the environment, its version, and where to write. */
export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  version: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** `--lang` / `NAP1325_LANG`: `es-MX` (default; `es…`) or `en` (`en…`, e.g. `en_US.UTF-8`). */
function languageOf(value: string | undefined): Locale {
  if (value === undefined || value === '') return 'es-MX';
  if (/^es([-_].*)?$/i.test(value)) return 'es-MX';
  if (/^en([-_].*)?$/i.test(value)) return 'en';
  throw new UsageError({ 'es-MX': `--lang debe ser es-MX o en (se recibió "${value}")`, en: `--lang must be es-MX or en (got "${value}")` });
}

/** `--url` / `NAP1325_URL`, checked: an http(s) URL, without query or fragment. */
function urlOf(value: string | undefined, words: readonly string[]): string {
  const raw = value || DEFAULT_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError({ 'es-MX': `--url no es una URL (se recibió "${raw}")`, en: `--url is not a URL (got "${raw}")` }, words);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) {
    throw new UsageError({ 'es-MX': `--url debe ser http:// o https://, sin consulta ni credenciales (se recibió "${raw}")`, en: `--url must be http:// or https://, without query or credentials (got "${raw}")` }, words);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** `--timeout` in seconds (a positive number) as milliseconds. */
function timeoutOf(value: string | undefined, words: readonly string[]): number {
  if (value === undefined) return DEFAULT_TIMEOUT_SECONDS * 1000;
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) {
    throw new UsageError({ 'es-MX': `--timeout debe ser un número de segundos > 0 (se recibió "${value}")`, en: `--timeout must be a number of seconds > 0 (got "${value}")` }, words);
  }
  return Math.round(Number(value) * 1000);
}

/**
 * Runs one `nap1325 …` command line and resolves to its exit status (see {@link ExitCode}); never
 * rejects. Output goes to `io.stdout` (human text, or the API's JSON with `--json`); a failure is one
 * line on `io.stderr` (see formatErrorLine) and, with `--json`, the API's problem document on stdout.
 * The URL, token and language come from the options, else `NAP1325_URL`, `NAP1325_TOKEN`, `NAP1325_LANG`.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const { globals } = looseGlobals(argv);
  let lang: Locale = 'es-MX';
  try {
    lang = languageOf(globals.lang ?? io.env.NAP1325_LANG);
    const parsed = parseCommandLine(argv, COMMANDS);
    if (parsed.kind === 'version') {
      io.stdout(`${io.version}\n`);
      return ExitCode.OK;
    }
    if (parsed.kind === 'help') {
      io.stdout(`${renderHelp({ words: parsed.words, commands: COMMANDS, lang, version: io.version })}\n`);
      return ExitCode.OK;
    }
    const { command, args, values } = parsed;
    const token = (parsed.globals.token ?? io.env.NAP1325_TOKEN)?.trim() || undefined;
    const api = createApiClient({ baseUrl: urlOf(parsed.globals.url ?? io.env.NAP1325_URL, command.words), token, lang, timeoutMs: timeoutOf(parsed.globals.timeout, command.words), userAgent: `nap1325-cli/${io.version}` });
    const ctx: CommandContext = {
      args,
      lang,
      json: parsed.globals.json,
      api,
      str: (name) => (typeof values[name] === 'string' ? (values[name] as string) : undefined),
      need: (name) => {
        const value = values[name];
        if (typeof value !== 'string') throw new UsageError({ 'es-MX': `falta la opción --${name}`, en: `missing option --${name}` }, command.words);
        return value;
      },
      flag: (name) => values[name] === true,
      print: (text = '') => io.stdout(`${text}\n`),
      printJson: (value) => io.stdout(`${JSON.stringify(value, null, 2)}\n`),
      warn: (text) => io.stderr(`${text}\n`),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    };
    try {
      await command.run(ctx);
    } catch (err) {
      // A value the command refused: point at this command's help.
      if (err instanceof UsageError && !err.command) throw new UsageError(err.text, command.words);
      throw err;
    }
    return ExitCode.OK;
  } catch (err) {
    if (globals.json && err instanceof ApiError && typeof err.body === 'object' && err.body !== null) io.stdout(`${JSON.stringify(err.body, null, 2)}\n`);
    io.stderr(`${formatErrorLine(err, lang)}\n`);
    return exitCodeOf(err);
  }
}
