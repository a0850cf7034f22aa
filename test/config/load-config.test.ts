import { describe, expect, it } from 'vitest';
import { isIsoDate, loadConfig } from '../../src/config/load-config.js';

const defaults = { dataDir: '/data', cpus: 2 };

describe('loadConfig', () => {
  it('fills defaults and freezes the result', () => {
    const c = loadConfig({}, {}, defaults);
    expect(c.dbPath).toBe('./faultline.db');
    expect(c.databaseUrl).toBeNull();
    expect(c.maxBytes).toBe(5 * 1024 * 1024);
    expect(c.countries).toContain('PK');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('lets flags win over the environment', () => {
    const env = { DATABASE_URL: 'postgres://a@h/db', FAULTLINE_API_TOKEN: 't' };
    expect(loadConfig({}, env, defaults).databaseUrl).toBe('postgres://a@h/db');
    expect(loadConfig({ databaseUrl: 'postgres://b@h/x' }, env, defaults).databaseUrl).toBe(
      'postgres://b@h/x',
    );
    expect(loadConfig({}, env, defaults).apiToken).toBe('t');
  });

  it('rejects bad values with the setting named', () => {
    expect(() => loadConfig({ published: '2025-13-01' }, {}, defaults)).toThrow(/--published 2025-13-01/);
    expect(() => loadConfig({ maxBytes: '-3' }, {}, defaults)).toThrow(/--max-bytes/);
    expect(() => loadConfig({ countries: 'PAK' }, {}, defaults)).toThrow(/--countries/);
    expect(() => loadConfig({ databaseUrl: 'mysql://x' }, {}, defaults)).toThrow(/--database-url/);
  });

  it('keeps the event index on unless --no-event-index or FAULTLINE_EVENT_INDEX=0 turns it off', () => {
    expect(loadConfig({}, {}, defaults).eventIndex).toBe(true);
    expect(loadConfig({ eventIndex: false }, {}, defaults).eventIndex).toBe(false);
    expect(loadConfig({}, { FAULTLINE_EVENT_INDEX: '0' }, defaults).eventIndex).toBe(false);
    // the flag wins over the environment
    expect(loadConfig({ eventIndex: true }, { FAULTLINE_EVENT_INDEX: 'off' }, defaults).eventIndex).toBe(
      true,
    );
    expect(() => loadConfig({}, { FAULTLINE_EVENT_INDEX: 'sometimes' }, defaults)).toThrow(
      /FAULTLINE_EVENT_INDEX/,
    );
  });

  it('reads the sign-in settings: --require-auth or FAULTLINE_REQUIRE_AUTH, and the session length', () => {
    const plain = loadConfig({}, {}, defaults);
    expect([plain.requireAuth, plain.sessionSeconds]).toEqual([false, 12 * 3600]);
    expect(loadConfig({ requireAuth: true }, {}, defaults).requireAuth).toBe(true);
    expect(loadConfig({}, { FAULTLINE_REQUIRE_AUTH: 'yes' }, defaults).requireAuth).toBe(true);
    expect(loadConfig({}, { FAULTLINE_REQUIRE_AUTH: '0' }, defaults).requireAuth).toBe(false);
    expect(loadConfig({}, { FAULTLINE_SESSION_HOURS: '2' }, defaults).sessionSeconds).toBe(7200);
    expect(() => loadConfig({}, { FAULTLINE_REQUIRE_AUTH: 'maybe' }, defaults)).toThrow(
      /FAULTLINE_REQUIRE_AUTH/,
    );
    expect(() => loadConfig({}, { FAULTLINE_SESSION_HOURS: '0' }, defaults)).toThrow(
      /FAULTLINE_SESSION_HOURS/,
    );
    expect(() => loadConfig({}, { FAULTLINE_SESSION_HOURS: '9999' }, defaults)).toThrow(/at most 744/);
  });

  it('knows real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-5-1')).toBe(false);
  });
});
