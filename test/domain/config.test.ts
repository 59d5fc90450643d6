import { ConfigError, parseConfig } from '../../domain/config';

describe('parseConfig', () => {
  it('gives embedded defaults for an empty environment', () => {
    const c = parseConfig({});
    expect(c.TEMPORAL_ADDRESS).toBeUndefined();
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.SMTP_HOST).toBeUndefined();
    expect(c.TEMPORAL_NAMESPACE).toBe('default');
    expect(c.HTTP_PORT).toBe(3000);
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
