import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, isSubEventOf, type EventType } from '../../src/domain/index.js';

const TYPES = Object.keys(EVENT_TYPES) as EventType[];
const SUB_TYPES = TYPES.flatMap((t) => [...EVENT_TYPES[t]] as string[]);

describe('EVENT_TYPES', () => {
  it('has no name that is both an event type and a sub-event type', () => {
    // the store's type filter reads one column, chosen by whether the name is an event type
    expect(TYPES.length).toBeGreaterThan(0);
    expect(SUB_TYPES.length).toBeGreaterThan(TYPES.length);
    expect(SUB_TYPES.filter((s) => (TYPES as string[]).includes(s))).toEqual([]);
    for (const t of TYPES) expect({ t, sub: isSubEventOf(t, t) }).toEqual({ t, sub: false });
  });

  it('gives each sub-event type to one event type only', () => {
    const owners = new Map<string, EventType[]>();
    for (const t of TYPES) for (const s of EVENT_TYPES[t]) owners.set(s, [...(owners.get(s) ?? []), t]);
    expect([...owners].filter(([, ts]) => ts.length > 1)).toEqual([]);
    expect(owners.get('Armed clash')).toEqual(['Battles']);
    expect(owners.get('Attack')).toEqual(['Violence against civilians']);
  });
});
