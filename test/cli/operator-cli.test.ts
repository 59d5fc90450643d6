/**
 * The `nap1325` command line, run as a subprocess (its bin) against a running service: the real API on the
 * Temporal dev server, PostgreSQL and SMTP, with SECRETARIAT_TOKEN set. What an operator and a script see:
 * the `--json` answers (parsed), the tables, the one-line errors and the exit codes.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { createBusinessCalendar } from '../../domain/business-calendar';
import { eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { closedPort, runCliProcess, type CliRun } from '../support/cli-process';
import { linkIn } from '../support/reporting-scenarios';
import { createDevServerEnv } from '../support/temporal';

const token = 'secretariat-token-cli-0123456789';
const zone = 'America/Mexico_City';
const deadline = DateTime.now().setZone(zone).plus({ days: 40 }).toISODate()!;
const YEAR = Number(deadline.slice(0, 4));
/** A business day at least `days` after the cycle's deadline (so the API keeps it as given). */
const later = (days: number) => createBusinessCalendar({ zone }).businessDayOnOrAfter(DateTime.fromISO(deadline, { zone }).plus({ days }).toISODate()!);

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  quietRuntime();
  env = await createDevServerEnv();
  h = await startHarness({ env, secretariatToken: token });
  h.startWorker();
}, 180_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

/** `nap1325 …` against the harness's API, as the secretariat unless `as` names another token. */
const cli = (args: string[], { as = token, extraEnv = {} }: { as?: string; extraEnv?: Record<string, string> } = {}) =>
  runCliProcess(args, { env: { NAP1325_URL: h.baseUrl, NAP1325_TOKEN: as, ...extraEnv } });

/** A failure as scripts see it: this exit status, nothing on stdout, exactly one `error: …` line on stderr. */
function expectOneLineError(run: CliRun, code: number): string {
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code, stderr: expect.stringMatching(/^error: [^\n]+\n$/) });
  expect(run.errorLines).toHaveLength(1);
  return run.errorLines[0];
}

const json = (run: CliRun) => {
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(run.stdout) as any;
};

describe('a cycle through the command line', () => {
  it('opens a cycle (--json parsed) and shows its status as an aligned table and as JSON', async () => {
    const opened = json(await cli(['cycle', 'open', String(YEAR), '--deadline', deadline, '--institutions', 'semar,SRE,CECOPAM', '--json']));
    expect(opened).toMatchObject({ year: YEAR, workflowId: `cycle/${YEAR}`, status: 'OPENING' });

    const status = await eventually(
      async () => {
        const s = json(await cli(['status', String(YEAR), '--json']));
        return s.requests?.length === 3 && s.requests.every((r: any) => r.nextAction) ? s : undefined;
      },
      { what: 'three requests with their first reminder scheduled', timeoutMs: 60_000 },
    );
    expect(status.requests.map((r: any) => r.institution)).toEqual(['CECOPAM', 'SEMAR', 'SRE']);
    expect(status.counts).toEqual({ REQUESTED: 3 });

    const table = await cli(['status', String(YEAR)]);
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toBe(`Ciclo ${YEAR} · OPEN · fecha límite ${opened.deadline} · abierto ${lines[0].split(' abierto ')[1]}`);
    expect(lines[1]).toBe('3 solicitudes: REQUESTED 3');
    const header = lines.findIndex((l) => l.startsWith('Institución'));
    expect(lines[header]).toMatch(/^Institución +Estado +Fecha límite +Escalamiento +Próxima acción +Atención$/);
    const rows = lines.slice(header + 2).filter(Boolean);
    expect(rows.map((r) => r.split(/ +/)[0])).toEqual(['CECOPAM', 'SEMAR', 'SRE']);
    // Aligned: every row's status starts under "Estado", its deadline under "Fecha límite".
    for (const row of rows) {
      expect(row.indexOf('REQUESTED')).toBe(lines[header].indexOf('Estado'));
      expect(row.indexOf(opened.deadline)).toBe(lines[header].indexOf('Fecha límite'));
      expect(row).toMatch(/[A-Z_]+ \d{4}-\d{2}-\d{2} \d{2}:\d{2} +—$/);
    }

    const english = await cli(['status', String(YEAR), '--lang', 'en', '--limit', '1', '--offset', '1']);
    expect(english.stdout).toMatch(/^Institution +Status +Deadline +Escalation +Next action +Attention$/m);
    expect(english.stdout).toMatch(/^SEMAR +REQUESTED/m);
    expect(english.stdout).toContain('Rows 2–2 of 3 (--offset, --limit)');
    expect(json(await cli(['status', String(YEAR), '--status', 'submitted', '--json'])).requests).toEqual([]);
  });

  it('exempts an institution', async () => {
    const run = await cli(['exempt', String(YEAR), 'CECOPAM', '--reason', 'Sin indicadores a su cargo este año']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(new RegExp(`^Institución exenta — CECOPAM ${YEAR}: estado EXEMPTED · fecha límite \\d{4}-\\d{2}-\\d{2}\\n$`));
    const detail = json(await cli(['request', String(YEAR), 'CECOPAM', '--json']));
    expect(detail.status).toBe('EXEMPTED');
    expect(detail.audit.map((a: any) => a.action)).toContain('EXEMPTED');
    // Exempting it again is refused by the workflow: exit 1, one line.
    expect(expectOneLineError(await cli(['exempt', String(YEAR), 'CECOPAM', '--reason', 'otra vez']), 1)).toMatch(/\(\w+, HTTP 409\)$/);
  });

  it('decides an extension a contact asked for through the JSON API, and grants one directly', async () => {
    const [request] = await h.smtp.waitFor((m) => (m.parsed.subject ?? '').includes(`solicitud de información a SEMAR`), { timeoutMs: 60_000 });
    const asked = later(10);
    const res = await fetch(linkIn(request.parsed.text).replace('?token=', '/extension?token='), {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ deadline: asked, reason: 'Cambio de titular de la unidad' }),
    });
    expect(res.status).toBe(200);

    const detail = await cli(['request', String(YEAR), 'SEMAR']);
    expect(detail.code).toBe(0);
    expect(detail.stdout).toMatch(new RegExp(`^  Prórroga pedida: +${asked} — Cambio de titular de la unidad \\(`, 'm'));

    const decided = json(await cli(['extension', 'decide', String(YEAR), 'SEMAR', '--approve', '--note', 'De acuerdo', '--json']));
    expect(DateTime.fromISO(decided.deadlineAt, { zone }).toISODate()).toBe(asked);
    // Nothing pending any more: the API refuses (exit 1), in one line.
    expectOneLineError(await cli(['extension', 'decide', String(YEAR), 'SEMAR', '--reject']), 1);
    // Neither --approve nor --reject: a usage error, nothing sent.
    expect(expectOneLineError(await cli(['extension', 'decide', String(YEAR), 'SEMAR']), 2)).toContain('--approve o --reject');

    const granted = await cli(['extension', 'grant', String(YEAR), 'SRE', '--deadline', later(15), '--reason', 'Sismo', '--lang', 'en']);
    expect(granted.stdout).toBe(`Extension granted — SRE ${YEAR}: status REQUESTED · deadline ${later(15)}\n`);
  });

  it('closes the cycle; closing an unknown cycle is refused with exit 1 and one line', async () => {
    const refused = await cli(['cycle', 'close', '2099', '--reason', 'no existe']);
    expect(expectOneLineError(refused, 1)).toBe('error: No hay ciclo de reporte 2099. (NOT_FOUND, HTTP 404)');

    const closed = await cli(['cycle', 'close', String(YEAR), '--reason', 'Cierre anticipado por acuerdo del Grupo']);
    expect(closed).toMatchObject({ code: 0, stdout: `Ciclo ${YEAR}: cierre en curso; las solicitudes abiertas se están cerrando.\n` });
    await eventually(async () => {
      const s = json(await cli(['status', String(YEAR), '--json']));
      return s.status === 'CLOSED' && s.counts.CLOSED === 2 ? s : undefined;
    });
  });

  it('tails the real audit log of the cycle (GET /api/audit): filtered by cycle, institution and action', async () => {
    const page = json(await cli(['audit', 'tail', '--cycle', String(YEAR), '--limit', '200', '--json']));
    const events = page.events;
    const actions: string[] = events.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['CYCLE_OPENED', 'EXEMPTED', 'EXTENSION_APPROVED', 'EXTENSION_GRANTED']));
    expect(events.every((e: { year: number | null }) => e.year === YEAR)).toBe(true);
    const ats = events.map((e: { at: string }) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const semar = json(await cli(['audit', 'tail', '--cycle', String(YEAR), '--institution', 'semar', '--action', 'extension_approved', '--json']));
    expect(semar.events).toEqual([expect.objectContaining({ institution: 'SEMAR', action: 'EXTENSION_APPROVED', workflowId: `request/${YEAR}/SEMAR` })]);
  });
});

describe('tokens, users and holidays', () => {
  it('creates a token, acts with it as its role allows, revokes it: then exit 4', async () => {
    const created = json(await cli(['token', 'create', 'cli-reader', '--role', 'working-group', '--json']));
    expect(created).toMatchObject({ name: 'cli-reader', role: 'WORKING_GROUP', revokedAt: null });
    expect(created.token).toMatch(/^nap1325_/);

    expect(json(await cli(['holiday', 'list', String(YEAR), '--json'], { as: created.token })).year).toBe(YEAR);
    // The working group reads but may not act: 403, exit 4.
    expect(expectOneLineError(await cli(['holiday', 'add', `${YEAR + 1}-06-15`, '--name-es', 'x', '--name-en', 'x'], { as: created.token }), 4)).toMatch(/\(ROLE, HTTP 403\)$/);

    const list = await cli(['token', 'list']);
    expect(list.stdout).toMatch(new RegExp(`^${created.id} +cli-reader +WORKING_GROUP +${created.prefix} +secretariat-token `, 'm'));

    const human = await cli(['token', 'create', 'cli-bot', '--role', 'SECRETARIAT']);
    const [said, secret] = human.stdout.trimEnd().split('\n');
    expect(said).toMatch(/^Token creado: cli-bot \(SECRETARIAT\), id \w+\. Guárdelo ahora: no se volverá a mostrar\.$/);
    expect(secret).toMatch(/^nap1325_[\w-]{43}$/);

    const revoked = await cli(['token', 'revoke', created.id]);
    expect(revoked.stdout).toMatch(/^Token revocado: cli-reader \(nap1325_\S+…\), desde \d{4}-\d{2}-\d{2} \d{2}:\d{2}\.\n$/);
    expect(expectOneLineError(await cli(['holiday', 'list', String(YEAR)], { as: created.token }), 4)).toBe('error: The token is not valid (unknown or revoked). (TOKEN_INVALID, HTTP 403)');
  });

  it('without a token: exit 4, with a hint; --json also prints the problem document', async () => {
    const run = await cli(['token', 'list', '--json'], { as: '' });
    expect(run.code).toBe(4);
    expect(run.errorLines).toEqual([expect.stringMatching(/\(NOT_SIGNED_IN, HTTP 401\) — defina NAP1325_TOKEN o use --token$/)]);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 401, code: 'NOT_SIGNED_IN' });
  });

  it('adds, lists and deactivates a user', async () => {
    const added = json(await cli(['user', 'add', 'Ana.Lopez@Example.org', '--name', 'Ana López', '--role', 'WORKING_GROUP', '--json']));
    expect(added).toMatchObject({ email: 'ana.lopez@example.org', name: 'Ana López', role: 'WORKING_GROUP', active: true });

    const list = await cli(['user', 'list']);
    expect(list.stdout).toMatch(/^Id +Correo +Nombre +Rol +Activo +Último ingreso$/m);
    expect(list.stdout).toMatch(new RegExp(`^${added.id} +ana\\.lopez@example\\.org +Ana López +WORKING_GROUP +sí +—$`, 'm'));

    expect((await cli(['user', 'deactivate', added.id])).stdout).toBe('Usuario desactivado: ana.lopez@example.org; sus sesiones terminaron.\n');
    const after = json(await cli(['user', 'list', '--json']));
    expect(after.users.find((u: any) => u.id === added.id).active).toBe(false);

    const invalid = expectOneLineError(await cli(['user', 'add', 'not-an-email', '--name', 'X', '--role', 'SECRETARIAT']), 1);
    expect(invalid).toMatch(/^error: .+\(VALIDATION, HTTP 400\)/);
    expect(invalid).toContain('email');
  });

  it('adds a rest day and lists the year\'s', async () => {
    // Mid-July: never a statutory rest day (LFT art. 74 has none in June–August).
    const day = `${YEAR + 1}-07-17`;
    const added = await cli(['holiday', 'add', day, '--name-es', 'Día de prueba', '--name-en', 'Test day']);
    expect(added.stdout).toBe(`Día inhábil agregado: ${day} (Día de prueba).\n`);
    expect((await cli(['holiday', 'add', day, '--name-es', 'Día de prueba', '--name-en', 'Test day'])).stdout).toMatch(/^Ya era día inhábil/);
    const list = await cli(['holiday', 'list', String(YEAR + 1), '--lang', 'en']);
    expect(list.stdout).toMatch(new RegExp(`^${day} +\\w{3} +Test day +added by secretariat-token$`, 'm'));
    expect(list.stdout).toMatch(new RegExp(`^${YEAR + 1}-12-25 +\\w{3} +.+statutory \\(LFT art\\. 74\\)$`, 'm'));
    expect(expectOneLineError(await cli(['holiday', 'add', `${YEAR + 1}-12-25`, '--name-es', 'x', '--name-en', 'x']), 1)).toMatch(/\(CONFLICT, HTTP 409\)$/);
  });
});

describe('errors a script can test', () => {
  it('a bad argument: exit 2 and one line, nothing sent', async () => {
    expect(expectOneLineError(await cli(['cycle', 'open', '20x6', '--deadline', deadline]), 2)).toBe(
      'error: el año debe escribirse con cuatro dígitos (se recibió "20x6") (USAGE; vea nap1325 cycle open --help)',
    );
    expect(expectOneLineError(await cli(['status', String(YEAR), '--limt', '3', '--lang', 'en']), 2)).toBe('error: unknown option --limt (USAGE; see nap1325 status --help)');
    expectOneLineError(await cli(['cycle', 'open', String(YEAR)]), 2);
    expectOneLineError(await cli(['extension', 'grant', String(YEAR), 'SRE', '--deadline', `${YEAR}-02-30`, '--reason', 'x']), 2);
    expectOneLineError(await cli(['nonsense']), 2);
  });

  it('a validation refusal names the failing field: exit 1', async () => {
    const past = DateTime.now().setZone(zone).minus({ days: 3 }).toISODate()!;
    const run = await cli(['cycle', 'open', String(YEAR + 1), '--deadline', past, '--lang', 'en']);
    expect(expectOneLineError(run, 1)).toMatch(/^error: deadline .+ \(VALIDATION, HTTP 400\) — deadline: /);
  });

  it('an unreachable server: exit 3 and one line', async () => {
    const port = await closedPort();
    const run = await runCliProcess(['status', String(YEAR), '--url', `http://127.0.0.1:${port}`, '--lang', 'en']);
    expect(expectOneLineError(run, 3)).toBe(`error: cannot reach http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port} (ECONNREFUSED)`);
  });

  it('help and version answer without a server', async () => {
    const help = await runCliProcess(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('nap1325 extension decide <year> <code>');
    expect(help.stdout).toMatch(/^ {2}4 {2}sin autenticación o sin permiso/m);
    const one = await runCliProcess(['extension', 'decide', '--help', '--lang', 'en']);
    expect(one.stdout.split('\n')[0]).toBe('Usage: nap1325 extension decide <year> <code> [--approve] [--reject] [--deadline yyyy-MM-dd] [--note "…"] [--by NAME]');
    expect((await runCliProcess(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
