/**
 * The annual report compiles itself at the end of the cycle and is published to the working group, in
 * skipped time on the Java test server with the real worker, PostgreSQL, SMTP and API: SEMAR answers, CECOPAM
 * never does; at the last cut-off the cycle ends, `report/<year>` compiles version 1 as a draft and the
 * secretariat is emailed once; publishing emails each member of the working group once, in their language,
 * with the PDF attached; nothing is sent twice, and a publication twice is refused.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createHash } from 'node:crypto';
import type { CaughtMessage } from '../../scripts/mail-catcher';
import type { annualReport } from '../../workflows';
import { createActivities, eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { addresses, advanceTo, answers, finishedResult, formIndicators, http, isMailOf, linkIn, openCycle, submitViaLink, terminateCycle } from '../support/reporting-scenarios';
import { createTimeSkippingEnv } from '../support/temporal';
import { storedFileBytes } from '../../prisma/stored-file';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';

/** A GET whose body is read as sent (fetch would decompress it). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

const YEAR = 2046;
/** Monday 8 January 2046, 10:00 in Mexico City. */
const OPEN_AT = '2046-01-08T16:00:00.000Z';
/** Thursday 15 February 2046. */
const DEADLINE = '2046-02-15';
/**
 * Past CECOPAM's cut-off (+30 business days after the deadline) and SEMAR's correction window; the cycle
 * sees the last request end at its next check (it re-reads the record every 6 hours), on 31 March.
 */
const AFTER_EVERYTHING = '2046-04-01T18:00:00.000Z';

let env: TestWorkflowEnvironment;
let h: Harness;

beforeAll(async () => {
  quietRuntime();
  env = await createTimeSkippingEnv();
  h = await startHarness({ env });
  h.startWorker();
}, 120_000);

afterAll(async () => {
  if (h) await terminateCycle(env.client, h.prisma, YEAR).catch(() => undefined);
  await h?.close();
  await env?.teardown();
});

const isReportMail = (m: CaughtMessage) => /informe anual 2046|2046 annual report/.test(m.parsed.subject ?? '');
const reportMail = () => h.smtp.messages.filter(isReportMail);

describe(`the ${YEAR} cycle ends and its report compiles itself`, () => {
  it('opens the cycle; SEMAR submits its final report, CECOPAM never answers', async () => {
    if (Date.now() >= Date.parse(OPEN_AT)) throw new Error(`This test opens a cycle on ${OPEN_AT}: move its dates past today.`);
    await advanceTo(env, OPEN_AT);
    await openCycle(h.baseUrl, { year: YEAR, deadline: DEADLINE, institutions: ['SEMAR', 'CECOPAM'] });
    const [request] = await h.smtp.waitFor(isMailOf({ year: YEAR, code: 'SEMAR' }), { timeoutMs: 30_000 });
    const link = linkIn(request.parsed.text);
    const indicators = await formIndicators(link);
    await submitViaLink(link, { values: answers(indicators), final: true, narrative: 'SEMAR informa sus avances de 2046.' });
    await h.smtp.waitFor(isMailOf({ year: YEAR, code: 'CECOPAM' }), { timeoutMs: 30_000 });
  });

  it('at the end of the cycle, report/<year> compiles version 1 as a draft and emails the secretariat once', async () => {
    await advanceTo(env, AFTER_EVERYTHING);
    const done = await eventually(async () => ((await env.client.workflow.getHandle(`report/${YEAR}`).describe().catch(() => undefined))?.status.name === 'COMPLETED' ? true : undefined), {
      timeoutMs: 90_000,
      what: `report/${YEAR} to complete`,
    });
    expect(done).toBe(true);
    const result = await finishedResult<typeof annualReport>(env, `report/${YEAR}`);
    expect(result).toMatchObject({ version: 1, created: true, openRequests: 0 });

    const versions = await h.prisma.reportVersion.findMany({ where: { cycle: { year: YEAR } }, include: { files: true } });
    expect(versions.map((v) => ({ version: v.version, status: v.status, compiledBy: v.compiledBy }))).toEqual([{ version: 1, status: 'DRAFT', compiledBy: 'workflow' }]);
    const files = versions[0].files;
    expect(files.map((f) => `${f.format}/${f.lang}`).sort()).toEqual(['csv/en', 'csv/es-MX', 'html/en', 'html/es-MX', 'json/en', 'json/es-MX', 'pdf/en', 'pdf/es-MX', 'xlsx/en', 'xlsx/es-MX']);
    for (const f of files) expect(createHash('sha256').update(storedFileBytes(f)).digest('hex')).toBe(f.sha256);

    const ready = await eventually(async () => (reportMail().length ? reportMail() : undefined), { what: 'the report-ready email' });
    expect(ready).toHaveLength(1);
    expect(ready[0].parsed.subject).toBe(`PNA-1325: informe anual ${YEAR}, versión 1 (borrador) lista`);
    expect(addresses(ready[0].parsed.to)).toEqual(['secretariado.gti1325@example.gob.mx']);
    // What the version says of the cycle: SEMAR on time, CECOPAM not reported.
    const model = JSON.parse(storedFileBytes(files.find((f) => f.format === 'json' && f.lang === 'es-MX')!).toString('utf8'));
    expect(model.summary.completeness).toMatchObject({ institutions: 2, reported: 1, onTime: 1, notReported: 1, open: 0 });
    expect(model.summary.attention.notReporting.map((i: { institutionCode: string }) => i.institutionCode)).toEqual(['CECOPAM']);
  }, 300_000);

  it('compiling again from the same data makes no new version; the versions list says so', async () => {
    const again = await http(h.baseUrl, 'POST', `/api/cycles/${YEAR}/report`);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ version: 1, created: false, openRequests: [] });
    const listed = await http(h.baseUrl, 'GET', `/api/cycles/${YEAR}/report`);
    expect(listed.json).toMatchObject({ year: YEAR, latest: 1, published: null, versions: [{ version: 1, status: 'DRAFT', outdated: false }] });
    expect(reportMail()).toHaveLength(1);
  });

  it('serves a file kept compressed as gzip to a client that takes it, and decompressed to one that does not', async () => {
    const stored = await h.prisma.reportFile.findFirstOrThrow({ where: { reportVersion: { cycle: { year: YEAR }, version: 1 }, format: 'json', lang: 'es-MX' } });
    expect(stored.encoding).toBe('gzip');
    const url = `${h.baseUrl}/api/cycles/${YEAR}/report/versions/1.json?lang=es-MX`;
    const zipped = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'accept-encoding', etag: `"${stored.sha256}-gzip"` });
    expect(gunzipSync(zipped.body).equals(storedFileBytes(stored))).toBe(true);
    const plain = await rawGet(url, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.etag).toBe(`"${stored.sha256}"`);
    expect(createHash('sha256').update(plain.body).digest('hex')).toBe(stored.sha256);
    // Negotiated as RFC 9110 says: q-values weigh, q=0 refuses, `*` stands for gzip, case does not matter.
    for (const [header, gzip] of [['GZIP', true], ['*', true], ['gzip;q=0', false], ['*;q=0', false], ['gzip;q=0.5, identity', false], ['identity;q=0, gzip', true], ['br', false]] as const) {
      const got = await rawGet(url, { 'accept-encoding': header });
      expect({ header, encoding: got.headers['content-encoding'] ?? 'identity' }).toEqual({ header, encoding: gzip ? 'gzip' : 'identity' });
    }
    const pdf = await rawGet(`${h.baseUrl}/api/cycles/${YEAR}/report/versions/1.pdf?lang=es-MX`, { 'accept-encoding': 'gzip' });
    expect(pdf.headers['content-encoding']).toBeUndefined();
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('publishing emails each member of the working group once, in their language, with the PDF attached', async () => {
    const published = await http(h.baseUrl, 'POST', `/api/cycles/${YEAR}/report/versions/1/publish`);
    expect(published.status).toBe(200);
    expect(published.json).toMatchObject({ version: 1, status: 'PUBLISHED', superseded: null });
    const members = await h.prisma.contact.findMany({ where: { role: 'WORKING_GROUP', active: true } });
    expect(members.length).toBeGreaterThanOrEqual(7);
    const sent = await eventually(async () => {
      const found = reportMail().filter((m) => /publicado|published/.test(m.parsed.subject ?? ''));
      return found.length >= members.length ? found : undefined;
    }, { what: 'the publication emails' });
    expect(sent.map((m) => addresses(m.parsed.to)[0]).sort()).toEqual(members.map((m) => m.email.toLowerCase()).sort());
    for (const m of sent) {
      const member = members.find((c) => c.email.toLowerCase() === addresses(m.parsed.to)[0])!;
      const pdf = m.parsed.attachments.filter((a) => a.contentType === 'application/pdf');
      expect(pdf).toHaveLength(1);
      expect(pdf[0].content.subarray(0, 5).toString()).toBe('%PDF-');
      if (member.locale === 'en') {
        expect(m.parsed.subject).toBe(`NAP-1325: ${YEAR} annual report published (version 1)`);
        expect(pdf[0].filename).toBe(`nap-1325-annual-report-${YEAR}-v1.pdf`);
      } else {
        expect(m.parsed.subject).toBe(`PNA-1325: informe anual ${YEAR} publicado (versión 1)`);
        expect(m.parsed.text).toContain(`/reports/${YEAR}/1.html?lang=es-MX`);
      }
    }
    // The stored PDF is what was attached.
    const stored = await h.prisma.reportFile.findFirstOrThrow({ where: { reportVersion: { cycle: { year: YEAR }, version: 1 }, format: 'pdf', lang: 'es-MX' } });
    const spanish = sent.find((m) => !/published/.test(m.parsed.subject ?? ''))!;
    expect(createHash('sha256').update(spanish.parsed.attachments[0].content).digest('hex')).toBe(stored.sha256);
  });

  it('a version already published is refused; nothing is emailed twice', async () => {
    const before = reportMail().length;
    const again = await http(h.baseUrl, 'POST', `/api/cycles/${YEAR}/report/versions/1/publish`);
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: 'ALREADY_PUBLISHED' });
    expect((await http(h.baseUrl, 'POST', `/api/cycles/${YEAR}/report/versions/9/publish`)).status).toBe(404);
    // Running the publication's email step again (a retried activity) sends nothing new.
    const row = await h.prisma.reportVersion.findFirstOrThrow({ where: { cycle: { year: YEAR }, version: 1 } });
    const outcomes = await createActivities(h.deps).sendPublishedReport({ reportVersionId: row.id });
    expect(new Set(outcomes.map((o) => o.outcome))).toEqual(new Set(['ALREADY_SENT']));
    expect(reportMail()).toHaveLength(before);
    // The version's bytes are immutable in the database itself.
    await expect(h.prisma.reportFile.updateMany({ where: { reportVersionId: row.id }, data: { size: 1 } })).rejects.toThrow(/immutable/);
    await expect(h.prisma.reportVersion.update({ where: { id: row.id }, data: { snapshotHash: 'x' } })).rejects.toThrow(/immutable/);
  });
});
