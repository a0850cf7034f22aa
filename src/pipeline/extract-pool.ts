import { Worker } from 'node:worker_threads';
import type { ExtractInput, ExtractionResult } from '../extract/extract-document.js';

export type PoolResult =
  | { readonly ok: true; readonly result: ExtractionResult }
  | { readonly ok: false; readonly docId: string; readonly message: string };

export interface ExtractPool {
  extract(inputs: readonly ExtractInput[]): Promise<readonly PoolResult[]>;
  close(): Promise<void>;
}

/**
 * Extraction on worker threads, one per core: extraction is CPU-bound and pure, so documents are split into
 * batches and sent to whichever worker is free. Must run from the built code (dist/), where the worker file is JS.
 */
export function openExtractPool(options: {
  workers: number;
  dataDir: string;
  countries: readonly string[];
}): ExtractPool {
  const workerUrl = new URL('./extract-worker.js', import.meta.url);
  const workers = Array.from(
    { length: Math.max(1, options.workers) },
    () =>
      new Worker(workerUrl, {
        workerData: { dataDir: options.dataDir, countries: options.countries },
        // extraction allocates many short-lived objects: a larger young generation means far fewer scavenges
        resourceLimits: { maxYoungGenerationSizeMb: 64 },
      }),
  );
  let nextId = 0;
  return {
    async extract(inputs) {
      const batchSize = Math.max(1, Math.ceil(inputs.length / (workers.length * 4)));
      const batches: ExtractInput[][] = [];
      for (let i = 0; i < inputs.length; i += batchSize) batches.push(inputs.slice(i, i + batchSize));
      const out: PoolResult[][] = new Array(batches.length);
      let cursor = 0;
      await Promise.all(
        workers.map(async (worker) => {
          while (cursor < batches.length) {
            const index = cursor++;
            const id = nextId++;
            out[index] = await new Promise<PoolResult[]>((resolve, reject) => {
              const onMessage = (msg: { id: number; json: string }): void => {
                if (msg.id !== id) return;
                worker.off('message', onMessage);
                worker.off('error', reject);
                resolve(JSON.parse(msg.json) as PoolResult[]);
              };
              worker.on('message', onMessage);
              worker.once('error', reject);
              worker.postMessage({ id, inputs: batches[index] });
            });
          }
        }),
      );
      return out.flat();
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
