import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCE = join(ROOT, 'src/store/sqlite/sqlite-store.ts');
const PROCESSES = 4;
const ROUNDS = 8;

/**
 * A real process that loads the store's source once (through Vite, which compiles TypeScript), then opens the
 * file named on each stdin line and answers 'opened' or 'failed <reason>'. Loading is slow and opening is fast,
 * so every process loads first and the test then releases them all at once on each new file.
 */
const CHILD = `
import { createInterface } from 'node:readline';
import { runnerImport } from 'vite';
const { module } = await runnerImport(${JSON.stringify(SOURCE)});
process.stdout.write('ready\\n');
for await (const path of createInterface({ input: process.stdin })) {
  try {
    const store = await module.openSqliteStore({ path });
    await store.countDocuments();
    await store.close();
    process.stdout.write('opened\\n');
  } catch (error) {
    process.stdout.write('failed ' + String(error.message).replace(/\\n/g, ' ') + '\\n');
  }
}
`;

interface Child {
  readonly process: ChildProcessWithoutNullStreams;
  readonly next: () => Promise<string>;
}

function startChild(): Child {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], { cwd: ROOT });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return {
    process: child,
    next: async () => {
      const line = await lines.next();
      if (line.done) throw new Error(`child exited: ${stderr}`);
      return line.value;
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'faultline-migration-lock-'));
let children: Child[] = [];

beforeAll(async () => {
  children = Array.from({ length: PROCESSES }, startChild);
  for (const child of children) expect(await child.next()).toBe('ready');
}, 60_000);

afterAll(() => {
  for (const child of children) child.process.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('SQLite migrations under concurrent first opens', () => {
  it(`lets ${PROCESSES} processes open one brand-new file at once, ${ROUNDS} times over`, async () => {
    const answers: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const path = join(dir, `new-${round}.db`);
      for (const child of children) child.process.stdin.write(`${path}\n`);
      answers.push(...(await Promise.all(children.map((c) => c.next()))));
    }
    expect(answers.filter((a) => a !== 'opened')).toEqual([]);
  }, 60_000);
});
