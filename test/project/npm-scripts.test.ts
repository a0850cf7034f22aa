import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const scripts = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

describe('npm scripts', () => {
  it('npm start builds the page as well as the code before serving, so a changed web/ is never served stale', () => {
    const steps = scripts['start']!.split('&&').map((s) => s.trim());
    const serve = steps.findIndex((s) => s.includes('main.js start'));
    expect(serve).toBeGreaterThan(0);
    expect(steps.slice(0, serve)).toEqual(expect.arrayContaining(['npm run build', 'npm run build:web']));
  });
});
