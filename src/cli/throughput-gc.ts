import { setFlagsFromString } from 'node:v8';

/**
 * Makes V8 collect the young generation on the JavaScript thread alone, without its helper threads. A command
 * that extracts document after document (ingest, watch, worker) is run one per core: there the helpers find no
 * idle core, and the collector waits for a helper that the other process holds. Measured on two cores with two
 * extraction threads (`npm run bench -- --section=extract`): two threads did 1.79x to 1.87x the documents of one
 * with the helpers, 1.88x to 1.98x without them, and one thread alone did as many documents either way.
 * The server keeps them: a request waits on a collection, and helpers shorten the wait.
 */
export function collectOnOwnThread(): void {
  setFlagsFromString('--no-parallel-scavenge');
}
