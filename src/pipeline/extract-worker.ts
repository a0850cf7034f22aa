import { parentPort, workerData } from 'node:worker_threads';
import { extractDocument, type ExtractInput } from '../extract/extract-document.js';
import { loadKnowledge } from '../lexicon/load-knowledge.js';

interface WorkerSetup {
  readonly dataDir: string;
  readonly countries: readonly string[];
}

// Each worker loads the knowledge once, then extracts the batches it is sent.
const setup = workerData as WorkerSetup;
const knowledge = loadKnowledge({ dataDir: setup.dataDir, countries: setup.countries, extraRows: [] });

parentPort?.on('message', (batch: { id: number; inputs: readonly ExtractInput[] }) => {
  const results = batch.inputs.map((input) => {
    try {
      return { ok: true as const, result: extractDocument(input, knowledge) };
    } catch (error) {
      return { ok: false as const, docId: input.id, message: (error as Error).message };
    }
  });
  // one JSON string crosses the thread boundary far faster than a structured clone of many small objects
  parentPort?.postMessage({ id: batch.id, json: JSON.stringify(results) });
});
