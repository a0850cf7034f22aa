import { Worker } from 'node:worker_threads';
import { extractDocument } from '../src/extract/extract-document.js';
import { loadKnowledge } from '../src/lexicon/load-knowledge.js';
import type { Rate } from './bench-ingest.js';
import type { ExtractWorkerData, ExtractWorkerResult } from './bench-extract-worker.js';
import { extractInputs, type ExtractCorpus } from './extract-inputs.js';

/** Extraction on one core, as `ingest` runs it. */
export function benchExtract(
  count: number,
  dataDir: string,
  corpus: ExtractCorpus = { kind: 'synthetic' },
): Rate {
  const docs = extractInputs(corpus, count);
  const knowledge = loadKnowledge({ dataDir, countries: ['PK', 'AF', 'IR', 'IN'], extraRows: [] });
  for (const d of docs.slice(0, 50)) extractDocument(d, knowledge); // warm up the JIT
  collectGarbage();
  const started = performance.now();
  for (const d of docs) extractDocument(d, knowledge);
  return { label: 'extract, one core', docs: docs.length, seconds: (performance.now() - started) / 1000 };
}

/** Building the inputs (HTML through linkedom) leaves garbage that is not extraction's to collect. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export interface ThreadedRate extends Rate {
  /** The largest V8 heap (plus malloc) of any one worker, in MB. */
  readonly workerHeapMb: number;
}

/**
 * Extraction on `threads` worker threads, each with its own knowledge and its share of the documents. Workers
 * build their inputs, load the knowledge and warm up first; the clock runs from the go to the last answer.
 */
export async function benchExtractThreads(
  count: number,
  dataDir: string,
  threads: number,
  corpus: ExtractCorpus = { kind: 'synthetic' },
): Promise<ThreadedRate> {
  const workers = Array.from({ length: threads }, (_, index) => {
    const workerData: ExtractWorkerData = { corpus, count, index, of: threads, dataDir };
    return new Worker(new URL('./bench-extract-worker.js', import.meta.url), { workerData });
  });
  try {
    await Promise.all(workers.map((w) => once(w)));
    const started = performance.now();
    const answers = Promise.all(workers.map((w) => once(w) as Promise<ExtractWorkerResult>));
    for (const w of workers) w.postMessage('go');
    const results = await answers;
    return {
      label: `extract, ${threads} worker threads`,
      docs: results.reduce((sum, r) => sum + r.docs, 0),
      seconds: (performance.now() - started) / 1000,
      workerHeapMb: Math.max(...results.map((r) => r.heapMb)),
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
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
