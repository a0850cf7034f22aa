import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE = join(ROOT, 'src/cli/throughput-gc.ts');

/**
 * A real process that loads the module's source (through Vite), calls it or not, then allocates short-lived
 * objects with V8's trace of each collection on, and prints how long each young-generation collection ran on
 * the collector's helper threads.
 */
function helperTimes(call: boolean): number[] {
  const child = `
import { setFlagsFromString } from 'node:v8';
import { runnerImport } from 'vite';
const { module } = await runnerImport(${JSON.stringify(SOURCE)});
if (${call}) module.collectOnOwnThread();
setFlagsFromString('--trace-gc-nvp');
let kept = [];
for (let i = 0; i < 3e6; i += 1) {
  kept.push({ i, label: 'n' + i });
  if (kept.length > 200000) kept = [];
}
`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', child], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  expect(run.status, run.stderr).toBe(0);
  return [...run.stdout.matchAll(/gc=s .*?background\.scavenge\.parallel=([\d.]+)/g)].map((m) =>
    Number(m[1]),
  );
}

describe('collectOnOwnThread', () => {
  it('leaves the young generation to the JavaScript thread: no collection runs on a helper thread', () => {
    const own = helperTimes(true);
    expect(own.length).toBeGreaterThan(5);
    expect(own.every((ms) => ms === 0)).toBe(true);
    // the control: without the call, helpers share the collections wherever there is a second core
    if (cpus().length > 1) expect(helperTimes(false).some((ms) => ms > 0)).toBe(true);
  }, 60_000);
});
