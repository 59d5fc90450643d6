import { ConfigError, parseConfig } from '../../domain/config';
import { scheduleConfig } from '../../domain/schedule-config';

describe('parseConfig', () => {
  it('gives embedded defaults for an empty environment', () => {
    const c = parseConfig({});
    expect(c.TEMPORAL_ADDRESS).toBeUndefined();
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.SMTP_HOST).toBeUndefined();
    expect(c.TEMPORAL_NAMESPACE).toBe('default');
    expect(c.HTTP_PORT).toBe(3000);
    expect(c.PUBLIC_BASE_URL).toBe('http://localhost:3000');
  });

  it("puts the API's port in the links unless a public address is given", () => {
    expect(parseConfig({ HTTP_PORT: '3100' }).PUBLIC_BASE_URL).toBe('http://localhost:3100');
    expect(parseConfig({ HTTP_PORT: '3100', PUBLIC_BASE_URL: 'https://pna1325.sre.gob.mx' }).PUBLIC_BASE_URL).toBe('https://pna1325.sre.gob.mx');
    expect(parseConfig({ HTTP_PORT: '3100', PUBLIC_BASE_URL: '' }).PUBLIC_BASE_URL).toBe('http://localhost:3100');
    expect(() => parseConfig({ PUBLIC_BASE_URL: 'not a url' })).toThrow(/PUBLIC_BASE_URL/);
  });

  it('treats empty strings as unset and coerces numbers and booleans', () => {
    const c = parseConfig({ DATABASE_URL: '', SMTP_PORT: '465', SMTP_SECURE: 'true', TEMPORAL_TLS: '1' });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.SMTP_PORT).toBe(465);
    expect(c.SMTP_SECURE).toBe(true);
    expect(c.TEMPORAL_TLS).toBe(true);
  });

  it('names every invalid variable', () => {
    expect(() => parseConfig({ HTTP_PORT: 'eighty', DATABASE_URL: 'mysql://x', LINK_SIGNING_SECRET: 'short' })).toThrow(ConfigError);
    try {
      parseConfig({ HTTP_PORT: 'eighty', DATABASE_URL: 'mysql://x', LINK_SIGNING_SECRET: 'short' });
    } catch (err) {
      expect((err as Error).message).toMatch(/HTTP_PORT/);
      expect((err as Error).message).toMatch(/DATABASE_URL/);
      expect((err as Error).message).toMatch(/LINK_SIGNING_SECRET/);
    }
  });

  it('requires external services and secrets in production, and paired credentials', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/TEMPORAL_ADDRESS is required[\s\S]*SECRETARIAT_TOKEN is required/);
    expect(() => parseConfig({ TEMPORAL_TLS_CERT_PATH: '/a.pem' })).toThrow(/TEMPORAL_TLS_KEY_PATH/);
    expect(() => parseConfig({ SMTP_USER: 'u' })).toThrow(/SMTP_PASSWORD/);
    const cloud = parseConfig({
      NODE_ENV: 'production',
      TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
      TEMPORAL_API_KEY: 'k',
      DATABASE_URL: 'postgresql://u:p@db:5432/nap',
      SMTP_HOST: 'smtp.example.org',
      LINK_SIGNING_SECRET: 's'.repeat(32),
      SECRETARIAT_TOKEN: 't'.repeat(20),
    });
    expect(cloud.TEMPORAL_API_KEY).toBe('k');
  });

  it('reads the operating settings: metrics token, readiness limit, the Worker\'s metrics address (off by default)', () => {
    const d = parseConfig({});
    expect(d.METRICS_TOKEN).toBeUndefined();
    expect(d.READINESS_TIMEOUT_MS).toBe(2000);
    expect(d.TEMPORAL_METRICS_BIND_ADDRESS).toBeUndefined();
    const c = parseConfig({ METRICS_TOKEN: 'm'.repeat(16), READINESS_TIMEOUT_MS: '500', TEMPORAL_METRICS_BIND_ADDRESS: '127.0.0.1:9464' });
    expect(c).toMatchObject({ METRICS_TOKEN: 'm'.repeat(16), READINESS_TIMEOUT_MS: 500, TEMPORAL_METRICS_BIND_ADDRESS: '127.0.0.1:9464' });
    expect(parseConfig({ TEMPORAL_METRICS_BIND_ADDRESS: '[::1]:9464' }).TEMPORAL_METRICS_BIND_ADDRESS).toBe('[::1]:9464');
    // The Temporal runtime binds an IP address: a host name would fail only at start, so it fails here.
    expect(() => parseConfig({ TEMPORAL_METRICS_BIND_ADDRESS: 'localhost:9464' })).toThrow(/TEMPORAL_METRICS_BIND_ADDRESS: must be ip:port/);
    expect(() => parseConfig({ TEMPORAL_METRICS_BIND_ADDRESS: '127.0.0.1:70000' })).toThrow(/TEMPORAL_METRICS_BIND_ADDRESS: port must be/);
    expect(() => parseConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
    expect(() => parseConfig({ READINESS_TIMEOUT_MS: '10' })).toThrow(/READINESS_TIMEOUT_MS/);
  });
});

describe('the schedules\' settings', () => {
  it('defaults: 2 January 09:00, 2nd business day, 20 business days, 30 days of catch-up, reviews at +3 and every 3 years', () => {
    expect(scheduleConfig(parseConfig({}))).toEqual({
      yearlyCycle: { enabled: true, month: 1, day: 2, time: '09:00', businessDay: 2, deadlineBusinessDays: 20 },
      planReview: { enabled: true, offsetYears: 3, intervalYears: 3, time: '09:00' },
      catchupWindowDays: 30,
    });
    expect(scheduleConfig(parseConfig({ SCHEDULE_YEARLY_CYCLE_ENABLED: 'false', SCHEDULE_YEARLY_CYCLE_DATE: '01-05', SCHEDULE_CATCHUP_WINDOW_DAYS: '7' }))).toMatchObject({ yearlyCycle: { enabled: false, month: 1, day: 5 }, catchupWindowDays: 7 });
  });

  it('names every invalid schedule variable', () => {
    const env = { SCHEDULE_YEARLY_CYCLE_DATE: '02-30', SCHEDULE_YEARLY_CYCLE_TIME: '9:00', SCHEDULE_YEARLY_CYCLE_BUSINESS_DAY: '0', SCHEDULE_YEARLY_CYCLE_DEADLINE_BUSINESS_DAYS: '5', SCHEDULE_CATCHUP_WINDOW_DAYS: 'x', SCHEDULE_PLAN_REVIEW_ENABLED: 'maybe', SCHEDULE_PLAN_REVIEW_OFFSET_YEARS: '0' };
    expect(() => parseConfig(env)).toThrow(ConfigError);
    const message = (() => {
      try {
        parseConfig(env);
        return '';
      } catch (err) {
        return (err as Error).message;
      }
    })();
    for (const name of Object.keys(env)) expect(message).toContain(name);
  });
});
