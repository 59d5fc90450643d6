/**
 * The CLI's pure parts, in process: reading a command line, aligning a table, writing an error as one
 * line. (The commands themselves run as subprocesses in operator-cli.test.ts and audit-tail.test.ts.)
 */
import { ApiError, ExitCode, exitCodeOf, UnreachableError, UsageError } from '../../cli/cli-errors';
import { COMMANDS } from '../../cli/commands/all-commands';
import { formatErrorLine } from '../../cli/format-error-line';
import { formatDay, formatInstant } from '../../cli/format-instant';
import { parseCommandLine } from '../../cli/parse-command-line';
import { renderHelp, usageLine } from '../../cli/render-help';
import { renderTable } from '../../cli/render-table';

const parse = (line: string) => parseCommandLine(line.split(' '), COMMANDS);
const usage = (line: string) => {
  try {
    parse(line);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return formatErrorLine(err, 'en');
  }
  throw new Error(`"${line}" was accepted`);
};

describe('parseCommandLine', () => {
  it('finds the command by its words and takes options before or after its arguments', () => {
    const parsed = parse('--json extension decide 2026 SEMAR --approve --deadline=2027-01-15 --url http://x:1');
    expect(parsed).toMatchObject({ kind: 'run', args: ['2026', 'SEMAR'], values: { approve: true, deadline: '2027-01-15' }, globals: { json: true, url: 'http://x:1' } });
    expect(parsed.kind === 'run' && parsed.command.words).toEqual(['extension', 'decide']);
  });

  it('answers help and version without a command', () => {
    expect(parse('help extension')).toMatchObject({ kind: 'help', words: ['extension'] });
    expect(parse('status -h')).toMatchObject({ kind: 'help', words: ['status'] });
    expect(parse('token --help')).toMatchObject({ kind: 'help', words: ['token'] });
    expect(parse('--version')).toMatchObject({ kind: 'version' });
  });

  it('refuses what it cannot read, pointing at the right help', () => {
    expect(usage('cycle open 2026')).toBe('error: missing option --deadline yyyy-MM-dd (USAGE; see nap1325 cycle open --help)');
    expect(usage('cycle reopen 2026')).toBe('error: no "cycle reopen"; subcommands of cycle: open, close (USAGE; see nap1325 cycle --help)');
    expect(usage('status')).toBe('error: missing <year> (usage: nap1325 status <year>) (USAGE; see nap1325 status --help)');
    expect(usage('status 2026 --limit')).toBe('error: option --limit needs a value (or takes none) (USAGE; see nap1325 status --help)');
    expect(usage('token list --approve')).toBe('error: unknown option --approve (USAGE; see nap1325 token list --help)');
    expect(usage('exempt 2026 SRE --reason=')).toBe('error: --reason cannot be empty (USAGE; see nap1325 exempt --help)');
  });
});

it('renders aligned columns without trailing spaces, control characters made harmless', () => {
  const lines = renderTable({ headers: ['Institución', 'N', 'Nota'], rows: [['SRE', 7, 'línea\nuna'], ['MUN-09015', 12, null]], right: [1] });
  expect(lines).toEqual(['Institución   N  Nota', '-----------  --  ---------', 'SRE           7  línea una', 'MUN-09015    12  —']);
});

it('shows instants in Mexico City and plain dates as they are', () => {
  expect(formatInstant('2026-12-29T05:59:59.999Z')).toBe('2026-12-28 23:59');
  expect(formatDay('2026-12-29T05:59:59.999Z')).toBe('2026-12-28');
  expect(formatDay('2026-12-28')).toBe('2026-12-28');
  expect(formatInstant(null)).toBe('—');
});

it('writes each failure as one line and maps it to its exit code', () => {
  const refused = new ApiError(400, 'VALIDATION', 'Invalid request: deadline: must be a date written yyyy-MM-dd', { deadline: 'must be a date written yyyy-MM-dd', reason: 'is required' }, {}, true);
  expect(formatErrorLine(refused, 'en')).toBe('error: Invalid request: deadline: must be a date written yyyy-MM-dd (VALIDATION, HTTP 400) — reason: is required');
  expect(exitCodeOf(refused)).toBe(ExitCode.REFUSED);
  expect(exitCodeOf(new ApiError(409, 'CONFLICT', 'x', undefined, {}, true))).toBe(1);
  expect(exitCodeOf(new ApiError(401, 'NOT_SIGNED_IN', 'x', undefined, {}, false))).toBe(4);
  expect(exitCodeOf(new ApiError(403, 'ROLE', 'x', undefined, {}, true))).toBe(4);
  expect(exitCodeOf(new ApiError(503, 'UNAVAILABLE', 'x', undefined, {}, true))).toBe(3);
  expect(exitCodeOf(new UnreachableError('TIMEOUT', { 'es-MX': 'x', en: 'x' }))).toBe(3);
  expect(exitCodeOf(new UsageError({ 'es-MX': 'x', en: 'x' }))).toBe(2);
  expect(exitCodeOf(new TypeError('bug'))).toBe(70);
  const many = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`values[${i}].value`, 'must be a number']));
  expect(formatErrorLine(new ApiError(400, 'VALIDATION', 'Invalid request', many, {}, true), 'es-MX')).toMatch(/values\[4\]\.value: must be a number; 2 más$/);
});

it('documents every command: a usage line and help in both languages', () => {
  for (const command of COMMANDS) {
    expect(usageLine(command)).toMatch(new RegExp(`^nap1325 ${command.words.join(' ')}`));
    for (const lang of ['es-MX', 'en'] as const) expect(renderHelp({ words: command.words, commands: COMMANDS, lang, version: '0' })).toContain(command.route);
  }
});
