import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { extractDocument } from '../src/extract/extract-document.js';
import { loadKnowledge } from '../src/lexicon/load-knowledge.js';
import { collectGarbage } from './bench-extract.js';
import { extractInputs, type ExtractCorpus } from './extract-inputs.js';

/** What the main thread gives each worker: the corpus, how much of it to warm up on, and the shared counter. */
export interface ExtractWorkerData {
  readonly corpus: ExtractCorpus;
  /** Timed documents, shared by all the workers. */
  readonly count: number;
  /** Documents each worker extracts before the clock starts; not among the timed ones. */
  readonly warmUp: number;
  readonly dataDir: string;
  /** The index of the next timed document: each worker takes one at a time, as queue workers take jobs. */
  readonly next: Int32Array;
}

/** A worker's answer: the documents it took and the largest its V8 heap grew. */
export interface ExtractWorkerResult {
  readonly docs: number;
  readonly heapMb: number;
}

const data = workerData as ExtractWorkerData;
const port = parentPort!;
const inputs = extractInputs(data.corpus, data.warmUp + data.count);
const knowledge = loadKnowledge({
  dataDir: data.dataDir,
  countries: ['PK', 'AF', 'IR', 'IN'],
  extraRows: [],
});
// The garbage of building the inputs (HTML through linkedom) is collected before the warm-up, never after it: a
// forced full collection throws away compiled code, so one after the warm-up had the timed run compile it again
// (on the collector's and compiler's helper threads, which two workers share with each other).
collectGarbage();
for (const d of inputs.slice(0, data.warmUp)) extractDocument(d, knowledge);
const timed = inputs.slice(data.warmUp);
port.postMessage('ready');
port.once('message', () => {
  let docs = 0;
  for (let i = Atomics.add(data.next, 0, 1); i < timed.length; i = Atomics.add(data.next, 0, 1)) {
    extractDocument(timed[i]!, knowledge);
    docs += 1;
  }
  const heap = getHeapStatistics();
  const result: ExtractWorkerResult = {
    docs,
    heapMb: Math.round((heap.total_heap_size + heap.malloced_memory) / 1024 / 1024),
  };
  port.postMessage(result);
});
