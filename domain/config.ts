import { z } from 'zod';
import { SCHEDULE_ENV_SHAPE } from './schedule-config';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every setting of the service, read once from the environment. Defaults make `npm start` work on a fresh
 * machine: no TEMPORAL_ADDRESS starts the local Temporal dev server, no DATABASE_URL starts an embedded
 * PostgreSQL (PGlite), no SMTP_HOST starts a local mail catcher. Production sets all three.
 */
export const ZConfig = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** Where .data/ (embedded database, Temporal dev-server file, mail catcher) lives. */
    DATA_DIR: z.string().default('.data'),

    // Temporal
    TEMPORAL_ADDRESS: optionalString,
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('nap1325'),
    TEMPORAL_API_KEY: optionalString,
    TEMPORAL_TLS: booleanFromEnv,
    TEMPORAL_TLS_CERT_PATH: optionalString,
    TEMPORAL_TLS_KEY_PATH: optionalString,
    TEMPORAL_TLS_CA_PATH: optionalString,
    TEMPORAL_TLS_SERVER_NAME: optionalString,
    /** Explicit path of a `temporal` CLI binary for the local dev server. */
    TEMPORAL_CLI_PATH: optionalString,
    TEMPORAL_DEV_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
    TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),

    // Database
    DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(5433),

    // Mail
    SMTP_HOST: optionalString,
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    SMTP_SECURE: booleanFromEnv,
    SMTP_USER: optionalString,
    SMTP_PASSWORD: optionalString,
    MAIL_FROM: z.string().min(3).default('Grupo de Trabajo PNA-1325 <pna1325@localhost>'),
    /** Domain used on the right of deterministic Message-IDs. */
    MAIL_MESSAGE_ID_DOMAIN: z.string().min(1).default('nap1325.local'),
    MAIL_CATCHER_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
    /** Serve the local mail catcher (/mail) to clients other than loopback (it holds every signed link). */
    MAIL_CATCHER_ALLOW_REMOTE: booleanFromEnv,

    // HTTP
    HTTP_HOST: z.string().default('127.0.0.1'),
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Base of the links put in emails and of the addresses `npm start` prints; unset: `http://localhost:<HTTP_PORT>`. */
    PUBLIC_BASE_URL: optionalString.pipe(z.url().optional()),
    /** HMAC key for the signed links that agency contacts follow (at least 32 characters). */
    LINK_SIGNING_SECRET: optionalString.pipe(z.string().min(32).optional()),
    LINK_TTL_DAYS: z.coerce.number().int().min(1).max(730).default(120),
    /** Level of the JSON logs on stdout: the API's request log and the Worker's (`silent`: none). */
    LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
    /**
     * The first secretariat user (signs in with an emailed link), created when no active secretariat user
     * exists. Development default: the demo secretariat's address, whose mail lands in the mail catcher.
     */
    BOOTSTRAP_SECRETARIAT_EMAIL: optionalString.pipe(z.email().optional()),
    BOOTSTRAP_SECRETARIAT_NAME: z.string().trim().min(1).max(200).default('Secretariado técnico del GTI 1325'),
    /** Bearer token for secretariat routes; required in production. */
    SECRETARIAT_TOKEN: optionalString.pipe(z.string().min(16).optional()),

    // Operating it
    /**
     * Bearer token that may read /metrics (a scraper's, which cannot act as the secretariat). /metrics also
     * accepts SECRETARIAT_TOKEN; with neither set (development) it is open.
     */
    METRICS_TOKEN: optionalString.pipe(z.string().min(16).optional()),
    /** How long each /readyz check (Temporal, PostgreSQL, SMTP) may take before it counts as unreachable. */
    READINESS_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2000),
    /**
     * `ip:port` where the Worker's Temporal runtime serves its Prometheus metrics (`/metrics`, no
     * authentication: bind it to loopback or a private interface). Unset: not served.
     */
    TEMPORAL_METRICS_BIND_ADDRESS: optionalString.pipe(
      z
        .string()
        .regex(/^(\d{1,3}(\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/, 'must be ip:port (an IP address, not a name), e.g. 127.0.0.1:9464')
        .refine((v) => Number(v.slice(v.lastIndexOf(':') + 1)) <= 65535, 'port must be 0–65535')
        .optional(),
    ),

    // Schedules (domain/schedule-config.ts): the yearly cycle's and the plan reviews'
    ...SCHEDULE_ENV_SHAPE,
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production') {
      for (const key of ['TEMPORAL_ADDRESS', 'DATABASE_URL', 'SMTP_HOST', 'LINK_SIGNING_SECRET', 'SECRETARIAT_TOKEN'] as const) {
        if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required when NODE_ENV=production` });
      }
    }
    if ((c.TEMPORAL_TLS_CERT_PATH === undefined) !== (c.TEMPORAL_TLS_KEY_PATH === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['TEMPORAL_TLS_KEY_PATH'],
        message: 'TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together (mTLS client certificate)',
      });
    }
    if ((c.SMTP_USER === undefined) !== (c.SMTP_PASSWORD === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_PASSWORD'], message: 'SMTP_USER and SMTP_PASSWORD must be set together' });
    }
  })
  // Links follow the port the API listens on unless a public address is given (HTTP_PORT=3100 alone gave
  // links to :3000 before).
  .transform((c) => ({ ...c, PUBLIC_BASE_URL: c.PUBLIC_BASE_URL ?? `http://localhost:${c.HTTP_PORT}` }));

export type TConfig = z.infer<typeof ZConfig>;

/** Thrown by {@link parseConfig}; its message names every invalid variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment once. Empty strings count as unset. Throws {@link ConfigError} naming each
 * invalid variable, so start-up stops with a readable message.
 */
export function parseConfig(env: Record<string, string | undefined>): TConfig {
  const result = ZConfig.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
