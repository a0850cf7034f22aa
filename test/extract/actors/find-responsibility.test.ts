import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { loadActorTable } from '../../../src/lexicon/actor-table.js';
import { findActors } from '../../../src/extract/actors/find-actors.js';
import { findResponsibility } from '../../../src/extract/actors/find-responsibility.js';
import type { Sentence } from '../../../src/extract/types.js';

const table = loadActorTable(join(import.meta.dirname, '../../../data'));
const sentence = (text: string, start = 40): Sentence => ({
  index: 0,
  paragraph: 0,
  start,
  end: start + text.length,
  text,
});
const stances = (text: string): string[] => {
  const s = sentence(text);
  return findResponsibility(s, table, findActors(s, table)).map((r) => `${r.stance}:${r.actorId ?? '-'}`);
};

describe('findResponsibility', () => {
  const cases: readonly (readonly [string, readonly string[]])[] = [
    ['The BLA claimed responsibility for the ambush.', ['claimed:bla']],
    ['The Baloch Liberation Front (BLF) has claimed responsibility.', ['claimed:blf']],
    ['The assault was claimed by the Tehrik-i-Taliban Pakistan.', ['claimed:ttp']],
    ['The BRA has claimed the attack in a message to journalists.', ['claimed:bra']],
    ['The blast was the work of the UBA, which claimed the assault a day later.', ['claimed:uba']],
    ['Responsibility was claimed by the Baloch Republican Guard.', ['claimed:brg']],
    ['The BLT owned the attack on Sunday.', ['claimed:blt']],
    ['Claiming responsibility in an emailed note, the BLF said two soldiers died.', ['claimed:blf']],
    ['The BLA, in a statement sent from an undisclosed place, accepted responsibility.', ['claimed:bla']],
    ['The BLA claimed 14 soldiers were killed in the raid.', ['claimed:bla']],
    ['The group, the BLF, claimed to have killed three troops.', ['claimed:blf']],
    ['The army claimed that nine militants were killed.', []],
    ['No group claimed responsibility for the bombing.', ['denied_none:-']],
    ['No one has claimed the blast so far.', ['denied_none:-']],
    ['No militant group has yet claimed responsibility, police said.', ['denied_none:-']],
    ['The attack has not yet been claimed.', ['denied_none:-']],
    ['Nobody had claimed the killing by evening.', ['denied_none:-']],
    ['The BLA has not claimed responsibility for the blast.', ['denied_none:-']],
    // a denial is no claim, and says who is not to be taken for the perpetrator
    ['The BLF denied involvement in the killing of the labourers.', ['denied:blf']],
    ['The BLA denied planting the device and blamed rival groups.', ['denied:bla']],
    ['Police said suspected Baloch separatists threw the grenade.', ['suspected:baloch-separatists']],
    ['Baloch separatists are suspected of planting the device.', ['suspected:baloch-separatists']],
    ['It is suspected that the TTP is behind the attack.', ['suspected:ttp']],
    ['Local sources suspected the involvement of the BLF.', ['suspected:blf']],
    ['Officials blamed the attack on the BLA.', ['blamed:bla']],
    ['Investigators attributed the bombing to the Islamic State Pakistan Province.', ['blamed:ispp']],
    ['Pakistani forces blamed Iran for the cross-border raid.', ['blamed:iran']],
    ['The BLF was blamed for the killings.', ['blamed:blf']],
    ['The bombing claimed the lives of nine people.', []],
    ['The BLA attack claimed the lives of nine soldiers.', []],
    ['Dawn claimed responsibility for nothing; the army said little.', []],
    // a group that says it carried out the act, or whose own account the report gives, claims it
    ['The BLF announced on Sunday that it carried out the raid on the camp.', ['claimed:blf']],
    ['The TTP said its fighters launched the assault at dawn.', ['claimed:ttp']],
    ['Two soldiers died in the ambush, according to the BLA.', ['claimed:bla']],
    ['A news site reported the raid, citing BLA spokesperson Jeeyand Baloch.', ['claimed:bla']],
    // the state's account of a group's act is not the group's claim
    ['According to police, BLA fighters attacked the post.', []],
    ['Police said it carried out a raid on a BLA hideout.', []],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(stances(text)).toEqual(expected);
  });

  it('puts its span on the cue, in document offsets', () => {
    const text = 'No group claimed responsibility.';
    const [r] = findResponsibility(sentence(text, 900), table, []);
    expect(r?.span[0]).toBe(900);
    expect(r?.text).toBe(text.slice(0, r ? r.span[1] - 900 : 0));
    expect(r?.ruleId).toMatch(/^responsibility\//);
  });

  it('needs the actors of the sentence to name a claimant', () => {
    expect(findResponsibility(sentence('The BLA claimed responsibility.'), table, [])).toEqual([]);
  });

  it('never throws and its spans slice to the text', () => {
    const words = fc.constantFrom(
      'BLA',
      'claimed',
      'responsibility',
      'no',
      'group',
      'by',
      'suspected',
      'blamed',
      'on',
      'the',
      ',',
      '.',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(words).map((w) => w.join(' ')),
        ),
        (text) => {
          const s = sentence(text);
          for (const r of findResponsibility(s, table, findActors(s, table))) {
            expect(text.slice(r.span[0] - 40, r.span[1] - 40)).toBe(r.text);
          }
        },
      ),
    );
  });
});

describe('findResponsibility on long text', () => {
  it('stays linear when cues and actors repeat', () => {
    const text = 'The BLA claimed responsibility and no group claimed it, suspected BLF. '.repeat(5_000);
    const s = sentence(text);
    const actors = findActors(s, table);
    const t0 = performance.now();
    expect(findResponsibility(s, table, actors).length).toBeGreaterThan(10_000);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
