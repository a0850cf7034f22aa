import { expect, it } from 'vitest';
import type { BlockClaims, ResolutionScope, Store } from '../../src/store/store.js';

const MAY = { from: '2025-05-05', to: '2025-05-18' };
const BALOCHISTAN_MAY: ResolutionScope = { country: 'PK', admin1: 'Balochistan', ...MAY };
const SINDH_MAY: ResolutionScope = { country: 'PK', admin1: 'Sindh', ...MAY };
const UNPLACED_MAY: ResolutionScope = { country: null, admin1: null, ...MAY };

/** A work held open until `release`: `claims` resolves once it runs, with what it holds. */
function heldWork(
  start: (work: (blocks: BlockClaims) => Promise<void>) => Promise<void>,
  log: string[],
  name: string,
): { claims: Promise<BlockClaims>; release: () => void; done: Promise<void> } {
  let release = (): void => undefined;
  let running = (_: BlockClaims): void => undefined;
  const claims = new Promise<BlockClaims>((resolve) => (running = resolve));
  const done = start(async (blocks) => {
    log.push(`${name} starts`);
    running(blocks);
    await new Promise<void>((resolve) => (release = resolve));
    log.push(`${name} ends`);
  });
  return { claims, release: () => release(), done };
}

/**
 * The resolution locks: rounds by province and week (`whileResolvingBlocks`) never hold the same days of a province
 * at once, and never run beside a store-wide resolution (`whileResolving`). PostgreSQL runs rounds over different
 * days at once; SQLite one at a time.
 */
export function resolutionLockContractCases(store: () => Store): void {
  it('never lets two rounds hold the same days of a province, and runs them side by side where the backend can', async () => {
    const log: string[] = [];
    const first = heldWork((w) => store().whileResolvingBlocks(w), log, 'first');
    const held = await first.claims;
    const firstAnswers = [await held.claim(BALOCHISTAN_MAY), await held.claim(BALOCHISTAN_MAY)];

    let secondAnswers: string[] = [];
    const second = store().whileResolvingBlocks(async (blocks) => {
      log.push('second starts');
      secondAnswers = [
        await blocks.claim(BALOCHISTAN_MAY),
        // one week shared with the first, the others free: refused, and none of them taken
        await blocks.claim({ ...BALOCHISTAN_MAY, from: '2025-05-15', to: '2025-06-20' }),
        await blocks.claim({ ...BALOCHISTAN_MAY, from: '2025-07-01', to: '2025-07-03' }),
        await blocks.claim(SINDH_MAY),
        await blocks.claim(UNPLACED_MAY),
        await blocks.claim({ ...SINDH_MAY, from: 'sometime', to: 'later' }),
      ];
      log.push('second ends');
    });
    if (store().backend === 'postgres') {
      // beside the first, without waiting: what the first holds is refused, the rest taken
      await second;
      expect(firstAnswers).toEqual(['taken', 'held']);
      expect(secondAnswers).toEqual(['refused', 'refused', 'taken', 'taken', 'taken', 'taken']);
      // the refused claim took none of June: the first can
      expect(await held.claim({ ...BALOCHISTAN_MAY, from: '2025-06-10', to: '2025-06-12' })).toBe('taken');
      first.release();
      await first.done;
      expect(log).toEqual(['first starts', 'second starts', 'second ends', 'first ends']);
    } else {
      // one at a time: the second starts once the first has ended, and holds what it asks for
      await new Promise((r) => setTimeout(r, 50));
      expect(log).toEqual(['first starts']);
      first.release();
      await Promise.all([first.done, second]);
      expect(secondAnswers.every((a) => a !== 'refused')).toBe(true);
      expect(log).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
    }
    // once a round has ended, what it held is free
    expect(await store().whileResolvingBlocks((blocks) => blocks.claim(BALOCHISTAN_MAY))).not.toBe('refused');
  });

  it('runs a store-wide resolution only while no round by province runs, and rounds only after it', async () => {
    const log: string[] = [];
    const round = heldWork((w) => store().whileResolvingBlocks(w), log, 'round');
    await (await round.claims).claim(SINDH_MAY);
    const whole = store().whileResolving(async () => void log.push('whole'));
    await new Promise((r) => setTimeout(r, 100));
    expect(log).toEqual(['round starts']);
    round.release();
    await Promise.all([round.done, whole]);
    expect(log).toEqual(['round starts', 'round ends', 'whole']);

    const wholeHeld = heldWork(
      (w) => store().whileResolving(() => w({ claim: async () => 'held' })),
      log,
      'whole again',
    );
    await wholeHeld.claims;
    const after = store().whileResolvingBlocks(async () => void log.push('round after'));
    await new Promise((r) => setTimeout(r, 100));
    expect(log.at(-1)).toBe('whole again starts');
    wholeHeld.release();
    await Promise.all([wholeHeld.done, after]);
    expect(log.slice(-2)).toEqual(['whole again ends', 'round after']);
  });

  it('frees the provinces of a round that failed', async () => {
    const failed = await store()
      .whileResolvingBlocks(async (blocks) => {
        expect(await blocks.claim(BALOCHISTAN_MAY)).not.toBe('refused');
        throw new Error('the round failed');
      })
      .catch((e: unknown) => e);
    expect((failed as Error).message).toBe('the round failed');
    expect(await store().whileResolvingBlocks((blocks) => blocks.claim(BALOCHISTAN_MAY))).not.toBe('refused');
  });
}
