import { DateTime } from 'luxon';
import { z } from 'zod';
import { AppError } from '../../domain/app-error';
import { DEFAULT_ZONE } from '../../domain/business-calendar';
import { localizeZodIssues } from '../../domain/field-issues';
import { zInstitutionCode, zIsoDate, zYear, type Locale } from '../../domain/input-bounds';
import { DEFAULT_REPORTING_POLICY, mergePolicy, type TReportingPolicy, type TReportingPolicyOverride } from '../../domain/reporting-policy';
import type { OpenCycleFields } from '../../ui/pages/secretariat/cycles-page';
import type { OpenCycleBody } from '../commands/open-cycle';

/** The form pre-filled: this year, a deadline a month from today, the default policy. */
export function defaultOpenCycleFields(now: Date, policy: TReportingPolicy = DEFAULT_REPORTING_POLICY): OpenCycleFields {
  const today = DateTime.fromJSDate(now, { zone: DEFAULT_ZONE });
  return {
    year: String(today.year),
    deadline: today.plus({ days: 30 }).toISODate()!,
    institutions: '',
    sendTime: policy.sendTime,
    reminders: policy.reminders.businessDaysBefore.join(', '),
    onDeadlineDay: policy.reminders.onDeadlineDay,
    level1: String(policy.escalation.level1.businessDaysAfter),
    level2: String(policy.escalation.level2.businessDaysAfter),
    level3: String(policy.escalation.level3.businessDaysAfter),
    cutoff: String(policy.cutoffBusinessDaysAfter),
    correction: String(policy.correctionWindowBusinessDays),
  };
}

const ZFormBody = z.object({
  year: z.string().max(10).default(''),
  deadline: z.string().max(20).default(''),
  institutions: z.string().max(100_000).default(''),
  sendTime: z.string().max(10).default(''),
  reminders: z.string().max(200).default(''),
  onDeadlineDay: z.string().max(10).optional(),
  level1: z.string().max(10).default(''),
  level2: z.string().max(10).default(''),
  level3: z.string().max(10).default(''),
  cutoff: z.string().max(10).default(''),
  correction: z.string().max(10).default(''),
});

/** Which form field a policy path belongs to, and what to say there in Spanish. */
const POLICY_FIELDS: { prefix: string; field: keyof OpenCycleFields; es: string }[] = [
  { prefix: 'sendTime', field: 'sendTime', es: 'Escriba una hora HH:mm entre 00:00 y 23:59.' },
  { prefix: 'reminders', field: 'reminders', es: 'Escriba números enteros de días hábiles (de 1 a 60), sin repetir, separados por comas.' },
  { prefix: 'escalation.level1', field: 'level1', es: 'Escriba un número entero de días hábiles.' },
  { prefix: 'escalation.level2', field: 'level2', es: 'Escriba un número entero de días hábiles, mayor que el del nivel 1.' },
  { prefix: 'escalation.level3', field: 'level3', es: 'Escriba un número entero de días hábiles, mayor que el del nivel 2.' },
  { prefix: 'cutoffBusinessDaysAfter', field: 'cutoff', es: 'Escriba un número entero de días hábiles, mayor que el del último escalamiento.' },
  { prefix: 'correctionWindowBusinessDays', field: 'correction', es: 'Escriba un número entero de días hábiles entre 0 y 60.' },
];

const NOT_A_NUMBER = { 'es-MX': 'Escriba un número entero de días hábiles.', en: 'Write a whole number of business days.' };

/** A whole number of days as typed, or the text itself (refused by the policy's own rules). */
const days = (value: string): unknown => (/^\s*\d{1,4}\s*$/.test(value) ? Number(value) : value.trim() === '' ? undefined : value);

/**
 * Reads the open-cycle form: the fields as typed (to show them again) and either the command body or the
 * errors by field id, in the reader's language. Only the policy values that differ from the defaults are
 * sent as the cycle's policy; the policy's own rules (domain/reporting-policy) judge them.
 */
export function readOpenCycleForm(raw: unknown, lang: Locale, now: Date): { fields: OpenCycleFields; body?: OpenCycleBody; errors: Record<string, string> } {
  const form = ZFormBody.parse(raw ?? {});
  const fields: OpenCycleFields = { ...form, onDeadlineDay: form.onDeadlineDay === 'on' };
  const errors: Record<string, string> = {};
  const issue = (field: string, result: z.ZodSafeParseResult<unknown>) => {
    if (!result.success) errors[field] = localizeZodIssues({ issues: result.error.issues, lang })[0]?.message ?? '';
  };
  const year = zYear().safeParse(/^\d{1,6}$/.test(form.year.trim()) ? Number(form.year.trim()) : form.year.trim());
  issue('year', year);
  const deadline = zIsoDate().safeParse(form.deadline.trim());
  issue('deadline', deadline);
  const codes = form.institutions.split(/[\s,;]+/).filter(Boolean).map((c) => c.toUpperCase());
  const institutions = z.array(zInstitutionCode()).max(10_000).safeParse(codes);
  issue('institutions', institutions);

  const defaults = defaultOpenCycleFields(now);
  const override: Record<string, unknown> = {};
  const numbers: [keyof OpenCycleFields, string][] = [['level1', form.level1], ['level2', form.level2], ['level3', form.level3], ['cutoff', form.cutoff], ['correction', form.correction]];
  for (const [field, value] of numbers) if (typeof days(value) === 'string') errors[field] = NOT_A_NUMBER[lang];
  if (form.sendTime !== defaults.sendTime) override.sendTime = form.sendTime.trim();
  const reminders = form.reminders.split(/[\s,;]+/).filter(Boolean).map(days);
  if (form.reminders.replace(/\s/g, '') !== defaults.reminders.replace(/\s/g, '') || fields.onDeadlineDay !== defaults.onDeadlineDay) {
    override.reminders = { businessDaysBefore: reminders, onDeadlineDay: fields.onDeadlineDay };
  }
  const escalation: Record<string, unknown> = {};
  for (const level of [1, 2, 3] as const) {
    const key = `level${level}` as const;
    if (form[key] !== defaults[key]) escalation[key] = { businessDaysAfter: days(form[key]) };
  }
  if (Object.keys(escalation).length) override.escalation = escalation;
  if (form.cutoff !== defaults.cutoff) override.cutoffBusinessDaysAfter = days(form.cutoff);
  if (form.correction !== defaults.correction) override.correctionWindowBusinessDays = days(form.correction);
  try {
    mergePolicy({ base: DEFAULT_REPORTING_POLICY, override: override as TReportingPolicyOverride });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    for (const [path, reason] of Object.entries(err.fields ?? {})) {
      const at = POLICY_FIELDS.find((p) => path.startsWith(p.prefix));
      if (at && !errors[at.field]) errors[at.field] = lang === 'en' ? `${reason[0].toUpperCase()}${reason.slice(1)}.` : at.es;
    }
  }
  if (Object.keys(errors).length || !year.success || !deadline.success || !institutions.success) return { fields, errors };
  return {
    fields,
    errors,
    body: {
      year: year.data,
      deadline: deadline.data,
      ...(codes.length ? { institutions: institutions.data } : {}),
      ...(Object.keys(override).length ? { policy: override } : {}),
    },
  };
}
