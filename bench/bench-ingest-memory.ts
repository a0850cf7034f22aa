import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CliIo } from '../src/cli/cli-io.js';
import { runCli } from '../src/cli/run-cli.js';
import { writeSyntheticCorpus } from './synthetic-corpus.js';

export interface IngestMemory {
  readonly docs: number;
  /** The ingest alone, not the writing of the corpus. */
  readonly seconds: number;
  /** Peak resident memory of the process (max RSS), which ran nothing but this ingest. */
  readonly peakMb: number;
  /** The summary line `faultline ingest` printed. */
  readonly summary: string;
  readonly exitCode: number;
}

/**
 * `faultline ingest` of a generated corpus folder into a new SQLite file: reading, cleaning, storing, extracting
 * and resolving as the run goes (issue 9, defect 10: 100,000 documents once took 1.36 GB, every mention held
 * until the end). Runs the command in this process, so that the process's peak memory is the command's: call it
 * in a fresh process. The corpus is written first, one article at a time, and removed after.
 */
export async function ingestCorpusInProcess(count: number, seed = 7): Promise<IngestMemory> {
  const dir = await mkdtemp(join(tmpdir(), 'faultline-ingest-memory-'));
  try {
    const corpus = join(dir, 'corpus');
    await writeSyntheticCorpus(corpus, count, seed);
    const lines: string[] = [];
    const stdin = new PassThrough();
    stdin.end();
    const io: CliIo = {
      out: () => undefined,
      err: (line) => lines.push(line),
      env: {},
      stdin,
      // not a terminal: the progress line stays quiet, as in a script or a scheduled job
      stderr: Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream,
      cpus: cpus().length,
    };
    const started = performance.now();
    const exitCode = await runCli(['ingest', corpus, '--db', join(dir, 'ingest.db')], io);
    const seconds = (performance.now() - started) / 1000;
    return {
      docs: count,
      seconds,
      peakMb: Math.round(process.resourceUsage().maxRSS / 1024),
      summary: lines.at(-1) ?? '',
      exitCode,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
