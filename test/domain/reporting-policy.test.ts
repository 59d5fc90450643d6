import { AppError } from '../../domain/app-error';
import {
  DEFAULT_REPORTING_POLICY,
  mergePolicy,
  parseReportingPolicy,
  ZReportingPolicy,
  type TReportingPolicy,
  type TReportingPolicyOverride,
} from '../../domain/reporting-policy';

const EXPECTED_DEFAULT: TReportingPolicy = {
  sendTime: '09:00',
  reminders: { businessDaysBefore: [10, 5, 1], onDeadlineDay: true },
  escalation: {
    level1: { enabled: true, businessDaysAfter: 3, recipients: ['CONTACT', 'ALTERNATE'] },
    level2: { enabled: true, businessDaysAfter: 10, recipients: ['LIAISON_HEAD'] },
    level3: { enabled: true, businessDaysAfter: 20, recipients: ['SECRETARIAT'] },
  },
  cutoffBusinessDaysAfter: 30,
  correctionWindowBusinessDays: 10,
};

/** The AppError thrown by `fn`, to assert on its message and fields. */
function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError, nothing was thrown');
}

describe('ZReportingPolicy defaults', () => {
  it('parses {} into the default policy', () => {
    expect(ZReportingPolicy.parse({})).toEqual(EXPECTED_DEFAULT);
    expect(DEFAULT_REPORTING_POLICY).toEqual(EXPECTED_DEFAULT);
  });

  it('fills the defaults of nested fields that are left out', () => {
    expect(parseReportingPolicy({ reminders: { onDeadlineDay: false }, escalation: { level2: { businessDaysAfter: 8 } } })).toEqual({
      ...EXPECTED_DEFAULT,
      reminders: { businessDaysBefore: [10, 5, 1], onDeadlineDay: false },
      escalation: { ...EXPECTED_DEFAULT.escalation, level2: { enabled: true, businessDaysAfter: 8, recipients: ['LIAISON_HEAD'] } },
    });
  });

  it('round-trips through JSON (stored with the cycle)', () => {
    expect(parseReportingPolicy(JSON.parse(JSON.stringify(DEFAULT_REPORTING_POLICY)))).toEqual(EXPECTED_DEFAULT);
  });

  it('gives each parse its own arrays, so no caller can alter the defaults of another', () => {
    const a = ZReportingPolicy.parse({});
    a.reminders.businessDaysBefore.push(20);
    expect(ZReportingPolicy.parse({}).reminders.businessDaysBefore).toEqual([10, 5, 1]);
  });
});

describe('parseReportingPolicy validation messages', () => {
  it.each<[string, unknown, Record<string, string>]>([
    ['an unknown key', { reminder: { businessDaysBefore: [3] } }, { reminder: 'is not a setting of the reporting policy' }],
    ['a nested unknown key', { escalation: { levl2: {} } }, { 'escalation.levl2': 'is not a setting of the reporting policy' }],
    ['a send time that is not HH:mm', { sendTime: '9am' }, { sendTime: 'must be a local time HH:mm between 00:00 and 23:59' }],
    ['a repeated reminder day', { reminders: { businessDaysBefore: [5, 5] } }, { 'reminders.businessDaysBefore': 'must not repeat a day' }],
    ['a reminder on day 0', { reminders: { businessDaysBefore: [0] } }, { 'reminders.businessDaysBefore.0': 'must be at least 1 business day' }],
    ['a fractional reminder day', { reminders: { businessDaysBefore: [2.5] } }, { 'reminders.businessDaysBefore.0': 'must be a whole number of business days' }],
    ['a reminder day given as text', { reminders: { businessDaysBefore: ['5'] } }, { 'reminders.businessDaysBefore.0': 'must be a number of business days' }],
    ['a reminder too far ahead', { reminders: { businessDaysBefore: [100] } }, { 'reminders.businessDaysBefore.0': 'must be at most 60 business days' }],
    ['no escalation recipients', { escalation: { level1: { recipients: [] } } }, { 'escalation.level1.recipients': 'must name at least one recipient role' }],
    [
      'an unknown recipient role',
      { escalation: { level1: { recipients: ['BOSS'] } } },
      { 'escalation.level1.recipients.0': 'must be one of CONTACT, ALTERNATE, LIAISON_HEAD, SECRETARIAT' },
    ],
    [
      'escalation levels out of order',
      { escalation: { level2: { businessDaysAfter: 3 } } },
      { 'escalation.level2.businessDaysAfter': "must be more than level 1's 3 business days" },
    ],
    [
      'a cut-off before the last escalation',
      { cutoffBusinessDaysAfter: 20 },
      { cutoffBusinessDaysAfter: "must be more than the last escalation's 20 business days (level 3)" },
    ],
    ['a negative correction window', { correctionWindowBusinessDays: -1 }, { correctionWindowBusinessDays: 'must be 0 (no corrections) or more' }],
    ['a policy that is not an object', 'strict', { '(policy)': 'Invalid input: expected object, received string' }],
  ])('rejects %s', (_what, input, fields) => {
    const error = errorOf(() => parseReportingPolicy(input));
    expect(error.code).toBe('VALIDATION');
    expect(error.fields).toEqual(fields);
    const [path, reason] = Object.entries(fields)[0];
    expect(error.message).toBe(`Invalid reporting policy: ${path}: ${reason}`);
  });

  it('lists every problem at once', () => {
    const error = errorOf(() => parseReportingPolicy({ sendTime: '25:00', cutoffBusinessDaysAfter: 0, extra: true }));
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['cutoffBusinessDaysAfter', 'extra', 'sendTime']);
    expect(error.message).toContain('sendTime: must be a local time HH:mm between 00:00 and 23:59');
    expect(error.message).toContain('cutoffBusinessDaysAfter: must be at least 1 business day');
  });

  it('compares only enabled escalation levels', () => {
    const policy = parseReportingPolicy({ escalation: { level3: { enabled: false } }, cutoffBusinessDaysAfter: 15 });
    expect(policy.cutoffBusinessDaysAfter).toBe(15);
    const skipLevel2 = parseReportingPolicy({ escalation: { level2: { enabled: false, businessDaysAfter: 1 } } });
    expect(skipLevel2.escalation.level2.enabled).toBe(false);
  });

  it('accepts no reminders and no correction window', () => {
    const policy = parseReportingPolicy({ reminders: { businessDaysBefore: [], onDeadlineDay: false }, correctionWindowBusinessDays: 0 });
    expect(policy.reminders.businessDaysBefore).toEqual([]);
    expect(policy.correctionWindowBusinessDays).toBe(0);
  });
});

describe('mergePolicy', () => {
  it('returns the base when there is no override', () => {
    expect(mergePolicy({ base: DEFAULT_REPORTING_POLICY })).toEqual(EXPECTED_DEFAULT);
    expect(mergePolicy({ base: DEFAULT_REPORTING_POLICY, override: null })).toEqual(EXPECTED_DEFAULT);
    expect(mergePolicy({ base: DEFAULT_REPORTING_POLICY, override: {} })).toEqual(EXPECTED_DEFAULT);
  });

  it('merges objects key by key and replaces arrays whole', () => {
    const merged = mergePolicy({
      base: DEFAULT_REPORTING_POLICY,
      override: { reminders: { businessDaysBefore: [15, 5] }, escalation: { level2: { businessDaysAfter: 8 } } },
    });
    expect(merged.reminders).toEqual({ businessDaysBefore: [15, 5], onDeadlineDay: true });
    expect(merged.escalation.level2).toEqual({ enabled: true, businessDaysAfter: 8, recipients: ['LIAISON_HEAD'] });
    expect(merged.escalation.level1).toEqual(EXPECTED_DEFAULT.escalation.level1);
    expect(merged.escalation.level3).toEqual(EXPECTED_DEFAULT.escalation.level3);
    expect(merged.sendTime).toBe('09:00');
  });

  it('lays an institution override over a cycle policy that is not the default', () => {
    const cycle = parseReportingPolicy({ sendTime: '10:00', cutoffBusinessDaysAfter: 40, escalation: { level3: { businessDaysAfter: 25 } } });
    const merged = mergePolicy({ base: cycle, override: { escalation: { level3: { recipients: ['SECRETARIAT', 'LIAISON_HEAD'] } } } });
    expect(merged.sendTime).toBe('10:00');
    expect(merged.cutoffBusinessDaysAfter).toBe(40);
    expect(merged.escalation.level3).toEqual({ enabled: true, businessDaysAfter: 25, recipients: ['SECRETARIAT', 'LIAISON_HEAD'] });
  });

  it('changes neither the base nor the override', () => {
    const base = parseReportingPolicy({});
    const override: TReportingPolicyOverride = { reminders: { businessDaysBefore: [7] } };
    const snapshot = JSON.stringify({ base, override });
    const merged = mergePolicy({ base, override });
    merged.reminders.businessDaysBefore.push(3);
    expect(JSON.stringify({ base, override })).toBe(snapshot);
  });

  it('validates the merged policy, naming the full path', () => {
    // Each value is fine alone; with this base the cut-off lands before level 3.
    const error = errorOf(() => mergePolicy({ base: DEFAULT_REPORTING_POLICY, override: { cutoffBusinessDaysAfter: 15 } }));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe(
      "Invalid reporting policy: cutoffBusinessDaysAfter: must be more than the last escalation's 20 business days (level 3)",
    );
    const levels = errorOf(() => mergePolicy({ base: DEFAULT_REPORTING_POLICY, override: { escalation: { level1: { businessDaysAfter: 12 } } } }));
    expect(levels.fields).toEqual({ 'escalation.level2.businessDaysAfter': "must be more than level 1's 12 business days" });
  });

  it('checks overrides that arrive as JSON at runtime', () => {
    const typo = JSON.parse('{"escalation":{"level2":{"businessDays":8}}}') as TReportingPolicyOverride;
    expect(errorOf(() => mergePolicy({ base: DEFAULT_REPORTING_POLICY, override: typo })).fields).toEqual({
      'escalation.level2.businessDays': 'is not a setting of the reporting policy',
    });
    const wrongType = JSON.parse('{"reminders":5}') as TReportingPolicyOverride;
    expect(errorOf(() => mergePolicy({ base: DEFAULT_REPORTING_POLICY, override: wrongType })).fields).toEqual({
      reminders: 'Invalid input: expected object, received number',
    });
    const notAnObject = [1, 2] as unknown as TReportingPolicyOverride;
    expect(errorOf(() => mergePolicy({ base: DEFAULT_REPORTING_POLICY, override: notAnObject })).message).toBe(
      'Invalid reporting policy override: must be an object',
    );
  });

  it('rejects a "__proto__" key without touching any prototype', () => {
    const hostile = JSON.parse('{"__proto__":{"sendTime":"03:00"},"reminders":{"__proto__":{"polluted":true}}}') as TReportingPolicyOverride;
    const error = errorOf(() => mergePolicy({ base: DEFAULT_REPORTING_POLICY, override: hostile }));
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['__proto__', 'reminders.__proto__']);
    expect(error.fields).toEqual({
      ['__proto__']: 'is not a setting of the reporting policy',
      'reminders.__proto__': 'is not a setting of the reporting policy',
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).sendTime).toBeUndefined();
  });
});
