import { describe, expect, it } from 'vitest';
import { cacheKey, readCache } from '../../src/server/read-cache.js';

/** A promise settled from outside, to hold a computation in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets the cache's own `then` callbacks run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A computation that counts its calls and answers `name #call`. */
function counted(name: string) {
  const fn = Object.assign(
    async () => {
      fn.calls += 1;
      return `${name} #${fn.calls}`;
    },
    { calls: 0 },
  );
  return fn;
}

const bytes = (value: string) => value.length;

describe('readCache', () => {
  it('answers a repeated key from the cache without computing again', async () => {
    const cache = readCache();
    const value = { items: [1, 2, 3] };
    let calls = 0;
    const compute = async () => {
      calls += 1;
      return calls === 1 ? value : { items: [] };
    };
    const first = await cache.get('k', compute, () => 10);
    const again = await cache.get('k', compute, () => 10);
    expect(first).toBe(value);
    expect(again).toBe(value);
    expect(calls).toBe(1);
    // another key is its own computation
    expect(await cache.get('other', compute, () => 10)).toEqual({ items: [] });
    expect(calls).toBe(2);
  });

  it('shares one computation among concurrent callers of one key', async () => {
    const cache = readCache();
    const pending = deferred<string>();
    let calls = 0;
    const compute = () => {
      calls += 1;
      return pending.promise;
    };
    const a = cache.get('k', compute, bytes);
    const b = cache.get('k', compute, bytes);
    const c = cache.get('k', compute, bytes);
    expect(calls).toBe(1);
    pending.resolve('shared answer');
    expect(await Promise.all([a, b, c])).toEqual(['shared answer', 'shared answer', 'shared answer']);
    expect(calls).toBe(1);
  });

  it('never drops an answer still being computed to make room, so its callers keep sharing it', async () => {
    const cache = readCache({ maxWeight: 10 });
    const pending = deferred<string>();
    let calls = 0;
    const slow = () => {
      calls += 1;
      return pending.promise;
    };
    const first = cache.get('p', slow, bytes);
    await cache.get('r1', async () => 'aaaaaa', bytes);
    await cache.get('r2', async () => 'bbbbbb', bytes);
    const second = cache.get('p', slow, bytes);
    expect(calls).toBe(1);
    pending.resolve('late');
    expect(await Promise.all([first, second])).toEqual(['late', 'late']);
  });

  it('lets an entry expire after ttlMs', async () => {
    let clock = 1_000;
    const cache = readCache({ ttlMs: 100, now: () => clock });
    const compute = counted('v');
    expect(await cache.get('k', compute, bytes)).toBe('v #1');
    clock += 99;
    expect(await cache.get('k', compute, bytes)).toBe('v #1');
    clock += 1;
    expect(await cache.get('k', compute, bytes)).toBe('v #2');
    // the fresh answer starts its own lifetime
    clock += 50;
    expect(await cache.get('k', compute, bytes)).toBe('v #2');
    expect(compute.calls).toBe(2);
  });

  it('keeps answers for ten seconds by default', async () => {
    let clock = 0;
    const cache = readCache({ now: () => clock });
    const compute = counted('v');
    await cache.get('k', compute, bytes);
    clock = 9_999;
    expect(await cache.get('k', compute, bytes)).toBe('v #1');
    clock = 10_000;
    expect(await cache.get('k', compute, bytes)).toBe('v #2');
  });

  it('drops every entry on clear()', async () => {
    const cache = readCache();
    const [one, two] = [counted('one'), counted('two')];
    await cache.get('a', one, bytes);
    await cache.get('b', two, bytes);
    cache.clear();
    expect(await cache.get('a', one, bytes)).toBe('one #2');
    expect(await cache.get('b', two, bytes)).toBe('two #2');
    expect(await cache.get('a', one, bytes)).toBe('one #2');
  });

  it('does not keep an answer that was still being computed when clear() was called', async () => {
    // room for one answer of 6: a stale answer counted in the total would push out the fresh one
    const cache = readCache({ maxWeight: 10 });
    const six = () => 6;
    const before = deferred<string>();
    const early = cache.get('k', () => before.promise, six);
    cache.clear();
    // a caller after the clear does not share the computation begun before it (its answer may predate a write)
    const after = counted('after');
    const late = cache.get('k', after, six);
    expect(after.calls).toBe(1);
    expect(await late).toBe('after #1');
    before.resolve('before the write');
    expect(await early).toBe('before the write');
    await settle();
    // the answer computed after the clear is the one kept, and the stale one took no room
    expect(await cache.get('k', after, six)).toBe('after #1');
    expect(await cache.get('j', counted('j'), () => 4)).toBe('j #1');
    await settle();
    expect(await cache.get('k', after, six)).toBe('after #1');
    expect(after.calls).toBe(1);
  });

  it('recomputes after a clear that came while the only computation was in flight', async () => {
    const cache = readCache();
    const pending = deferred<string>();
    const first = cache.get('k', () => pending.promise, bytes);
    cache.clear();
    pending.resolve('stale');
    expect(await first).toBe('stale');
    await settle();
    const compute = counted('fresh');
    expect(await cache.get('k', compute, bytes)).toBe('fresh #1');
    expect(compute.calls).toBe(1);
  });

  it('does not cache a rejected computation', async () => {
    const cache = readCache();
    const failing = deferred<string>();
    const a = cache.get('k', () => failing.promise, bytes);
    const b = cache.get('k', () => Promise.resolve('not called while the first is in flight'), bytes);
    failing.reject(new Error('store unavailable'));
    await expect(a).rejects.toThrow('store unavailable');
    await expect(b).rejects.toThrow('store unavailable');
    await settle();
    const compute = counted('retry');
    expect(await cache.get('k', compute, bytes)).toBe('retry #1');
    expect(await cache.get('k', compute, bytes)).toBe('retry #1');
    expect(compute.calls).toBe(1);
  });

  it('keeps the answer computed after a clear when the computation begun before it fails', async () => {
    const cache = readCache();
    const before = deferred<string>();
    const early = cache.get('k', () => before.promise, bytes);
    cache.clear();
    const after = counted('after');
    expect(await cache.get('k', after, bytes)).toBe('after #1');
    before.reject(new Error('failed before the write'));
    await expect(early).rejects.toThrow('failed before the write');
    await settle();
    expect(await cache.get('k', after, bytes)).toBe('after #1');
    expect(after.calls).toBe(1);
  });

  it('evicts the least recently used answers when the total weight exceeds maxWeight', async () => {
    const cache = readCache({ maxWeight: 10 });
    const [a, b, c] = [counted('a'), counted('b'), counted('c')];
    await cache.get('a', a, () => 4);
    await cache.get('b', b, () => 4);
    await cache.get('c', c, () => 4);
    await settle();
    // 12 > 10: 'a', the oldest, went; 'b' and 'c' stay
    expect(await cache.get('c', c, () => 4)).toBe('c #1');
    expect(await cache.get('b', b, () => 4)).toBe('b #1');
    expect(await cache.get('a', a, () => 4)).toBe('a #2');
  });

  it('counts a hit as a use, so a refreshed answer outlives an older one', async () => {
    const cache = readCache({ maxWeight: 10 });
    const [a, b, c] = [counted('a'), counted('b'), counted('c')];
    await cache.get('a', a, () => 4);
    await cache.get('b', b, () => 4);
    expect(await cache.get('a', a, () => 4)).toBe('a #1');
    await cache.get('c', c, () => 4);
    await settle();
    // 'b' is now the least recently used and went; 'a' was refreshed by its hit
    expect(await cache.get('a', a, () => 4)).toBe('a #1');
    expect(await cache.get('c', c, () => 4)).toBe('c #1');
    expect(await cache.get('b', b, () => 4)).toBe('b #2');
  });

  it('evicts as many answers as it takes, and keeps answers exactly at maxWeight', async () => {
    const cache = readCache({ maxWeight: 10 });
    const fns = ['a', 'b', 'c', 'd'].map(counted);
    for (const [i, fn] of fns.entries()) await cache.get(`k${i}`, fn, () => (i < 3 ? 3 : 7));
    await settle();
    // 3 + 3 + 3 + 7 = 16: both 'a' and 'b' had to go for 3 + 7 = 10 to fit
    expect(await cache.get('k3', fns[3]!, () => 7)).toBe('d #1');
    expect(await cache.get('k2', fns[2]!, () => 3)).toBe('c #1');
    expect(await cache.get('k0', fns[0]!, () => 3)).toBe('a #2');
    expect(await cache.get('k1', fns[1]!, () => 3)).toBe('b #2');
  });

  it('weighs each answer by the value it resolved to', async () => {
    const cache = readCache({ maxWeight: 10 });
    const seen: string[] = [];
    const weigh = (v: string) => {
      seen.push(v);
      return v.length;
    };
    await cache.get('k', async () => 'abcdef', weigh);
    await cache.get('j', async () => 'ghij', weigh);
    expect(seen).toEqual(['abcdef', 'ghij']);
    await settle();
    // 6 + 4 = 10 fits; one more byte pushes out the older one
    const k = counted('k');
    expect(await cache.get('k', k, weigh)).toBe('abcdef');
    await cache.get('x', async () => 'x', weigh);
    await settle();
    expect(await cache.get('j', k, weigh)).toBe('k #1');
  });

  it('computes every time when maxWeight is 0', async () => {
    const cache = readCache({ maxWeight: 0 });
    const compute = counted('v');
    expect(await cache.get('k', compute, () => 0)).toBe('v #1');
    expect(await cache.get('k', compute, () => 0)).toBe('v #2');
    const [a, b] = await Promise.all([cache.get('k', compute, bytes), cache.get('k', compute, bytes)]);
    expect([a, b].sort()).toEqual(['v #3', 'v #4']);
    expect(compute.calls).toBe(4);
  });

  it('does not keep an answer heavier than maxWeight, nor evict the others for it', async () => {
    const cache = readCache({ maxWeight: 10 });
    const [small, big] = [counted('small'), counted('big')];
    await cache.get('small', small, () => 4);
    await cache.get('big', big, () => 11);
    await settle();
    expect(await cache.get('big', big, () => 11)).toBe('big #2');
    await settle();
    expect(await cache.get('small', small, () => 4)).toBe('small #1');
    expect(big.calls).toBe(2);
  });

  it('frees the weight of expired and cleared answers', async () => {
    let clock = 0;
    const cache = readCache({ maxWeight: 10, ttlMs: 100, now: () => clock });
    const [a, b] = [counted('a'), counted('b')];
    await cache.get('a', a, () => 6);
    clock = 200;
    // the expired 'a' is replaced, not counted twice: 6 + 4 = 10 still fits
    await cache.get('a', a, () => 6);
    await cache.get('b', b, () => 4);
    await settle();
    expect(await cache.get('a', a, () => 6)).toBe('a #2');
    cache.clear();
    const [c, d] = [counted('c'), counted('d')];
    await cache.get('c', c, () => 6);
    await cache.get('d', d, () => 4);
    await settle();
    // after the clear the total starts from nothing: both fit
    expect(await cache.get('c', c, () => 6)).toBe('c #1');
    expect(await cache.get('d', d, () => 4)).toBe('d #1');
  });
});

describe('cacheKey', () => {
  it('gives one key for one query whatever the order of its fields', () => {
    const key = cacheKey('events', { admin1: 'Balochistan', type: 'Battles', limit: 100, offset: 0 });
    expect(cacheKey('events', { offset: 0, limit: 100, type: 'Battles', admin1: 'Balochistan' })).toBe(key);
    expect(cacheKey('events', { type: 'Battles', offset: 0, admin1: 'Balochistan', limit: 100 })).toBe(key);
  });

  it('tells apart queries that differ in a value, a field or the kind of answer', () => {
    const query = { admin1: 'Balochistan', limit: 100 };
    const key = cacheKey('events', query);
    expect(cacheKey('events', { ...query, limit: 10 })).not.toBe(key);
    expect(cacheKey('events', { ...query, offset: 100 })).not.toBe(key);
    expect(cacheKey('events', { admin2: 'Balochistan', limit: 100 })).not.toBe(key);
    expect(cacheKey('events', { admin1: 'Balochistan', limit: '100' })).not.toBe(key);
    expect(cacheKey('count', query)).not.toBe(key);
    expect(cacheKey('events', {})).not.toBe(cacheKey('count', {}));
  });

  it('treats a field set to undefined as a field not given', () => {
    expect(cacheKey('count', { type: 'Battles', actor: undefined })).toBe(
      cacheKey('count', { type: 'Battles' }),
    );
  });
});
