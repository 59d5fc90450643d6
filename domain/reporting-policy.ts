import { z } from 'zod';
import { AppError } from './app-error';

/**
 * Who an escalation email is addressed to. The activity that sends it resolves each role to addresses
 * from the institution's record.
 */
export const RecipientRole = {
  /** The institution's designated contact for NAP-1325 reporting. */
  CONTACT: 'CONTACT',
  /** The contact's designated alternate. */
  ALTERNATE: 'ALTERNATE',
  /** The head of the institution's liaison unit (titular de la unidad de enlace). */
  LIAISON_HEAD: 'LIAISON_HEAD',
  /** The working group's technical secretariat. */
  SECRETARIAT: 'SECRETARIAT',
} as const;
export type RecipientRole = (typeof RecipientRole)[keyof typeof RecipientRole];

/** Escalation levels, from the contacts (1) to the working group's secretariat (3). */
export const ESCALATION_LEVELS = [1, 2, 3] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/** Upper bounds that catch typos (a reminder 100 business days before is almost surely 10). */
const MAX_REMINDER_BUSINESS_DAYS = 60;
const MAX_AFTER_DEADLINE_BUSINESS_DAYS = 250; // about one working year

const ZBusinessDays = (max: number) =>
  z
    .number({ error: 'must be a number of business days' })
    .int('must be a whole number of business days')
    .min(1, 'must be at least 1 business day')
    .max(max, `must be at most ${max} business days`);

const ZEscalationLevel = (defaults: { businessDaysAfter: number; recipients: RecipientRole[] }) =>
  z
    .strictObject({
      /** Whether this level is used. A disabled level is skipped; the other levels keep their days. */
      enabled: z.boolean({ error: 'must be true or false' }).default(true),
      /** Business days after the (effective) deadline date; the email goes out at `sendTime` that day. */
      businessDaysAfter: ZBusinessDays(MAX_AFTER_DEADLINE_BUSINESS_DAYS).default(defaults.businessDaysAfter),
      /** Roles the escalation email is addressed to; at least one, no repeats. */
      recipients: z
        .array(z.enum(RecipientRole, { error: `must be one of ${Object.values(RecipientRole).join(', ')}` }), {
          error: 'must be a list of recipient roles',
        })
        .min(1, 'must name at least one recipient role')
        .refine((roles) => new Set(roles).size === roles.length, 'must not repeat a recipient role')
        .default(defaults.recipients),
    })
    .prefault({});

/**
 * The reporting policy of a cycle: when the data request, reminders, escalations and cut-off happen,
 * in business days of the cycle's business calendar (America/Mexico_City, LFT art. 74 rest days plus the
 * secretariat's extra holidays). Stored with the cycle as JSON and overridable per institution
 * ({@link mergePolicy}). Every field has a default, so `ZReportingPolicy.parse({})` is
 * {@link DEFAULT_REPORTING_POLICY}; unknown keys are rejected so that a typo is an error, not a silent
 * default.
 *
 * Fixed rules that are not settings: the request is sent when the cycle opens; the deadline is the end of
 * its day (23:59:59.999 local) and, when the chosen date is not a business day, the next business day
 * (see domain/compute-timeline).
 */
export const ZReportingPolicy = z
  .strictObject({
    /**
     * Local time of day (`HH:mm`, 24 h, in the calendar's zone) at which reminders and escalations go out.
     * Default `09:00`: the start of office hours, so a reminder is read the same morning.
     */
    sendTime: z
      .string({ error: 'must be a local time HH:mm' })
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:mm between 00:00 and 23:59')
      .default('09:00'),
    reminders: z
      .strictObject({
        /**
         * Business days before the deadline date on which a reminder is sent (each at `sendTime`).
         * Order does not matter; no repeats; `[]` sends none. Default `[10, 5, 1]`: two weeks, one week
         * and the day before.
         */
        businessDaysBefore: z
          .array(ZBusinessDays(MAX_REMINDER_BUSINESS_DAYS), { error: 'must be a list of numbers of business days' })
          .max(10, 'must list at most 10 reminders')
          .refine((days) => new Set(days).size === days.length, 'must not repeat a day')
          .default([10, 5, 1]),
        /** Whether a last reminder goes out on the deadline day itself, at `sendTime`. Default true. */
        onDeadlineDay: z.boolean({ error: 'must be true or false' }).default(true),
      })
      .prefault({}),
    /**
     * Escalation after a missed deadline, in three levels. Enabled levels must come on strictly increasing
     * days. Defaults: level 1 at +3 business days to the contact and alternate; level 2 at +10 to the head
     * of the institution's liaison unit; level 3 at +20 to the working group's secretariat.
     */
    escalation: z
      .strictObject({
        level1: ZEscalationLevel({ businessDaysAfter: 3, recipients: [RecipientRole.CONTACT, RecipientRole.ALTERNATE] }),
        level2: ZEscalationLevel({ businessDaysAfter: 10, recipients: [RecipientRole.LIAISON_HEAD] }),
        level3: ZEscalationLevel({ businessDaysAfter: 20, recipients: [RecipientRole.SECRETARIAT] }),
      })
      .prefault({}),
    /**
     * Business days after the deadline date at whose end (23:59:59.999 local) a request still without a
     * submission is closed as "not reported" for the annual report. Must come after every enabled
     * escalation. Default 30 (about six calendar weeks): it leaves two working weeks after the
     * secretariat's level-3 escalation (+20) for that intervention to produce the data, and still closes a
     * request due in late January by mid-March, in time to draft the annual report.
     */
    cutoffBusinessDaysAfter: ZBusinessDays(MAX_AFTER_DEADLINE_BUSINESS_DAYS).default(30),
    /**
     * Business days after a submission during which the institution may correct it; the window ends at
     * 23:59:59.999 local of the last day (see `computeCorrectionWindowEnd`). `0` means a submission is
     * final once sent. Default 10 (two working weeks), enough for the secretariat's review and the
     * institution's answer.
     */
    correctionWindowBusinessDays: z
      .number({ error: 'must be a number of business days' })
      .int('must be a whole number of business days')
      .min(0, 'must be 0 (no corrections) or more')
      .max(MAX_REMINDER_BUSINESS_DAYS, `must be at most ${MAX_REMINDER_BUSINESS_DAYS} business days`)
      .default(10),
  })
  .superRefine((policy, ctx) => {
    let previous: { level: EscalationLevel; days: number } | undefined;
    for (const level of ESCALATION_LEVELS) {
      const { enabled, businessDaysAfter } = policy.escalation[`level${level}`];
      if (!enabled) continue;
      if (previous && businessDaysAfter <= previous.days) {
        ctx.addIssue({
          code: 'custom',
          path: ['escalation', `level${level}`, 'businessDaysAfter'],
          message: `must be more than level ${previous.level}'s ${previous.days} business days`,
        });
      }
      previous = { level, days: businessDaysAfter };
    }
    if (previous && policy.cutoffBusinessDaysAfter <= previous.days) {
      ctx.addIssue({
        code: 'custom',
        path: ['cutoffBusinessDaysAfter'],
        message: `must be more than the last escalation's ${previous.days} business days (level ${previous.level})`,
      });
    }
  });

export type TReportingPolicy = z.infer<typeof ZReportingPolicy>;
export type TEscalationLevelPolicy = TReportingPolicy['escalation']['level1'];

/** The default reporting policy, `ZReportingPolicy.parse({})`; see each field of {@link ZReportingPolicy}. */
export const DEFAULT_REPORTING_POLICY: TReportingPolicy = ZReportingPolicy.parse({});

/** Every field optional at every depth; arrays are replaced whole, never merged. */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** An institution's override of the cycle policy: any subset of {@link TReportingPolicy}, at any depth. */
export type TReportingPolicyOverride = DeepPartial<TReportingPolicy>;

/**
 * Validates a stored or submitted policy (JSON), filling defaults. Throws `AppError('VALIDATION')` whose
 * message lists every problem as `path: reason` and whose `fields` maps each path to its reason.
 */
export function parseReportingPolicy(input: unknown): TReportingPolicy {
  const result = ZReportingPolicy.safeParse(input);
  if (result.success) return result.data;
  throw policyError('Invalid reporting policy', result.error.issues);
}

/**
 * The policy for one institution: `override` laid over `base`, then validated as a whole. Objects merge
 * key by key at any depth; arrays (reminder days, recipients) and scalars replace the base value; a key
 * absent or `undefined` keeps the base value. `null` or `undefined` as the whole override returns the
 * (validated) base. The result is validated because a valid override can make an invalid policy with a
 * given base (level 2 moved before level 1); errors name the full path, e.g.
 * `escalation.level2.businessDaysAfter: must be more than level 1's 3 business days`.
 * Throws `AppError('VALIDATION')`; the override is also checked at runtime, since it usually comes from
 * JSON.
 */
export function mergePolicy({
  base,
  override,
}: {
  base: TReportingPolicy;
  override?: TReportingPolicyOverride | null;
}): TReportingPolicy {
  if (override === undefined || override === null) return parseReportingPolicy(base);
  if (!isPlainObject(override)) {
    throw new AppError('VALIDATION', 'Invalid reporting policy override: must be an object', { '(override)': 'must be an object' });
  }
  return parseReportingPolicy(mergeDeep(base, override));
}

function mergeDeep(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const keys = new Set([...Object.keys(base), ...Object.keys(override)]);
  // Object.fromEntries defines own properties, so a JSON key "__proto__" stays a plain (rejected) key.
  return Object.fromEntries([...keys].map((key) => [key, mergeDeep(Object.hasOwn(base, key) ? base[key] : undefined, override[key])]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function policyError(title: string, issues: readonly z.core.$ZodIssue[]): AppError {
  const byPath = new Map<string, string>();
  const add = (segments: readonly PropertyKey[], message: string) => {
    const path = segments.map(String).join('.') || '(policy)';
    const earlier = byPath.get(path);
    byPath.set(path, earlier ? `${earlier}; ${message}` : message);
  };
  for (const issue of issues) {
    // One entry per unknown key, named by its own path: "escalation.levl2: is not a setting …".
    if (issue.code === 'unrecognized_keys') issue.keys.forEach((key) => add([...issue.path, key], 'is not a setting of the reporting policy'));
    else add(issue.path, issue.message);
  }
  const detail = [...byPath].map(([path, message]) => `${path}: ${message}`).join('; ');
  // fromEntries defines own properties, so even a "__proto__" path is kept as a plain entry.
  return new AppError('VALIDATION', `${title}: ${detail}`, Object.fromEntries(byPath));
}

/**
 * The policy in force for one request: the cycle's stored policy (JSON, validated with its defaults) with
 * the institution's override laid over it ({@link mergePolicy}). What the workflow's timeline, the
 * correction window and the pages all read.
 */
export function policyInForce({ cyclePolicy, override }: { cyclePolicy: unknown; override?: unknown }): TReportingPolicy {
  return mergePolicy({ base: parseReportingPolicy(cyclePolicy ?? {}), override: (override ?? null) as TReportingPolicyOverride | null });
}
