/**
 * The walking skeleton end to end, on the real Temporal dev server, PostgreSQL and SMTP:
 * open a cycle → the data-request email arrives over SMTP → follow its link → submit → the workflow
 * completes → the cycle's status says submitted. Plus the refusals a contact or the secretariat can meet.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DateTime } from 'luxon';
import { signLinkToken } from '../../domain/signed-link';
import { eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { expectConsistent } from '../support/consistency';
import { answers } from '../support/reporting-scenarios';
import { createDevServerEnv } from '../support/temporal';

let env: TestWorkflowEnvironment;
let h: Harness;
const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 30 }).toISODate()!;
/** The cycle reports on the deadline's year (a deadline may fall in the reported year or up to two after). */
const year = Number(deadline.slice(0, 4));

beforeAll(async () => {
  quietRuntime();
  env = await createDevServerEnv();
  h = await startHarness({ env });
  h.startWorker();
}, 180_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

async function http(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(path.startsWith('http') ? path : `${h.baseUrl}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, type: res.headers.get('content-type') ?? '' };
}

async function primaryContact(code: string) {
  return h.prisma.contact.findFirstOrThrow({ where: { institution: { code }, role: 'PRIMARY', active: true } });
}

function linkIn(text: string): string {
  const match = text.match(/https?:\/\/127\.0\.0\.1:\d+\/respond\/\S+/);
  if (!match) throw new Error(`no response link in:\n${text}`);
  return match[0];
}

describe('open a cycle, answer by the emailed link', () => {
  let link: string;
  let indicators: { code: string; unit: string; disaggregation: string }[];

  it('refuses a malformed cycle with a 400 naming the field', async () => {
    const res = await http('POST', '/api/cycles', { year, deadline: `31/12/${year}` });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.json.detail).toMatch(/deadline/);
    const bad = await http('POST', '/api/cycles', { year, deadline, institutions: ['NOPE'] });
    expect(bad.status).toBe(400);
    expect(bad.json.detail).toMatch(/NOPE/);
  });

  it('opens the cycle: one workflow and one data-request email per institution', async () => {
    const res = await http('POST', '/api/cycles', { year, deadline, policy: { correctionWindowBusinessDays: 0 }, openedBy: 'secretariado@example.gob.mx' });
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ year, workflowId: `cycle/${year}`, statusUrl: `/api/cycles/${year}` });

    const again = await http('POST', '/api/cycles', { year, deadline });
    expect(again.status).toBe(409);

    const institutions = await h.prisma.institution.findMany({ where: { reportedIndicators: { some: {} } } });
    expect(institutions.length).toBeGreaterThanOrEqual(5);
    const requests = await h.smtp.waitFor((m) => /solicitud de información/.test(m.parsed.subject ?? ''), { count: institutions.length, timeoutMs: 60_000 });
    expect(requests).toHaveLength(institutions.length);

    const sedena = await primaryContact('SEDENA');
    const [email] = requests.filter((m) => m.envelope.to.includes(sedena.email));
    expect(email).toBeDefined();
    expect(email.parsed.subject).toContain('SEDENA');
    expect(email.parsed.text).toContain('English version below');
    expect(email.parsed.messageId).toMatch(/@nap1325\.test>$/);
    expect(email.parsed.attachments.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);
    link = linkIn(email.parsed.text ?? '');
    expect(link).toContain(`/respond/${year}/SEDENA?token=`);

    // The email is out; the record follows as soon as the workflow has scheduled its next step.
    const { status, row } = await eventually(async () => {
      const status = await http('GET', `/api/cycles/${year}`);
      const row = status.json.requests?.find((r: any) => r.institution === 'SEDENA');
      return row?.status === 'REQUESTED' && row.nextAction ? { status, row } : undefined;
    }, { what: 'SEDENA to show REQUESTED with a next action' });
    expect(status.status).toBe(200);
    expect(status.json.total).toBe(institutions.length);
    expect(row.nextAction.kind).toBe('REMINDER');
  });

  it('shows the form behind the link, with the institution\'s indicators', async () => {
    const page = await http('GET', link);
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.text).toContain('Enviar informe final');
    const json = await http('GET', link, undefined, { accept: 'application/json' });
    expect(json.status).toBe(200);
    indicators = json.json.indicators;
    expect(indicators.length).toBeGreaterThan(0);
    for (const i of indicators) expect(page.text).toContain(`<span class="code">${i.code}</span>`);
  });

  it('refuses forged, expired and other-institution links with 401/403', async () => {
    const forged = link.replace(/token=([^.]+)\.(.+)$/, (_m, body: string) => `token=${body}.AAAA${'A'.repeat(39)}`);
    expect((await http('GET', forged)).status).toBe(401);
    expect((await http('GET', link.replace(/token=.*/, 'token=garbage'))).status).toBe(401);
    expect((await http('GET', link.replace(/\?token=.*/, ''))).status).toBe(401);

    const request = await h.prisma.dataRequest.findFirstOrThrow({ where: { institution: { code: 'SEDENA' }, cycle: { year } } });
    const sedena = await primaryContact('SEDENA');
    const expired = signLinkToken({
      claims: { r: request.id, y: year, i: 'SEDENA', c: sedena.email, e: Math.floor(Date.now() / 1000) - 60 },
      secret: h.deps.config.linkSigningSecret,
    });
    const res = await http('POST', `/respond/${year}/SEDENA?token=${expired}`, { values: [], final: false });
    expect(res.status).toBe(401);
    expect(res.json.detail).toMatch(/venció/);
    expect(res.json.code).toBe('LINK_EXPIRED');

    const sreLink = linkIn(
      h.smtp.messages.find((m) => m.parsed.subject?.includes(' SRE ') || m.parsed.subject?.includes('a SRE'))?.parsed.text ?? '',
    );
    const stolen = sreLink.replace(`/respond/${year}/SRE?`, `/respond/${year}/SEDENA?`);
    const other = await http('POST', stolen, { values: [], final: false });
    expect(other.status).toBe(403);
  });

  it('refuses malformed values with a 400 naming the field, and stores nothing', async () => {
    const count = indicators.find((i) => i.unit === 'COUNT')!;
    const res = await http('POST', link, { values: [{ indicator: count.code, value: -4 }], final: false });
    expect(res.status).toBe(400);
    expect(res.json.fields['values[0].value']).toMatch(/número entero/);
    expect(res.json.errors[0]).toMatchObject({ field: 'values[0].value', code: 'NOT_A_COUNT' });
    const unknown = await http('POST', link, { values: [{ indicator: '99.z', value: 1 }], final: false });
    expect(unknown.status).toBe(400);
    expect(unknown.json.fields['values[0].indicator']).toMatch(/99\.z/);
    const wrongType = await http('POST', link, { values: 'many', final: true });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.detail).toMatch(/values/);
    const notJson = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"values": [' });
    expect(notJson.status).toBe(400);
    expect(await h.prisma.submission.count()).toBe(0);
  });

  it('takes the submission, completes the workflow, and the status says submitted', async () => {
    const sedena = await primaryContact('SEDENA');
    const body = { values: answers(indicators), narrative: 'Informe anual de SEDENA.', final: true };
    const res = await http('POST', link, body);
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ status: 'SUBMITTED', version: 1, duplicate: false, kind: 'FINAL' });

    const result = await env.client.workflow.getHandle(`request/${year}/SEDENA`).result();
    expect(result.status).toBe('SUBMITTED');

    const [receipt] = await h.smtp.waitFor((m) => /Acuse de recibo/.test(m.parsed.subject ?? '') && m.envelope.to.includes(sedena.email));
    expect(receipt.parsed.text).toContain(`${indicators[0].code}`);
    const requestEmail = h.smtp.messages.find((m) => m.envelope.to.includes(sedena.email) && /solicitud/.test(m.parsed.subject ?? ''))!;
    expect(receipt.parsed.inReplyTo).toBe(requestEmail.parsed.messageId);

    const status = await http('GET', `/api/cycles/${year}`);
    const row = status.json.requests.find((r: any) => r.institution === 'SEDENA');
    expect(row).toMatchObject({ status: 'SUBMITTED', latestVersion: 1 });
    expect(row.endedAt).not.toBeNull();
    expect(status.json.counts.SUBMITTED).toBe(1);

    // The same values again: accepted as already recorded, nothing duplicated.
    const again = await http('POST', link, body);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ duplicate: true, version: 1 });
    expect(await h.prisma.submission.count({ where: { dataRequest: { institution: { code: 'SEDENA' } } } })).toBe(1);
    // Different values after the request ended: refused, with a reason.
    const changed = await http('POST', link, { ...body, narrative: 'Otra versión' });
    expect(changed.status).toBe(409);
    expect(changed.json.detail).toMatch(/ya no recibe datos/i);
    expect(changed.json.code).toBe('REQUEST_CLOSED');

    const audit = await h.prisma.auditEvent.findMany({ where: { dataRequest: { institution: { code: 'SEDENA' } } }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['EMAIL_SENT', 'SUBMITTED', 'REQUEST_ENDED']));
  });

  it('a contact can answer through the HTML form as well (draft)', async () => {
    const sre = await primaryContact('SRE');
    const sreLink = linkIn(h.smtp.messages.find((m) => m.envelope.to.includes(sre.email))!.parsed.text ?? '');
    const json = await http('GET', sreLink, undefined, { accept: 'application/json' });
    const first = json.json.indicators[0];
    const form = new URLSearchParams({ [`v|${first.code}|TOTAL`]: first.unit === 'YES_NO' ? 'true' : first.unit === 'TEXT' ? 'texto' : '2', final: 'false' });
    const res = await fetch(sreLink, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Borrador guardado');
    const status = await http('GET', `/api/cycles/${year}`);
    expect(status.json.requests.find((r: any) => r.institution === 'SRE').status).toBe('DRAFT');
  });

  it('ends consistent: every workflow agrees with its record (the operator\'s check)', async () => {
    const report = await expectConsistent({ ...h, cycleYear: year });
    const institutions = await h.prisma.institution.count({ where: { reportedIndicators: { some: {} } } });
    expect(report).toMatchObject({ checked: institutions - 1, checkedEnded: 1, cycles: 1 });
  });
});
