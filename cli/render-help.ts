import type { Locale } from '../domain/input-bounds';
import { UsageError } from './cli-errors';
import { say, type CommandSpec, type OptionSpec, type Text } from './command';
import { GLOBAL_OPTIONS } from './parse-command-line';
import { renderTable } from './render-table';

const T = {
  tagline: { 'es-MX': 'línea de comandos del secretariado: habla con la API HTTP del servicio (también remota)', en: "the secretariat's command line: talks to the service's HTTP API (remote too)" },
  usage: { 'es-MX': 'Uso', en: 'Usage' },
  synopsis: { 'es-MX': 'nap1325 <comando> [argumentos] [--opciones]', en: 'nap1325 <command> [arguments] [--options]' },
  commands: { 'es-MX': 'Comandos', en: 'Commands' },
  options: { 'es-MX': 'Opciones', en: 'Options' },
  globalOptions: { 'es-MX': 'Opciones globales (cualquier comando)', en: 'Global options (any command)' },
  required: { 'es-MX': '(obligatoria)', en: '(required)' },
  calls: { 'es-MX': 'Llama a', en: 'Calls' },
  examples: { 'es-MX': 'Ejemplos', en: 'Examples' },
  environment: { 'es-MX': 'Entorno', en: 'Environment' },
  env: {
    'es-MX': 'NAP1325_URL (URL de la API), NAP1325_TOKEN (token Bearer), NAP1325_LANG (es-MX o en)',
    en: 'NAP1325_URL (the API URL), NAP1325_TOKEN (Bearer token), NAP1325_LANG (es-MX or en)',
  },
  exitCodes: { 'es-MX': 'Códigos de salida', en: 'Exit codes' },
  exits: {
    'es-MX': [
      '0  hecho',
      '1  la API rechazó el comando (4xx: no existe, conflicto, datos no válidos…)',
      '2  error de uso: argumentos u opciones no válidos (no se envió nada)',
      '3  no se pudo contactar el servidor, no respondió a tiempo, o falló (5xx)',
      '4  sin autenticación o sin permiso (401/403: sin token, token revocado, rol de solo lectura)',
      '70 falla de la propia línea de comandos',
    ].join('\n  '),
    en: [
      '0  done',
      '1  the API refused the command (4xx: not found, conflict, invalid data…)',
      '2  usage error: bad arguments or options (nothing was sent)',
      '3  the server could not be reached, did not answer in time, or failed (5xx)',
      '4  not authenticated or not allowed (401/403: no token, revoked token, read-only role)',
      '70 a fault of the command line itself',
    ].join('\n  '),
  },
  more: { 'es-MX': 'Ayuda de un comando: nap1325 <comando> --help  ·  nap1325 help <comando>', en: "A command's help: nap1325 <command> --help  ·  nap1325 help <command>" },
} satisfies Record<string, Text>;

/** `--deadline yyyy-MM-dd`, or `--approve`. */
const optionWord = (name: string, o: OptionSpec) => `--${name}${o.value ? ` ${o.value}` : ''}`;

/** `nap1325 cycle open <year> --deadline yyyy-MM-dd [--institutions A,B] …`: required options bare, others bracketed. */
export function usageLine(command: CommandSpec): string {
  const options = Object.entries(command.options).map(([name, o]) => (o.required ? optionWord(name, o) : `[${optionWord(name, o)}]`));
  return ['nap1325', ...command.words, ...command.args, ...options].join(' ');
}

function optionRows(options: Readonly<Record<string, OptionSpec>>, lang: Locale): string[] {
  return renderTable({
    rows: Object.entries(options).map(([name, o]) => [`${o.short ? `-${o.short}, ` : ''}${optionWord(name, o)}`, `${say(lang, o.help)}${o.required ? ` ${say(lang, T.required)}` : ''}`]),
  }).map((l) => `  ${l}`);
}

function commandHelp(command: CommandSpec, lang: Locale): string {
  return [
    `${say(lang, T.usage)}: ${usageLine(command)}`,
    '',
    say(lang, command.summary),
    `${say(lang, T.calls)}: ${command.route}`,
    ...(Object.keys(command.options).length ? ['', `${say(lang, T.options)}:`, ...optionRows(command.options, lang)] : []),
    '',
    `${say(lang, T.globalOptions)}:`,
    ...optionRows(GLOBAL_OPTIONS, lang),
    ...(command.examples?.length ? ['', `${say(lang, T.examples)}:`, ...command.examples.map((e) => `  ${e}`)] : []),
  ].join('\n');
}

function commandList(commands: readonly CommandSpec[], lang: Locale): string[] {
  return renderTable({ rows: commands.map((c) => [['nap1325', ...c.words, ...c.args].join(' '), say(lang, c.summary)]) }).map((l) => `  ${l}`);
}

/**
 * The help `nap1325 help [words…]` prints: with no words, every command, the global options, the
 * environment and the exit codes; with a group's word (`extension`), its commands; with a command's
 * words, its usage, what it calls, its options and examples. Unknown words are a {@link UsageError}.
 */
export function renderHelp({ words, commands, lang, version }: { words: readonly string[]; commands: readonly CommandSpec[]; lang: Locale; version: string }): string {
  if (!words.length) {
    return [
      `nap1325 ${version} — ${say(lang, T.tagline)}`,
      '',
      `${say(lang, T.usage)}: ${say(lang, T.synopsis)}`,
      '',
      `${say(lang, T.commands)}:`,
      ...commandList(commands, lang),
      '',
      `${say(lang, T.globalOptions)}:`,
      ...optionRows(GLOBAL_OPTIONS, lang),
      '',
      `${say(lang, T.environment)}: ${say(lang, T.env)}`,
      '',
      `${say(lang, T.exitCodes)}:`,
      `  ${say(lang, T.exits)}`,
      '',
      say(lang, T.more),
    ].join('\n');
  }
  const exact = commands.find((c) => c.words.length === words.length && c.words.every((w, i) => w === words[i]));
  if (exact) return commandHelp(exact, lang);
  const group = commands.filter((c) => c.words[0] === words[0] && c.words.length > 1);
  if (group.length && words.length === 1) return [`${say(lang, T.commands)}:`, ...commandList(group, lang), '', say(lang, T.more)].join('\n');
  throw new UsageError({ 'es-MX': `no hay ayuda para "${words.join(' ')}": no es un comando`, en: `no help for "${words.join(' ')}": not a command` });
}
