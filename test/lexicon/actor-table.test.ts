import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadActorTable, parseActorTable, parseResponsibilityCues } from '../../src/lexicon/actor-table.js';
import { parsePhrase } from '../../src/extract/match/phrase-matcher.js';
import { isFaultlineError } from '../../src/errors/errors.js';

const dataDir = join(import.meta.dirname, '../../data');
const table = loadActorTable(dataDir);

describe('actor table', () => {
  it('holds the groups, forces and claimants extraction relies on', () => {
    for (const id of [
      'bla',
      'blf',
      'bra',
      'bras',
      'brg',
      'uba',
      'blt',
      'sra',
      'ttp',
      'ispp',
      'tlp',
      'baloch-separatists',
      'pakistan-army',
      'frontier-corps',
      'police',
      'levies',
      'ctd',
      'security-forces',
      'unidentified',
      'ispr',
      'radio-zrumbesh',
      'dawn',
    ]) {
      expect(table.byId.has(id), id).toBe(true);
    }
    expect(table.byId.get('unidentified')?.name).toBe('Unidentified armed group');
    expect(table.byId.get('ispr')?.claimantKind).toBe('state');
    expect(table.byId.get('dawn')?.claimantKind).toBe('media');
  });

  it('has only phrases the matcher can parse', () => {
    const phrases = [
      ...table.actors.flatMap((a) => [...a.aliases, ...a.acronyms, ...a.framedAliases]),
      ...table.contextualTerms.flatMap((t) => t.phrases),
      ...table.headNouns.flatMap((h) => h.phrases),
      ...table.memberLinks,
      ...table.blocked,
      ...table.responsibility.flatMap((r) => r.phrases),
    ];
    for (const p of phrases) expect(parsePhrase(p), p).not.toBeNull();
  });

  it('never names an actor by a framing word', () => {
    for (const a of table.actors)
      expect(a.name).not.toMatch(/terrorist|freedom fighter|sarmachar|fitna|khawarij/i);
  });

  it('rejects invalid data with FL_ERR_KNOWLEDGE', () => {
    const bad = [
      null,
      { actors: 'x' },
      { actors: [{ id: 'a', name: 'A', type: 'nope', claimantKind: 'state', aliases: [], acronyms: [] }] },
      {
        actors: [{ id: 'a', name: 'A', type: null, claimantKind: 'unattributed', aliases: [], acronyms: [] }],
      },
      {
        actors: [
          { id: 'a', name: 'A', type: null, claimantKind: 'media', aliases: [], acronyms: [], parent: 'zz' },
        ],
      },
    ];
    for (const json of bad) {
      try {
        parseActorTable(json);
        expect.unreachable();
      } catch (error) {
        expect(isFaultlineError(error) && error.code).toBe('FL_ERR_KNOWLEDGE');
      }
    }
    expect(() =>
      parseResponsibilityCues({
        cues: [{ id: 'x', stance: 'maybe', actor: 'none', window: 0, phrases: ['x'] }],
      }),
    ).toThrow(/stance/);
    expect(() => loadActorTable('/nonexistent-dir')).toThrow(/knowledge data is invalid/);
  });

  it('names the entry and the field of invalid data', () => {
    const actor = {
      id: 'grp',
      name: 'Group',
      type: 'nope',
      claimantKind: 'state',
      aliases: [],
      acronyms: [],
    };
    expect(() => parseActorTable({ actors: [actor] })).toThrow(/actors grp: "type"/);
    expect(() => parseActorTable({ actors: [{ ...actor, type: null, name: ' ' }] })).toThrow(
      /actors grp: "name"/,
    );
    expect(() =>
      parseResponsibilityCues({
        cues: [{ id: 'c', stance: 'claimed', actor: 'none', window: -1, phrases: ['x'] }],
      }),
    ).toThrow(/cues c: "window"/);
  });
});
