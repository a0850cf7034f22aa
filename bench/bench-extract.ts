import { Worker } from 'node:worker_threads';
import { collectOnOwnThread } from '../src/cli/throughput-gc.js';
import type { Rate } from './bench-ingest.js';
import type { ExtractWorkerData, ExtractWorkerResult } from './bench-extract-worker.js';
import type { ExtractCorpus } from './extract-inputs.js';

/** Building the inputs (HTML through linkedom) leaves garbage that is not extraction's to collect. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export interface ThreadedRate extends Rate {
  readonly threads: number;
  /** CPU time of the whole process (the workers, V8's compiler and collector helpers) per second of the run. */
  readonly cores: number;
  /** The largest V8 heap (plus malloc) of any one worker, in MB. */
  readonly workerHeapMb: number;
}

/**
 * The documents warmed up on before the clock starts: enough for V8 to finish compiling the hot code, so the
 * figure is the rate of a worker that has been running a while, as a queue worker does. With fifty, the first
 * seconds of the run were still compiling on the second core, which flattered one thread and cost two. With 600
 * it still was: `--trace-opt` counted 116 optimising compilations (776 ms of compiler time) within the 3,000 timed
 * real articles and 88 (595 ms) within the generated ones, most of them functions run once a document, which
 * reach the compiler's thresholds late, and their recompilations after a late-seen shape; after 3,000 documents,
 * 40 (238 ms) and 18 (40 ms).
 */
export const WARM_UP_DOCS = 3000;

/**
 * Extraction on `threads` worker threads, each with its own knowledge. Each worker warms up on its own
 * documents, distinct from the timed ones; then the workers take the timed documents from one shared counter,
 * as queue workers take jobs, so none sits idle while another has a longer share. The clock runs from the go
 * to the last answer.
 */
export async function benchExtractThreads(
  count: number,
  dataDir: string,
  threads: number,
  corpus: ExtractCorpus = { kind: 'synthetic' },
): Promise<ThreadedRate> {
  // as `ingest`, `watch` and `worker` run (a V8 setting is the process's: its worker threads share it)
  collectOnOwnThread();
  const next = new Int32Array(new SharedArrayBuffer(4));
  const workers = Array.from({ length: threads }, () => {
    const workerData: ExtractWorkerData = { corpus, count, warmUp: WARM_UP_DOCS, dataDir, next };
    return new Worker(new URL('./bench-extract-worker.js', import.meta.url), { workerData });
  });
  try {
    await Promise.all(workers.map((w) => once(w)));
    const cpu = process.cpuUsage();
    const started = performance.now();
    const answers = Promise.all(workers.map((w) => once(w) as Promise<ExtractWorkerResult>));
    for (const w of workers) w.postMessage('go');
    const results = await answers;
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return {
      label: `extract, ${threads} worker thread${threads === 1 ? '' : 's'}`,
      threads,
      docs: results.reduce((sum, r) => sum + r.docs, 0),
      seconds,
      cores: (used.user + used.system) / 1e6 / seconds,
      workerHeapMb: Math.max(...results.map((r) => r.heapMb)),
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * One and two threads, `rounds` times each, alternately. This machine is a shared virtual machine whose speed
 * drifts by up to half between runs a minute apart; alternating gives both thread counts the same drift, and
 * the best round of each is the code's rate with the least of it. Every round is returned, to be printed.
 */
export async function benchExtractRounds(
  count: number,
  dataDir: string,
  corpus: ExtractCorpus,
  rounds: number,
): Promise<{ readonly one: readonly ThreadedRate[]; readonly two: readonly ThreadedRate[] }> {
  const one: ThreadedRate[] = [];
  const two: ThreadedRate[] = [];
  for (let round = 0; round < rounds; round += 1) {
    one.push(await benchExtractThreads(count, dataDir, 1, corpus));
    two.push(await benchExtractThreads(count, dataDir, 2, corpus));
  }
  return { one, two };
}

function once(worker: Worker): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    worker.once('error', onError);
    worker.once('message', (message: unknown) => {
      worker.off('error', onError);
      resolve(message);
    });
  });
}
