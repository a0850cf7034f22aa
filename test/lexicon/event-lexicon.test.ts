import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadEventLexicon, parseEventLexicon } from '../../src/lexicon/event-lexicon.js';
import { loadFramingLexicon, parseFramingLexicon } from '../../src/lexicon/framing-lexicon.js';
import { parsePhrase } from '../../src/extract/match/phrase-matcher.js';
import { isSubEventOf } from '../../src/domain/enums.js';

const dataDir = join(import.meta.dirname, '../../data');

describe('event and framing lexicons', () => {
  it('load with ACLED types verbatim and parseable phrases', () => {
    const events = loadEventLexicon(dataDir);
    for (const c of events.cues) {
      if (!c.block) expect(isSubEventOf(c.eventType, c.subEventType), c.id).toBe(true);
      for (const p of c.phrases) expect(parsePhrase(p), `${c.id}: ${p}`).not.toBeNull();
    }
    for (const t of events.targets)
      for (const p of t.phrases) expect(parsePhrase(p), `${t.id}: ${p}`).not.toBeNull();
    const framing = loadFramingLexicon(dataDir);
    for (const t of framing.terms)
      for (const p of t.phrases) expect(parsePhrase(p), `${t.id}: ${p}`).not.toBeNull();
  });

  it('reject invalid entries', () => {
    const cue = {
      id: 'c',
      phrases: ['x'],
      eventType: 'Battles',
      subEventType: 'Grenade',
      weapon: 'grenade',
      priority: 1,
    };
    expect(() => parseEventLexicon({ cues: [cue], targets: [] })).toThrow(/subEventType/);
    expect(() =>
      parseEventLexicon({ cues: [{ ...cue, subEventType: 'Armed clash', weapon: 'spear' }], targets: [] }),
    ).toThrow(/weapon/);
    expect(() =>
      parseEventLexicon({ cues: [], targets: [{ id: 't', phrases: ['x'], target: 'cows' }] }),
    ).toThrow(/target/);
    const operation = { ...cue, subEventType: 'Armed clash', weapon: 'firearms' };
    expect(() => parseEventLexicon({ cues: [{ ...operation, conductedBy: 'army' }], targets: [] })).toThrow(
      /conductedBy/,
    );
    const [parsed] = parseEventLexicon({ cues: [{ ...operation, conductedBy: 'state' }], targets: [] }).cues;
    expect(parsed && !parsed.block && parsed.stateConducted).toBe(true);
    const [plain] = parseEventLexicon({ cues: [operation], targets: [] }).cues;
    expect(plain && !plain.block && plain.stateConducted).toBe(false);
    expect(() => parseFramingLexicon({ terms: [{ id: 'a', register: 'loud', phrases: ['x'] }] })).toThrow(
      /register/,
    );
    expect(() => parseFramingLexicon({ terms: [{ id: 'a', register: 'state', phrases: [] }] })).toThrow(
      /phrases/,
    );
  });
});
