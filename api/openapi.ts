import swagger, { type FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import packageJson from '../package.json';
import { problem, Security, Tag, TAG_DESCRIPTIONS } from './route-schemas';

type Transform = NonNullable<FastifyDynamicSwaggerOptions['transform']>;
type TransformObject = NonNullable<FastifyDynamicSwaggerOptions['transformObject']>;
type Json = Record<string, unknown>;

/** Where the document and its page are served. */
export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PREFIX = '/docs';

const DESCRIPTION = `The HTTP API of nap1325: the secretariat runs yearly reporting cycles of a National Action Plan on UNSC
Resolution 1325 (Mexico's NAP-1325 first); each institution answers through a signed link, no account needed.

Every refusal is \`application/problem+json\` (RFC 9457) with a stable \`code\`; bad input names each field
(\`fields\`, \`errors\`). The secretariat's routes answer in English unless \`Accept-Language\` asks for Spanish; the
contact's routes answer in the contact's language. Instants are ISO 8601 strings in UTC; dates are \`yyyy-MM-dd\`
(America/Mexico_City). The HTML pages (the contact's form, the receipt, sign-in, the development mail catcher) are
not part of this document.`;

/**
 * The one inline style of swagger-ui: the `<style>` inside its logo's SVG
 * (`.logo_small_svg__cls-2{fill:#fff}.logo_small_svg__cls-3{fill:#85ea2d}`), allowed by its hash on /docs
 * only. Another swagger-ui release may change it: test/api/docs-page.browser.test.ts then fails naming the
 * new hash.
 */
const SWAGGER_UI_STYLE_HASH = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

/**
 * The route transform: fastify-type-provider-zod's, plus two things it leaves out. A body described per media
 * type (`body: { content: { 'application/json': { schema }, 'application/x-www-form-urlencoded': { schema } } }`,
 * the contact's routes, which take JSON and the page's form) is converted media type by media type; and a
 * response's `headers` (`Retry-After`, `Location`) are kept.
 */
const transformRoute: Transform = (input) => {
  const schema = input.schema as Json | undefined;
  const body = schema?.body as { content?: Record<string, { schema: unknown }> } | undefined;
  const out = jsonSchemaTransform({ ...input, schema: (body?.content ? { ...schema, body: undefined } : schema) as never }) as unknown as { schema: Json; url: string };
  if (!schema || out.schema.hide) return out;
  if (body?.content) {
    const content = Object.fromEntries(
      Object.entries(body.content).map(([type, media]) => [type, { schema: (jsonSchemaTransform({ ...input, schema: { body: media.schema } as never }) as unknown as { schema: Json }).schema.body }]),
    );
    out.schema.body = { content };
  }
  const declared = (schema.response ?? {}) as Record<string, { headers?: Json }>;
  const converted = (out.schema.response ?? {}) as Record<string, Json>;
  for (const [status, spec] of Object.entries(declared)) {
    if (spec?.headers && converted[status]) converted[status].headers = spec.headers;
  }
  return out;
};

/** Every `$ref` target named anywhere in `value`. */
function refsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') found.add(child);
      else refsIn(child, found);
    }
  }
  return found;
}

/**
 * The document transform: fastify-type-provider-zod's (named schemas, `.meta({ id })`, become components),
 * without the components nothing refers to (the library writes an input and an output version of each).
 */
const transformObject: TransformObject = (input) => {
  const document = jsonSchemaTransformObject(input) as Json & { components?: { schemas?: Record<string, unknown> } };
  const schemas = document.components?.schemas;
  if (!schemas) return document as never;
  const used = new Set<string>();
  let frontier = refsIn({ ...document, components: { ...document.components, schemas: {} } });
  while (frontier.size) {
    const next = new Set<string>();
    for (const ref of frontier) {
      const name = ref.replace('#/components/schemas/', '');
      if (used.has(name) || !(name in schemas)) continue;
      used.add(name);
      refsIn(schemas[name], next);
    }
    frontier = next;
  }
  document.components = { ...document.components, schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name))) };
  return document as never;
};

/**
 * The API described: @fastify/swagger collects every route registered after this (call it before any
 * route) into an OpenAPI 3.1 document, from the zod schemas each route declares; it is served at
 * `/openapi.json`, and browsable at `/docs` (swagger-ui, its scripts and styles served from the
 * @fastify/swagger-ui package itself: no CDN, works offline; under the pages' CSP, `script-src 'self'`, since
 * the page has no inline script, plus the hash of its one inline style on /docs routes only).
 *
 * Both are public: the document holds no secret (the routes are those of the README), and a client needs
 * it before it has credentials. Routes that answer pages (`schema: { hide: true }`) are left out.
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  // The secretariat's pages (`config: PAGE`, api/pages/route-config) answer HTML: not part of the document.
  app.addHook('onRoute', (route) => {
    if (route.config?.page) route.schema = { ...route.schema, hide: true };
    // A path parameter over the router's limit (`maxParamLength`) is refused with 414 before the route runs
    // (api/build-server.ts): every route with path parameters may answer it.
    const response = route.schema?.response as Record<number, unknown> | undefined;
    if (response && route.url.includes(':') && !(414 in response)) route.schema = { ...route.schema, response: { ...response, 414: problem(414) } };
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: packageJson.name, version: packageJson.version, description: DESCRIPTION },
      tags: Object.values(Tag).map((name) => ({ name, description: TAG_DESCRIPTIONS[name] })),
      components: {
        securitySchemes: {
          [Security.BEARER]: {
            type: 'http',
            scheme: 'bearer',
            description: 'The secretariat token (`SECRETARIAT_TOKEN`), an API token (`POST /api/tokens`), or for /metrics the metrics token (`METRICS_TOKEN`). Exactly `Authorization: Bearer <token>`. A development server without tokens is open.',
          },
          [Security.SESSION]: { type: 'apiKey', in: 'cookie', name: 'nap1325_session', description: 'The session of a person signed in at /sign-in (encrypted cookie).' },
          [Security.LINK]: {
            type: 'apiKey',
            in: 'query',
            name: 'token',
            description: "The signed token of the contact's emailed link (`…?token=…`): it names one request, one contact and an expiry. Forged, malformed or expired: 401; another request, or a replaced contact: 403.",
          },
        },
      },
    },
    transform: transformRoute,
    transformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    uiConfig: { deepLinking: true, docExpansion: 'list', tryItOutEnabled: false },
    // The app's CSP (api/build-server.ts) applies to /docs too, with one addition on these routes only: the
    // hash of swagger-ui's one inline style. Its scripts and styles are files of our origin ('self').
    staticCSP: false,
    transformStaticCSP: (header) => header.replace(/style-src 'self'/, `style-src 'self' ${SWAGGER_UI_STYLE_HASH}`),
  });
  app.get(OPENAPI_PATH, { schema: { hide: true } }, async (_request, reply) => reply.header('cache-control', 'no-cache').send(app.swagger()));
}
