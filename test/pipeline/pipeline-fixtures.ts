import { syntheticArticles } from '../../bench/synthetic-corpus.js';
import type { InputResult } from '../../src/ingest/types.js';
import { ingestInputs } from '../../src/pipeline/ingest-pipeline.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';

/** Generated articles as ingest inputs, each with its publication date, as a corpus folder would give them. */
export async function* syntheticInputs(count: number, seed: number): AsyncGenerator<InputResult> {
  for (const a of syntheticArticles(count, seed)) {
    yield {
      ok: true,
      raw: {
        origin: `${a.name}.${a.format}`,
        format: a.format,
        content: a.content,
        meta: { published: a.published },
      },
    };
  }
}

export const DEFAULTS = { maxBytes: 5_000_000 };

/** The events of a store, keyed by id, without the times of writing (which differ from run to run). */
export async function eventSnapshot(store: Store): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for await (const e of store.queryEvents({ sort: 'date' })) {
    out.set(e.record.id, { ...e, mentionIds: [...e.mentionIds].sort() });
  }
  return out;
}

/** A store whose method `name` throws `error` whenever `when` says so; every other call goes through. */
export function failing<K extends keyof Store>(
  store: Store,
  name: K,
  when: (...args: Parameters<Extract<Store[K], (...a: never[]) => unknown>>) => boolean,
  error: () => Error,
): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop !== name || typeof value !== 'function') return value;
      return (...args: never[]) => {
        if ((when as (...a: never[]) => boolean)(...args)) return Promise.reject(error());
        return (value as (...a: never[]) => unknown).apply(target, args);
      };
    },
  });
}

/**
 * Stores and extracts `count` generated articles with their resolution killed: every mention waits, as a worker
 * (or the next run) finds them.
 */
export async function ingestUnresolved(store: Store, count: number, seed: number): Promise<void> {
  const dead = failing(
    store,
    'replaceResolution',
    () => true,
    () => new Error('killed'),
  );
  await ingestInputs(
    { store: dead, knowledge: projectKnowledge(), report: () => undefined },
    syntheticInputs(count, seed),
    DEFAULTS,
  );
}
