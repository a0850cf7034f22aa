import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  readonly version?: string;
  readonly engines?: { readonly node?: string } | readonly string[];
}

const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  engines: { node: string };
};
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as {
  packages: Record<string, LockEntry>;
};

/** The oldest release of each Node line (20, 22, 24) that package.json accepts: npm ci must warn on none. */
function oldestAccepted(range: string): string[] {
  return [20, 22, 24].flatMap((major) => {
    for (let minor = 0; minor < 60; minor++) {
      const v = `${major}.${minor}.0`;
      if (semver.satisfies(v, range)) return [v];
    }
    return [];
  });
}

describe('supported Node versions', () => {
  it('accepts Node 20', () => {
    expect(oldestAccepted(manifest.engines.node)[0]).toMatch(/^20\./);
  });

  it('installs no package whose engines refuse a Node version package.json accepts (no EBADENGINE)', () => {
    const versions = oldestAccepted(manifest.engines.node);
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const engines = entry.engines;
      const range = engines && !Array.isArray(engines) ? (engines as { node?: string }).node : undefined;
      if (path === '' || range === undefined) continue;
      for (const v of versions)
        if (!semver.satisfies(v, range)) refused.push(`${path}@${entry.version}: node ${range} refuses ${v}`);
    }
    expect(refused).toEqual([]);
  });
});
