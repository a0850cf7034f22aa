import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { loadEventLexicon } from '../../../src/lexicon/event-lexicon.js';
import { findTargets } from '../../../src/extract/events/find-targets.js';
import type { Sentence } from '../../../src/extract/types.js';

const lexicon = loadEventLexicon(join(import.meta.dirname, '../../../data'));
const sentence = (text: string, start = 11): Sentence => ({
  index: 0,
  paragraph: 0,
  start,
  end: start + text.length,
  text,
});
const targets = (text: string): string[] =>
  findTargets(sentence(text), lexicon).map((t) => `${t.text}=${t.target}`);

describe('findTargets', () => {
  const cases: readonly (readonly [string, readonly string[]])[] = [
    ['The blast hit a military convoy.', ['military=security_forces', 'convoy=security_forces']],
    ['Fighters stormed an FC checkpost.', ['FC=security_forces', 'checkpost=security_forces']],
    ['A bomb struck a Levies vehicle and a CTD team.', ['Levies=security_forces', 'CTD=security_forces']],
    ['The patrol of policemen was ambushed.', ['patrol=security_forces', 'policemen=security_forces']],
    [
      'Gunmen shot five labourers at a construction site.',
      ['labourers=civilians', 'construction site=infrastructure'],
    ],
    [
      'The bus carrying passengers and pilgrims was stopped.',
      ['bus=civilians', 'passengers=civilians', 'pilgrims=civilians'],
    ],
    ['A grenade was lobbed at a shop owned by a vendor.', ['shop=civilians', 'vendor=civilians']],
    ['Two coal miners and a doctor were kidnapped.', ['coal miners=civilians', 'doctor=civilians']],
    ['A journalist was shot near the school.', ['journalist=civilians', 'school=civilians']],
    ['Attackers targeted a polio vaccination team.', ['polio vaccination team=government']],
    ["A bomb went off at the deputy commissioner's office.", ["deputy commissioner's office=government"]],
    ['Gunmen fired on the convoy of a provincial minister.', ['convoy of a provincial minister=government']],
    ['The councillor and a lawmaker escaped.', ['councillor=government', 'lawmaker=government']],
    [
      'Saboteurs damaged a gas pipeline and a power pylon.',
      ['gas pipeline=infrastructure', 'power pylon=infrastructure'],
    ],
    [
      'A railway track and a mobile tower were blown up.',
      ['railway track=infrastructure', 'mobile tower=infrastructure'],
    ],
    [
      'The bridge and a water supply facility were hit.',
      ['bridge=infrastructure', 'water supply facility=infrastructure'],
    ],
    ['Construction company machinery was set ablaze.', ['Construction company machinery=infrastructure']],
    ['Jets pounded militant hideouts.', ['pounded militant hideouts=militants']],
    ['Security forces killed five terrorists in the raid.', ['killed five terrorists=militants']],
    ['Troops raided the hideout of the group.', ['raided the hideout=militants']],
    ['Fighters overran a militant camp.', ['militant camp=militants']],
    ['Militants attacked the town.', []],
    ['The Baloch Liberation Army said it struck.', []],
    ['The post-mortem was done at the hospital.', ['hospital=civilians']],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(targets(text)).toEqual(expected);
  });

  it('never throws and its spans slice to the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        for (const t of findTargets(sentence(text), lexicon))
          expect(text.slice(t.span[0] - 11, t.span[1] - 11)).toBe(t.text);
      }),
    );
  });
});
