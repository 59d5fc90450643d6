import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import secureSession from '@fastify/secure-session';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyInstance, type FastifyRequest, type RouteOptions } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { createHash, randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { AppError } from '../domain/app-error';
import type { PrismaClient } from '../prisma/client';
import { StartPage } from '../ui/pages/start-page';
import { renderPage } from '../ui/render-page';
import { registerAssetRoutes } from './asset-routes';
import { registerCycleRoutes } from './cycle-routes';
import { registerReportRoutes } from './report-routes';
import { registerReviewRoutes } from './review-routes';
import { drainOnClose } from './drain-on-close';
import { registerHealthRoutes } from './health-routes';
import { registerHolidayRoutes } from './holiday-routes';
import { registerHttpMetrics } from './http-metrics';
import { registerMailboxRoutes, type Mailbox } from './mailbox-routes';
import { registerMetricsRoutes } from './metrics-routes';
import { DOCS_PREFIX, registerOpenApi } from './openapi';
import { HIDDEN } from './route-schemas';
import { createOperatorAccess } from './operator-access';
import { registerProblemHandler, sendProblem } from './problem';
import { createReadinessChecks } from './readiness-checks';
import { createRecordMetrics } from './record-metrics';
import { registerRequestRoutes } from './request-routes';
import { requestLanguage } from './request-language';
import { registerRespondRoutes } from './respond-routes';
import { registerScheduleRoutes } from './schedule-routes';
import type { Locale } from '../domain/input-bounds';
import { renderSignInEmail } from '../ui/emails/sign-in-email';
import { createAuth } from './auth/principal';
import { registerSignInRoutes } from './auth/sign-in-routes';
import { registerPeopleRoutes } from './people-routes';
import { registerCsrfGuard } from './pages/csrf-guard';
import { registerPages } from './pages/register-pages';
import { registerInstitutionRoutes } from './institution-routes';
import type { ReadinessCheck } from './run-readiness-checks';
import { registerAuditRoutes } from './audit-routes';
import { registerSubmissionRoutes } from './submission-routes';
import { zodValidatorCompiler } from './validator-compiler';

export interface ServerDeps {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  linkSigningSecret: string;
  /** Bearer token for secretariat routes; when absent (development) they are open. */
  secretariatToken?: string;
  /** The local mail catcher (development), served at /mail to the secretariat. */
  mailbox?: Mailbox;
  /** Serve /mail to clients other than loopback (default: loopback only). */
  mailboxAllowRemote?: boolean;
  now?: () => Date;
  /** Request logging (JSON, with request ids): `true` at info, or a level and a stream (tests). Default off. */
  logger?: boolean | { level?: string; stream?: NodeJS.WritableStream };
  /** Marks cookies Secure (outside development). */
  secureCookies?: boolean;
  /** Development tools the start page links to when they run (the Temporal Web UI's URL). */
  links?: { temporalUi?: string; temporalNamespace?: string };
  /** Sends an email (sign-in links): the same SMTP server the worker uses. Without it, no sign-in. */
  sendEmail?: (email: { to: string; subject: string; text: string; html: string }) => Promise<void>;
  /** Base of the links put in emails (sign-in links), e.g. http://localhost:3000 */
  publicBaseUrl?: string;
  /**
   * What /readyz checks, by name (api/readiness-checks builds them from the clients; tests pass their
   * own). Default: `temporal` and `database` through `temporal` and `prisma`.
   */
  readinessChecks?: Record<string, ReadinessCheck>;
  /** Each readiness check's time limit in ms (`READINESS_TIMEOUT_MS`, default 2000). */
  readinessTimeoutMs?: number;
  /** How long one run of the readiness checks answers /readyz (default 1000 ms; 0 in tests that flip a check). */
  readinessCacheMs?: number;
  /** The scraper's bearer token for /metrics (`METRICS_TOKEN`); the secretariat's is accepted too. */
  metricsToken?: string;
  /** The registry /metrics serves (default: a fresh one). `npm start` passes one holding Node's process metrics. */
  metricsRegistry?: Registry;
  /** Told of every route as it is registered (test/api/openapi.test.ts checks each is documented or a page). */
  onRoute?: (route: RouteOptions) => void;
}

/**
 * The key of the session cookie's encryption (32 bytes), derived from the link-signing secret with its
 * own label, so one secret to keep serves both and neither can stand in for the other.
 */
function sessionKey(linkSigningSecret: string): Buffer {
  return createHash('sha256').update(`nap1325 session cookie|${linkSigningSecret}`).digest();
}

/** Query parameters whose values are credentials: never written to the logs. */
const SECRET_QUERY = /([?&]token=)[^&#]*/gi;

/** A request as the log shows it: Fastify's default fields, with the signed link's token elided. */
function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.url.replace(SECRET_QUERY, '$1[redacted]'),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/** A client's `X-Request-Id` when it is a plain token; otherwise (or absent) a fresh UUID. */
function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(header) ? header : randomUUID();
}

/**
 * The HTTP API: secretariat routes under /api, the agency contact's form under /respond, the local
 * mail catcher under /mail when one runs, and the operators' /healthz, /readyz and /metrics
 * (api/health-routes, api/metrics-routes; who may read them: api/operator-access). Every error is
 * answered as problem+json (api/problem.ts). Every API route declares its schemas with zod, checked on the
 * way in and encoded on the way out, and described at /openapi.json and /docs (api/openapi.ts); every response carries security headers (CSP,
 * frame-ancestors 'none', nosniff) and an X-Request-Id that the logs carry too (a link's token never). `close()` resolves once no route handler is running any more (api/drain-on-close.ts):
 * only then may the caller close the Temporal connection and the database the handlers use.
 */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const serializers = { req: requestForLog };
  const logger =
    deps.logger === true
      ? { level: 'info', serializers }
      : deps.logger
        ? { level: deps.logger.level ?? 'info', serializers, ...(deps.logger.stream ? { stream: deps.logger.stream } : {}) }
        : false;
  const app = Fastify({
    logger,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: (req) => requestId(req.headers['x-request-id']),
    // Paths and queries longer than this are not ours (a token is < 1 kB).
    routerOptions: { maxParamLength: 200 },
    // What Fastify's router refuses before any route runs (a malformed URL, a parameter over 200
    // characters) is problem+json like every other refusal.
    frameworkErrors: (error, _request, reply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 400;
      return sendProblem(reply, { status, code: status === 414 ? 'URI_TOO_LONG' : 'BAD_URL', detail: status === 414 ? 'A path parameter is too long.' : 'The URL is malformed.' });
    },
    // What Node's HTTP parser refuses before any route runs (headers or URL too large, malformed request)
    // is answered as problem+json too.
    clientErrorHandler: (err, socket) => {
      const code = (err as { code?: string }).code;
      const [status, title] = code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : [400, 'Bad Request'];
      const body = JSON.stringify({ type: 'about:blank', title, status, code: status === 431 ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST', detail: status === 431 ? 'The request line or headers are too large.' : 'The request is malformed.' });
      if (socket.writable) {
        socket.end(`HTTP/1.1 ${status} ${title}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
      } else {
        socket.destroy(err);
      }
    },
  });
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  // Every route declares its params, query, body and answers with zod (fastify-type-provider-zod): zod
  // checks what comes in (api/validator-compiler.ts), and encodes what goes out with the schema of its status.
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  drainOnClose(app);
  const registry = deps.metricsRegistry ?? new Registry();
  registerHttpMetrics(app, registry);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerProblemHandler(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Only our own documents may be framed: the mail catcher shows a message's HTML in a sandboxed
        // frame of /mail/:id/html, which answers with its own CSP (sandbox; frame-ancestors 'self').
        frameSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
      },
    },
    // A nonce per response on script-src and style-src (reply.cspNonce): pages may carry an inline script
    // only if they say the nonce; everything else comes from our origin.
    enableCSPNonces: true,
    // Pages are served over plain HTTP on localhost in development; HSTS is for the TLS front of a deployment.
    strictTransportSecurity: deps.secureCookies ? undefined : false,
  });
  await app.register(formbody, { bodyLimit: 2 * 1024 * 1024 });
  // Per-route limits only (the fresh-link button today): `config: { rateLimit: { max, timeWindow } }`.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('TOO_MANY_REQUESTS', `Too many requests: try again in ${Math.ceil(context.ttl / 1000)} s.`, undefined, { reason: 'RATE_LIMITED', retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
  });
  // The session cookie: encrypted, holding only a session id that every request checks against the
  // database (api/auth/principal.ts); and CSRF tokens for every form that changes something.
  await app.register(secureSession, {
    key: sessionKey(deps.linkSigningSecret),
    cookieName: 'nap1325_session',
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.secureCookies ?? false },
  });
  await app.register(csrf, { sessionPlugin: '@fastify/secure-session', getToken: (request) => (request.body as { _csrf?: string } | undefined)?._csrf ?? (request.headers['csrf-token'] as string | undefined) });
  registerCsrfGuard(app);
  // Before any route: @fastify/swagger collects the routes registered after it.
  await registerOpenApi(app);
  registerAssetRoutes(app);
  const now = deps.now ?? (() => new Date());
  const auth = createAuth({ prisma: deps.prisma, secretariatToken: deps.secretariatToken, open: !deps.secretariatToken, now });
  const access = createOperatorAccess({ secretariatToken: deps.secretariatToken, metricsToken: deps.metricsToken });
  registerHealthRoutes(app, {
    checks: deps.readinessChecks ?? createReadinessChecks({ temporal: deps.temporal, prisma: deps.prisma }),
    timeoutMs: deps.readinessTimeoutMs,
    cacheMs: deps.readinessCacheMs,
    access,
  });
  const record = createRecordMetrics({ prisma: deps.prisma, registry, onError: (err) => app.log.warn({ err }, 'metrics: the record could not be read') });
  registerMetricsRoutes(app, { registry, record, access });
  app.get('/', HIDDEN, async (request, reply) => {
    const lang = requestLanguage(request, 'es-MX');
    const page = StartPage({
      lang,
      links: { docs: DOCS_PREFIX, ...(deps.mailbox ? { mail: '/mail' } : {}), ...(deps.links?.temporalUi ? { temporalUi: deps.links.temporalUi } : {}) },
      switchLanguageHref: `/?lang=${lang === 'en' ? 'es-MX' : 'en'}`,
    });
    return reply.type('text/html; charset=utf-8').send(renderPage(page));
  });
  registerCycleRoutes(app, { prisma: deps.prisma, temporal: deps.temporal, taskQueue: deps.taskQueue, now, auth });
  registerReportRoutes(app, { prisma: deps.prisma, temporal: deps.temporal, taskQueue: deps.taskQueue, auth });
  registerRequestRoutes(app, { prisma: deps.prisma, temporal: deps.temporal, auth });
  registerSubmissionRoutes(app, { prisma: deps.prisma, auth });
  registerAuditRoutes(app, { prisma: deps.prisma, auth });
  registerHolidayRoutes(app, { prisma: deps.prisma, auth });
  registerPeopleRoutes(app, { prisma: deps.prisma, auth, now });
  registerInstitutionRoutes(app, { prisma: deps.prisma, auth, now });
  registerScheduleRoutes(app, { prisma: deps.prisma, temporal: deps.temporal, taskQueue: deps.taskQueue, now, auth });
  registerReviewRoutes(app, { prisma: deps.prisma, temporal: deps.temporal, taskQueue: deps.taskQueue, auth });
  const sendEmail = deps.sendEmail;
  registerSignInRoutes(app, {
    prisma: deps.prisma,
    auth,
    now,
    publicBaseUrl: deps.publicBaseUrl ?? 'http://localhost:3000',
    sendSignInLink: async ({ to, name, link, lang }: { to: string; name: string; link: string; lang: Locale }) => {
      if (!sendEmail) throw new AppError('UNAVAILABLE', 'This server cannot send email: sign-in links are not available.');
      await sendEmail({ to, ...renderSignInEmail({ lang, name, link }) });
    },
  });
  registerPages(app, {
    prisma: deps.prisma,
    temporal: deps.temporal,
    taskQueue: deps.taskQueue,
    auth,
    now,
    hasMailbox: !!deps.mailbox,
    ...(deps.links?.temporalUi ? { temporalUi: { url: deps.links.temporalUi, namespace: deps.links.temporalNamespace ?? 'default' } } : {}),
  });
  registerRespondRoutes(app, { prisma: deps.prisma, temporal: deps.temporal, linkSigningSecret: deps.linkSigningSecret, now });
  if (deps.mailbox) {
    registerMailboxRoutes(app, deps.mailbox, { auth, secretariatToken: deps.secretariatToken, allowRemote: deps.mailboxAllowRemote ?? false, secureCookies: deps.secureCookies ?? false });
  }
  return app;
}
