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

  it('knows real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-5-1')).toBe(false);
  });
});
