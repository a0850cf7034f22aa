import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { packageRoot } from '../src/cli/package-root.js';
import type { Backend } from './crash-stores.js';
import { crashTest } from './crash-test.js';

const USAGE = `npm run bench:crash -- [--docs N] [--kills N] [--seed N] [--body-chars N] [--database-url URL]
  Issue 9's crash test at full size (default 3,000 articles of ~5 KB, 13 kills) with the built CLI: SQLite, and
  PostgreSQL too when --database-url names a server where it may create and drop databases.`;

function count(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} ${value}: give a whole number above 0`);
  return n;
}

/** Runs the crash test on each backend asked for and prints its figures; exits 1 on any difference. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      docs: { type: 'string' },
      kills: { type: 'string' },
      seed: { type: 'string' },
      'body-chars': { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const docs = count(values.docs, 3000, 'docs');
  const kills = count(values.kills, 13, 'kills');
  const seed = count(values.seed, Date.now() % 100_000, 'seed');
  const bodyChars =
    values['body-chars'] === undefined ? {} : { bodyChars: count(values['body-chars'], 0, 'body-chars') };
  const cli = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
  const work = await mkdtemp(join(tmpdir(), 'faultline-crash-'));
  const backends: Backend[] = [{ kind: 'sqlite', dir: work }];
  if (values['database-url']) backends.push({ kind: 'postgres', url: values['database-url'] });
  let failed = false;
  try {
    let reference;
    for (const backend of backends) {
      console.log(`${backend.kind}: ${docs} documents, ${kills} kills, seed ${seed}`);
      const started = performance.now();
      const figures = await crashTest({
        cli,
        backend,
        workDir: work,
        docs,
        ...bodyChars,
        kills,
        seed,
        log: (line) => console.log(`  ${line}`),
        ...(reference ? { reference } : {}),
      });
      reference = figures.reference;
      const inResolve = figures.kills.filter((k) => k.command === 'resolve').length;
      console.log(
        `  ${figures.kills.length} kills (${inResolve} inside resolve); compared ${figures.documents} documents, ` +
          `${figures.mentions} mentions, ${figures.events} events, ${figures.operations} operations: ` +
          `${figures.differences.length} differences (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
      for (const d of figures.differences) console.log(`  ${d}`);
      if (figures.differences.length > 0) failed = true;
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
