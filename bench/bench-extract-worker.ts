import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { extractDocument } from '../src/extract/extract-document.js';
import { loadKnowledge } from '../src/lexicon/load-knowledge.js';
import { collectGarbage } from './bench-extract.js';
import { extractInputs, type ExtractCorpus } from './extract-inputs.js';

/** What the main thread gives each worker: its share of the documents and where the knowledge lives. */
export interface ExtractWorkerData {
  readonly corpus: ExtractCorpus;
  readonly count: number;
  /** This worker extracts the documents whose index modulo `of` is `index`. */
  readonly index: number;
  readonly of: number;
  readonly dataDir: string;
}

/** A worker's answer: the seconds its share took and the largest its V8 heap grew. */
export interface ExtractWorkerResult {
  readonly docs: number;
  readonly seconds: number;
  readonly heapMb: number;
}

const data = workerData as ExtractWorkerData;
const port = parentPort!;
const docs = extractInputs(data.corpus, data.count).filter((_, i) => i % data.of === data.index);
const knowledge = loadKnowledge({
  dataDir: data.dataDir,
  countries: ['PK', 'AF', 'IR', 'IN'],
  extraRows: [],
});
for (const d of docs.slice(0, 50)) extractDocument(d, knowledge); // warm up the JIT
collectGarbage();
port.postMessage('ready');
port.once('message', () => {
  const started = performance.now();
  for (const d of docs) extractDocument(d, knowledge);
  const seconds = (performance.now() - started) / 1000;
  const heap = getHeapStatistics();
  const result: ExtractWorkerResult = {
    docs: docs.length,
    seconds,
    heapMb: Math.round((heap.total_heap_size + heap.malloced_memory) / 1024 / 1024),
  };
  port.postMessage(result);
});
