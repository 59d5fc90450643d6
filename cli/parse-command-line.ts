import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-errors';
import type { CommandSpec, OptionSpec } from './command';

/** Options every command takes (before or after its words). */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  url: { type: 'string', value: 'URL', help: { 'es-MX': 'URL de la API (o NAP1325_URL; por omisión http://localhost:3000)', en: 'the API URL (or NAP1325_URL; default http://localhost:3000)' } },
  token: { type: 'string', value: 'TOKEN', help: { 'es-MX': 'token Bearer (mejor NAP1325_TOKEN: la línea de comandos queda visible en ps)', en: 'Bearer token (prefer NAP1325_TOKEN: a command line is visible in ps)' } },
  json: { type: 'boolean', help: { 'es-MX': 'imprime el JSON de la API tal cual (para scripts)', en: "print the API's JSON as it is (for scripts)" } },
  lang: { type: 'string', value: 'es-MX|en', help: { 'es-MX': 'idioma de la salida (o NAP1325_LANG; por omisión es-MX)', en: 'output language (or NAP1325_LANG; default es-MX)' } },
  timeout: { type: 'string', value: 'SECONDS', help: { 'es-MX': 'espera máxima por respuesta, en segundos (por omisión 60)', en: 'how long to wait for an answer, in seconds (default 60)' } },
  help: { type: 'boolean', short: 'h', help: { 'es-MX': 'ayuda del comando', en: "the command's help" } },
  version: { type: 'boolean', help: { 'es-MX': 'versión de nap1325', en: "nap1325's version" } },
};

/** The global options' values (each absent when not given). */
export interface GlobalValues {
  url?: string;
  token?: string;
  json: boolean;
  lang?: string;
  timeout?: string;
  help: boolean;
  version: boolean;
}

/** What the command line asks for: help (general, of a group, of a command), the version, or a command. */
export type ParsedCommandLine =
  | { kind: 'help'; words: readonly string[]; globals: GlobalValues }
  | { kind: 'version'; globals: GlobalValues }
  | { kind: 'run'; command: CommandSpec; args: string[]; values: Record<string, string | boolean | undefined>; globals: GlobalValues };

type ParseOptions = NonNullable<ParseArgsConfig['options']>;

function toParseArgs(options: Readonly<Record<string, OptionSpec>>): ParseOptions {
  return Object.fromEntries(Object.entries(options).map(([name, o]) => [name, o.short ? { type: o.type, short: o.short } : { type: o.type }]));
}

function globalsOf(values: Record<string, unknown>): GlobalValues {
  const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  return { url: str('url'), token: str('token'), json: values.json === true, lang: str('lang'), timeout: str('timeout'), help: values.help === true, version: values.version === true };
}

/**
 * The global options and the leading words of `argv`, read leniently (unknown options ignored): enough
 * to choose the language of messages and the command before the command's own options are known.
 */
export function looseGlobals(argv: readonly string[]): { globals: GlobalValues; words: string[] } {
  const { values, positionals } = parseArgs({ args: [...argv], options: toParseArgs(GLOBAL_OPTIONS), strict: false, allowPositionals: true });
  return { globals: globalsOf(values), words: positionals };
}

/** The option a parseArgs error is about (`--deadline`), from its message. */
const optionIn = (message: string) => /'(-{1,2}[^' ]+)/.exec(message)?.[1] ?? message;

/** A parseArgs refusal as the operator's usage error. */
function usageOf(err: unknown, words: readonly string[]): UsageError {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  const option = optionIn(message);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError({ 'es-MX': `opción desconocida ${option}`, en: `unknown option ${option}` }, words);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError({ 'es-MX': `la opción ${option} necesita un valor (o no lo admite)`, en: `option ${option} needs a value (or takes none)` }, words);
  }
  return new UsageError({ 'es-MX': message, en: message }, words);
}

/**
 * Reads `argv` against the commands (Node's `util.parseArgs`, strict): the command is the longest list of
 * leading words that names one (`extension decide`); its options and the global ones may come anywhere
 * after it (`--name=value` or `--name value`); its arguments must be exactly those it declares, and its
 * required options present. `help [words…]`, `--help`/`-h` and `--version` are answered without a command.
 * Throws {@link UsageError} for anything else (unknown command or option, missing argument or value).
 */
export function parseCommandLine(argv: readonly string[], commands: readonly CommandSpec[]): ParsedCommandLine {
  const { globals, words } = looseGlobals(argv);
  if (words[0] === 'help') return { kind: 'help', words: words.slice(1), globals };
  if (!words.length) return globals.version && !globals.help ? { kind: 'version', globals } : { kind: 'help', words: [], globals };

  const matching = commands.filter((c) => c.words.every((w, i) => words[i] === w)).sort((a, b) => b.words.length - a.words.length);
  const command = matching[0];
  if (!command) {
    const group = commands.filter((c) => c.words[0] === words[0]);
    if (group.length && globals.help) return { kind: 'help', words: [words[0]], globals };
    if (group.length) {
      const subcommands = group.map((c) => c.words.slice(1).join(' ')).join(', ');
      const given = words[1];
      throw new UsageError(
        given
          ? { 'es-MX': `"${words[0]} ${given}" no existe; subcomandos de ${words[0]}: ${subcommands}`, en: `no "${words[0]} ${given}"; subcommands of ${words[0]}: ${subcommands}` }
          : { 'es-MX': `"${words[0]}" necesita un subcomando: ${subcommands}`, en: `"${words[0]}" needs a subcommand: ${subcommands}` },
        [words[0]],
      );
    }
    throw new UsageError({ 'es-MX': `comando desconocido "${words[0]}"`, en: `unknown command "${words[0]}"` });
  }
  if (globals.help) return { kind: 'help', words: command.words, globals };

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...toParseArgs(GLOBAL_OPTIONS), ...toParseArgs(command.options) }, strict: true, allowPositionals: true });
  } catch (err) {
    throw usageOf(err, command.words);
  }
  if (!command.words.every((w, i) => parsed.positionals[i] === w)) {
    // An option of the command written before its words took one of them as its value.
    throw new UsageError({ 'es-MX': `escriba las opciones de ${command.words.join(' ')} después del comando`, en: `write the options of ${command.words.join(' ')} after the command` }, command.words);
  }
  const args = parsed.positionals.slice(command.words.length);
  const placeholders = command.args.join(' ');
  if (args.length < command.args.length) {
    const missing = command.args.slice(args.length).join(' ');
    throw new UsageError({ 'es-MX': `falta ${missing} (uso: nap1325 ${command.words.join(' ')} ${placeholders})`, en: `missing ${missing} (usage: nap1325 ${command.words.join(' ')} ${placeholders})` }, command.words);
  }
  if (args.length > command.args.length) {
    const extra = args.slice(command.args.length).join(' ');
    throw new UsageError({ 'es-MX': `argumento de más: ${extra}`, en: `unexpected argument: ${extra}` }, command.words);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  for (const [name, option] of Object.entries(command.options)) {
    if (option.required && values[name] === undefined) {
      const shown = option.value ? `--${name} ${option.value}` : `--${name}`;
      throw new UsageError({ 'es-MX': `falta la opción ${shown}`, en: `missing option ${shown}` }, command.words);
    }
    if (option.type === 'string' && values[name] === '') {
      throw new UsageError({ 'es-MX': `--${name} no puede estar vacía`, en: `--${name} cannot be empty` }, command.words);
    }
  }
  return { kind: 'run', command, args, values, globals: globalsOf(values) };
}
