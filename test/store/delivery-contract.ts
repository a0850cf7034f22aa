import { expect, it } from 'vitest';
import type { AlertFiring, Webhook } from '../../src/domain/index.js';
import type { Store } from '../../src/store/store.js';

const RULE = {
  id: 'al_d',
  admin1: null,
  admin2: 'Kech',
  actor: null,
  type: null,
  minFatalities: 5,
  escalation: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

function hook(id: string, url: string): Webhook {
  return {
    id,
    url,
    secret: `secret-of-${id}-0123456789`,
    site: 'http://127.0.0.1:8080',
    allowPrivate: id === 'wh_b',
    createdAt: `2026-01-0${id === 'wh_a' ? 1 : 2}T00:00:00.000Z`,
  };
}

function firing(window: string, firedAt: string): AlertFiring {
  return {
    ruleId: 'al_d',
    window,
    period: { from: '2026-01-05', to: '2026-01-11' },
    firedAt,
    reason: '1 event with at least 5 killed',
    evidence: [],
  };
}

/** Webhooks and deliveries: a firing queues one delivery per webhook in its transaction; claims are exclusive. */
export function deliveryContractCases(store: () => Store): void {
  it('keeps webhooks once by id and URL, and removes one with its deliveries', async () => {
    const s = store();
    expect(await s.addWebhook(hook('wh_a', 'https://a.example/hook'))).toBe('added');
    expect(await s.addWebhook(hook('wh_a', 'https://a.example/hook'))).toBe('present');
    expect(await s.addWebhook(hook('wh_x', 'https://a.example/hook'))).toBe('present');
    expect(await s.addWebhook(hook('wh_b', 'http://10.0.0.2/hook'))).toBe('added');
    expect(await s.listWebhooks()).toEqual([
      hook('wh_a', 'https://a.example/hook'),
      hook('wh_b', 'http://10.0.0.2/hook'),
    ]);
    await s.addAlertRule(RULE);
    await s.recordFiring(firing('2026-W02', '2026-01-06T00:00:00.000Z'));
    expect(await s.removeWebhook('https://a.example/hook')).toBe(true);
    expect(await s.removeWebhook('wh_a')).toBe(false);
    const left = await s.listDeliveries([{ ruleId: 'al_d', window: '2026-W02' }]);
    expect(left.map((d) => d.webhookId)).toEqual(['wh_b']);
  });

  it('queues a delivery per webhook with a new firing only, claims each once, and records every attempt', async () => {
    const s = store();
    await s.addWebhook(hook('wh_a', 'https://a.example/hook'));
    await s.addWebhook(hook('wh_b', 'http://10.0.0.2/hook'));
    await s.addAlertRule(RULE);
    expect(await s.recordFiring(firing('2026-W02', '2026-01-06T00:00:00.000Z'))).toBe(true);
    expect(await s.recordFiring(firing('2026-W02', '2026-01-07T00:00:00.000Z'))).toBe(false);
    expect(await s.getFiring('al_d', '2026-W02')).toEqual(firing('2026-W02', '2026-01-06T00:00:00.000Z'));
    expect(await s.getFiring('al_d', '2026-W09')).toBeNull();
    const queued = await s.listDeliveries([{ ruleId: 'al_d', window: '2026-W02' }]);
    expect(queued.map((d) => [d.webhookId, d.status, d.attempts, d.nextAttemptAt]).sort()).toEqual([
      ['wh_a', 'pending', 0, '2026-01-06T00:00:00.000Z'],
      ['wh_b', 'pending', 0, '2026-01-06T00:00:00.000Z'],
    ]);
    // nothing is due before the firing; at its time both are, and a claim leases them away from a second claimer
    expect(await s.claimDueDeliveries('2026-01-05T23:59:59.000Z', '2026-01-06T00:01:00.000Z', 10)).toEqual(
      [],
    );
    const first = await s.claimDueDeliveries('2026-01-06T00:00:00.000Z', '2026-01-06T00:01:00.000Z', 1);
    expect(first).toHaveLength(1);
    const second = await s.claimDueDeliveries('2026-01-06T00:00:00.000Z', '2026-01-06T00:01:00.000Z', 10);
    expect(second.map((d) => d.id)).not.toContain(first[0]!.id);
    expect(second).toHaveLength(1);
    expect(second[0]!.url).toMatch(/^https?:\/\//);
    await s.recordDeliveryAttempt({
      deliveryId: first[0]!.id,
      attempt: {
        attempt: 1,
        at: '2026-01-06T00:00:00.000Z',
        httpStatus: 500,
        error: 'answered 500',
        durationMs: 21.6,
      },
      status: 'pending',
      nextAttemptAt: '2026-01-06T00:00:30.000Z',
    });
    await s.recordDeliveryAttempt({
      deliveryId: first[0]!.id,
      attempt: { attempt: 2, at: '2026-01-06T00:00:30.000Z', httpStatus: 200, error: null, durationMs: 4 },
      status: 'delivered',
      nextAttemptAt: '2026-01-06T00:00:30.000Z',
    });
    await s.recordDeliveryAttempt({
      deliveryId: second[0]!.id,
      attempt: {
        attempt: 1,
        at: '2026-01-06T00:00:00.000Z',
        httpStatus: null,
        error: 'refused',
        durationMs: 1,
      },
      status: 'failed',
      nextAttemptAt: '2026-01-06T00:00:00.000Z',
    });
    const after = await s.listDeliveries([{ ruleId: 'al_d', window: '2026-W02' }]);
    const byId = new Map(after.map((d) => [d.id, d]));
    expect(byId.get(first[0]!.id)).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });
    expect(byId.get(second[0]!.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'refused' });
    expect(await s.listDeliveryAttempts([first[0]!.id])).toEqual([
      {
        deliveryId: first[0]!.id,
        attempt: 1,
        at: '2026-01-06T00:00:00.000Z',
        httpStatus: 500,
        error: 'answered 500',
        durationMs: 22,
      },
      {
        deliveryId: first[0]!.id,
        attempt: 2,
        at: '2026-01-06T00:00:30.000Z',
        httpStatus: 200,
        error: null,
        durationMs: 4,
      },
    ]);
    // neither is claimed again: one is delivered, the other failed
    expect(await s.claimDueDeliveries('2026-02-01T00:00:00.000Z', '2026-02-01T00:01:00.000Z', 10)).toEqual(
      [],
    );
    expect(await s.listDeliveries([])).toEqual([]);
    expect(await s.listDeliveryAttempts([])).toEqual([]);
  });

  it('lets a lease lapse: a delivery claimed by a process that died falls due again', async () => {
    const s = store();
    await s.addWebhook(hook('wh_a', 'https://a.example/hook'));
    await s.addAlertRule(RULE);
    await s.recordFiring(firing('2026-W03', '2026-01-13T00:00:00.000Z'));
    expect(
      await s.claimDueDeliveries('2026-01-13T00:00:00.000Z', '2026-01-13T00:01:10.000Z', 5),
    ).toHaveLength(1);
    expect(
      await s.claimDueDeliveries('2026-01-13T00:01:00.000Z', '2026-01-13T00:02:10.000Z', 5),
    ).toHaveLength(0);
    expect(
      await s.claimDueDeliveries('2026-01-13T00:01:10.000Z', '2026-01-13T00:02:20.000Z', 5),
    ).toHaveLength(1);
  });
}
