/**
 * Operating it: /healthz, /readyz against the real Temporal dev server, PostgreSQL and SMTP (and against
 * each of them unreachable, hung or failing), /metrics after a small real cycle (values that match what
 * happened), who may read what, and the request log (request ids, no link tokens).
 */
import { Connection, Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import net from 'node:net';
import { Writable } from 'node:stream';
import { createMailer } from '../../activities/mailer';
import { buildServer, type ServerDeps } from '../../api/build-server';
import { createReadinessChecks } from '../../api/readiness-checks';
import { createPrisma } from '../../prisma/client';
import { eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { answers } from '../support/reporting-scenarios';
import { createDevServerEnv } from '../support/temporal';
import { sample } from '../support/prometheus-sample';

let env: TestWorkflowEnvironment;
let h: Harness;
const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 30 }).toISODate()!;
const year = Number(deadline.slice(0, 4));
const SECRETARIAT_TOKEN = 'secretariat-token-0123456789';
const METRICS_TOKEN = 'metrics-token-0123456789';

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

/** A port nothing listens on (bound by us, then let go). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A second API on the harness's database and Temporal, with some dependencies replaced. */
async function otherServer(overrides: Partial<ServerDeps>): Promise<{ app: FastifyInstance; base: string }> {
  const app = await buildServer({ prisma: h.prisma, temporal: env.client, taskQueue: h.taskQueue, linkSigningSecret: 'x'.repeat(40), readinessCacheMs: 0, ...overrides });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, base: `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}` };
}

async function get(url: string, headers: Record<string, string> = {}) {
  const started = Date.now();
  const res = await fetch(url, { headers });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json, ms: Date.now() - started };
}

describe('/healthz and /readyz', () => {
  it('/healthz answers without touching anything', async () => {
    const res = await get(`${h.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
  });

  it('/readyz is 200 when Temporal, PostgreSQL and SMTP all answer, with each check\'s time', async () => {
    const res = await get(`${h.baseUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.json).toEqual({
      ready: true,
      checks: {
        temporal: { ok: true, ms: expect.any(Number) },
        database: { ok: true, ms: expect.any(Number) },
        smtp: { ok: true, ms: expect.any(Number) },
      },
    });
  });

  it('is 503 naming SMTP when its port is closed', async () => {
    const mailer = createMailer({ host: '127.0.0.1', port: await closedPort(), secure: false, from: 'x <x@test.local>' });
    const { app, base } = await otherServer({ readinessChecks: createReadinessChecks({ temporal: env.client, prisma: h.prisma, mailer }) });
    try {
      const res = await get(`${base}/readyz`);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.json).toMatchObject({
        code: 'NOT_READY',
        ready: false,
        checks: { temporal: { ok: true }, database: { ok: true }, smtp: { ok: false, error: 'ESOCKET' } },
      });
      expect(res.json.detail).toMatch(/^Not ready: smtp \(ESOCKET: .*ECONNREFUSED/);
    } finally {
      await app.close();
      mailer.close();
    }
  });

  it('is 503 naming the database when its server is not there', async () => {
    const prisma = createPrisma({ url: `postgresql://postgres:postgres@127.0.0.1:${await closedPort()}/nap1325`, maxConnections: 1 });
    const { app, base } = await otherServer({ readinessChecks: createReadinessChecks({ temporal: env.client, prisma, mailer: h.mailer }) });
    try {
      const res = await get(`${base}/readyz`);
      expect(res.status).toBe(503);
      expect(res.json.checks).toMatchObject({ temporal: { ok: true }, database: { ok: false }, smtp: { ok: true } });
      expect(res.json.detail).toMatch(/^Not ready: database \(/);
      expect(res.json.checks.database.message).toMatch(/Can't reach database server/);
    } finally {
      await app.close();
      await prisma.$disconnect();
    }
  });

  it('is 503 naming Temporal when its frontend does not answer, within the time limit', async () => {
    const connection = await Connection.lazy({ address: `127.0.0.1:${await closedPort()}` });
    const temporal = new Client({ connection });
    const { app, base } = await otherServer({ readinessChecks: createReadinessChecks({ temporal, prisma: h.prisma, mailer: h.mailer }), readinessTimeoutMs: 1000 });
    try {
      const res = await get(`${base}/readyz`);
      expect(res.status).toBe(503);
      expect(res.json.checks).toMatchObject({ temporal: { ok: false }, database: { ok: true }, smtp: { ok: true } });
      expect(res.json.checks.temporal.error).toMatch(/UNAVAILABLE|DEADLINE_EXCEEDED|TIMEOUT/);
      expect(res.ms).toBeLessThan(3000);
    } finally {
      await app.close();
      await connection.close();
    }
  });

  it('a hung check costs its time limit and no more; a throwing one is named with its error', async () => {
    const { app, base } = await otherServer({
      readinessChecks: {
        // Ignores its abort signal and answers long after its limit.
        hung: () => new Promise((resolve) => setTimeout(resolve, 2000)),
        broken: () => Promise.reject(new TypeError('a bug in a check')),
        fine: async () => undefined,
      },
      readinessTimeoutMs: 300,
    });
    try {
      const res = await get(`${base}/readyz`);
      expect(res.status).toBe(503);
      expect(res.ms).toBeLessThan(1500);
      expect(res.json.checks).toEqual({
        hung: { ok: false, ms: expect.any(Number), error: 'TIMEOUT', message: 'no answer within 300 ms' },
        broken: { ok: false, ms: expect.any(Number), error: 'TypeError', message: 'a bug in a check' },
        fine: { ok: true, ms: expect.any(Number) },
      });
      expect(res.json.checks.hung.ms).toBeGreaterThanOrEqual(290);
      expect(res.json.detail).toBe('Not ready: hung (TIMEOUT: no answer within 300 ms), broken (TypeError: a bug in a check).');
    } finally {
      await app.close();
    }
  });

  it('tells the reasons behind a failure only to operators once a token is configured', async () => {
    const { app, base } = await otherServer({
      secretariatToken: SECRETARIAT_TOKEN,
      metricsToken: METRICS_TOKEN,
      readinessChecks: { smtp: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:587'), { code: 'ECONNREFUSED' })) },
    });
    try {
      const anonymous = await get(`${base}/readyz`);
      expect(anonymous.status).toBe(503);
      expect(anonymous.json.detail).toBe('Not ready: smtp (ECONNREFUSED).');
      expect(anonymous.json.checks.smtp).toEqual({ ok: false, ms: expect.any(Number), error: 'ECONNREFUSED' });
      expect(anonymous.text).not.toContain('10.1.2.3');
      for (const token of [METRICS_TOKEN, SECRETARIAT_TOKEN]) {
        const operator = await get(`${base}/readyz`, { authorization: `Bearer ${token}` });
        expect(operator.json.checks.smtp.message).toBe('connect ECONNREFUSED 10.1.2.3:587');
        expect(operator.json.detail).toContain('10.1.2.3');
      }
    } finally {
      await app.close();
    }
  });
});

describe('/metrics', () => {
  let metrics: string;

  it('counts what a small cycle did: requests sent, submissions by kind, requests by status, HTTP by route', async () => {
    const opened = await fetch(`${h.baseUrl}/api/cycles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ year, deadline, institutions: ['SRE', 'SEDENA'], policy: { correctionWindowBusinessDays: 0 } }),
    });
    expect(opened.status).toBe(202);
    const sedena = await h.prisma.contact.findFirstOrThrow({ where: { institution: { code: 'SEDENA' }, role: 'PRIMARY', active: true } });
    await h.smtp.waitFor((m) => /solicitud de información/.test(m.parsed.subject ?? ''), { count: 2, timeoutMs: 60_000 });
    const email = h.smtp.messages.find((m) => m.envelope.to.includes(sedena.email))!;
    const link = /https?:\/\/127\.0\.0\.1:\d+\/respond\/\S+/.exec(email.parsed.text ?? '')![0];
    const form = await (await fetch(link, { headers: { accept: 'application/json' } })).json();
    const values = answers(form.indicators);
    const post = (body: unknown) => fetch(link, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post({ values: values.slice(0, 1), final: false })).status).toBe(201);
    expect((await post({ values, final: true })).status).toBe(201);
    await env.client.workflow.getHandle(`request/${year}/SEDENA`).result();
    await h.smtp.waitFor((m) => /Acuse de recibo/.test(m.parsed.subject ?? ''));
    // The receipt's row says SENT just after the SMTP server accepted it.
    await eventually(async () => ((await h.prisma.sentMessage.count({ where: { kind: 'RECEIPT', status: 'SENT' } })) === 1 ? true : undefined), { what: 'the receipt recorded SENT' });

    const res = await get(`${h.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    metrics = res.text;
    const y = String(year);
    expect(sample(metrics, 'nap1325_emails_total', { kind: 'REQUEST', outcome: 'sent' })).toBe(2);
    expect(sample(metrics, 'nap1325_emails_total', { kind: 'RECEIPT', outcome: 'sent' })).toBe(1);
    expect(sample(metrics, 'nap1325_emails_total', { kind: 'REMINDER', outcome: 'sent' })).toBe(0);
    expect(sample(metrics, 'nap1325_emails_total', { kind: 'REQUEST', outcome: 'failed' })).toBe(0);
    expect(sample(metrics, 'nap1325_emails_sending')).toBe(0);
    expect(sample(metrics, 'nap1325_escalations_total', { level: '1' })).toBe(0);
    expect(sample(metrics, 'nap1325_submissions_total', { kind: 'DRAFT' })).toBe(1);
    expect(sample(metrics, 'nap1325_submissions_total', { kind: 'FINAL' })).toBe(1);
    expect(sample(metrics, 'nap1325_submissions_total', { kind: 'CORRECTION' })).toBe(0);
    expect(sample(metrics, 'nap1325_data_requests', { year: y, status: 'SUBMITTED' })).toBe(1);
    expect(sample(metrics, 'nap1325_data_requests', { year: y, status: 'REQUESTED' })).toBe(1);
    expect(sample(metrics, 'nap1325_data_requests', { year: y, status: 'OVERDUE' })).toBe(0);
    expect(sample(metrics, 'nap1325_data_requests_needing_attention', { year: y })).toBe(0);
    expect(sample(metrics, 'nap1325_record_metrics_up')).toBe(1);

    // HTTP by route pattern: the two submissions (201) and the form read, never the URL with its token.
    expect(sample(metrics, 'nap1325_http_requests_total', { method: 'POST', route: '/respond/:year/:institution', status: '201' })).toBe(2);
    expect(sample(metrics, 'nap1325_http_requests_total', { method: 'GET', route: '/respond/:year/:institution', status: '200' })).toBe(1);
    expect(sample(metrics, 'nap1325_http_requests_total', { method: 'POST', route: '/api/cycles', status: '202' })).toBe(1);
    expect(sample(metrics, 'nap1325_http_request_duration_seconds_count', { method: 'POST', route: '/respond/:year/:institution' })).toBe(2);
    expect(metrics).not.toContain('token');
    expect(metrics).not.toContain('SEDENA');
  });

  it('labels requests that match no route as unmatched, not by their path', async () => {
    expect((await get(`${h.baseUrl}/no/such/path?token=abc`)).status).toBe(404);
    const res = await get(`${h.baseUrl}/metrics`);
    expect(sample(res.text, 'nap1325_http_requests_total', { method: 'GET', route: '(unmatched)', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(res.text).not.toContain('/no/such/path');
  });

  it('still answers when the database does not, without stale domain numbers', async () => {
    const prisma = createPrisma({ url: `postgresql://postgres:postgres@127.0.0.1:${await closedPort()}/nap1325`, maxConnections: 1 });
    const { app, base } = await otherServer({ prisma });
    try {
      const res = await get(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(sample(res.text, 'nap1325_record_metrics_up')).toBe(0);
      expect(sample(res.text, 'nap1325_emails_total', { kind: 'REQUEST', outcome: 'sent' })).toBeUndefined();
      expect(sample(res.text, 'nap1325_emails_sending')).toBeUndefined();
    } finally {
      await app.close();
      await prisma.$disconnect();
    }
  });

  it('needs the metrics or the secretariat token once one is configured', async () => {
    const { app, base } = await otherServer({ secretariatToken: SECRETARIAT_TOKEN, metricsToken: METRICS_TOKEN });
    try {
      const none = await get(`${base}/metrics`);
      expect(none.status).toBe(401);
      expect(none.json).toMatchObject({ code: 'TOKEN_MISSING' });
      expect((await get(`${base}/metrics`, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(403);
      expect((await get(`${base}/metrics`, { authorization: METRICS_TOKEN })).status).toBe(401);
      expect((await get(`${base}/metrics`, { authorization: `Bearer ${METRICS_TOKEN}` })).status).toBe(200);
      expect((await get(`${base}/metrics`, { authorization: `Bearer ${SECRETARIAT_TOKEN}` })).status).toBe(200);
      // The scraper's token is not the secretariat's.
      expect((await get(`${base}/api/cycles/${year}`, { authorization: `Bearer ${METRICS_TOKEN}` })).status).toBe(403);
      // Health and readiness stay open.
      expect((await get(`${base}/healthz`)).status).toBe(200);
      expect((await get(`${base}/readyz`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('the request log', () => {
  it('is JSON lines with the request id, and never holds a link\'s token', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).split('\n').filter(Boolean));
        done();
      },
    });
    const { app, base } = await otherServer({ logger: { level: 'info', stream } });
    try {
      const res = await fetch(`${base}/respond/${year}/SRE?token=secret-part.mac-part&lang=en`, { headers: { 'x-request-id': 'req-ops-1' } });
      expect(res.status).toBe(401);
      const logged = lines.map((l) => JSON.parse(l));
      const incoming = logged.find((l) => l.reqId === 'req-ops-1' && l.req);
      expect(incoming.req).toMatchObject({ method: 'GET', url: `/respond/${year}/SRE?token=[redacted]&lang=en` });
      expect(logged.find((l) => l.reqId === 'req-ops-1' && l.res)).toMatchObject({ res: { statusCode: 401 }, responseTime: expect.any(Number) });
      expect(lines.join('\n')).not.toContain('secret-part');
    } finally {
      await app.close();
    }
  });
});
