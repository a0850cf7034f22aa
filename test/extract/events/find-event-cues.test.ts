import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { loadEventLexicon } from '../../../src/lexicon/event-lexicon.js';
import { findEventCues } from '../../../src/extract/events/find-event-cues.js';
import type { EventCue, Sentence } from '../../../src/extract/types.js';

const lexicon = loadEventLexicon(join(import.meta.dirname, '../../../data'));
const sentence = (text: string, start = 7): Sentence => ({
  index: 0,
  paragraph: 0,
  start,
  end: start + text.length,
  text,
});
const strongest = (text: string): EventCue | undefined => {
  let best: EventCue | undefined;
  for (const c of findEventCues(sentence(text), lexicon)) if (!best || c.priority > best.priority) best = c;
  return best;
};

describe('findEventCues', () => {
  const cases: readonly (readonly [string, string, string, string])[] = [
    // sentence, sub-event type of the strongest cue, its weapon, its words
    [
      'A remote-controlled bomb went off near the convoy.',
      'Remote explosive/landmine/IED',
      'explosives_ied',
      'remote-controlled bomb',
    ],
    ['An IED planted on the road hit the van.', 'Remote explosive/landmine/IED', 'explosives_ied', 'IED'],
    [
      'An improvised explosive device tore through the patrol.',
      'Remote explosive/landmine/IED',
      'explosives_ied',
      'improvised explosive device',
    ],
    ['Two shepherds stepped on a land mine.', 'Remote explosive/landmine/IED', 'explosives_ied', 'land mine'],
    ['A roadside bomb killed a soldier.', 'Remote explosive/landmine/IED', 'explosives_ied', 'roadside bomb'],
    ['Police found the blast crater later.', 'Remote explosive/landmine/IED', 'explosives_ied', 'blast'],
    [
      'An explosives-laden motorcycle was parked by the gate.',
      'Remote explosive/landmine/IED',
      'explosives_ied',
      'explosives-laden motorcycle',
    ],
    ['A suicide bomber struck the parade.', 'Suicide bomb', 'suicide_bomb', 'suicide bomber'],
    [
      'The attacker self-detonated at the gate after an exchange of fire.',
      'Suicide bomb',
      'suicide_bomb',
      'self-detonated',
    ],
    [
      'An explosives-laden vehicle driven by a bomber hit the camp.',
      'Suicide bomb',
      'suicide_bomb',
      'explosives-laden vehicle driven by',
    ],
    ['Men on a bike hurled a grenade at the shop.', 'Grenade', 'grenade', 'hurled a grenade'],
    ['A hand grenade attack wounded three.', 'Grenade', 'grenade', 'hand grenade attack'],
    [
      'Rockets were fired at the fort overnight.',
      'Shelling/artillery/missile attack',
      'rocket_mortar_artillery',
      'Rockets',
    ],
    [
      'Mortar shells landed in the village.',
      'Shelling/artillery/missile attack',
      'rocket_mortar_artillery',
      'Mortar shells',
    ],
    ['A drone strike hit a compound.', 'Air/drone strike', 'air_drone', 'drone strike'],
    ['Jets carried out an airstrike on the ridge.', 'Air/drone strike', 'air_drone', 'airstrike'],
    ['A quadcopter dropped a charge on the post.', 'Air/drone strike', 'air_drone', 'quadcopter dropped'],
    ['Gunmen opened fire on the bus.', 'Armed clash', 'firearms', 'opened fire'],
    ['Troops and fighters were locked in a gun battle for hours.', 'Armed clash', 'firearms', 'gun battle'],
    ['The fighters ambushed a patrol near the river.', 'Armed clash', 'firearms', 'ambushed'],
    ['The group attacked a checkpost at night.', 'Armed clash', 'firearms', 'attacked a checkpost'],
    [
      'Guards drove off men who tried to storm the district jail compound.',
      'Armed clash',
      'firearms',
      'to storm the district jail compound',
    ],
    ['Masked men staged a gun attack on the toll plaza.', 'Armed clash', 'firearms', 'gun attack'],
    [
      'Three suspects were killed in a joint CTD operation near the border.',
      'Armed clash',
      'unknown',
      'killed in a joint CTD operation',
    ],
    ['Four labourers were abducted from the site.', 'Abduction/forced disappearance', 'unknown', 'abducted'],
    [
      'The men were taken captive and later freed.',
      'Abduction/forced disappearance',
      'unknown',
      'taken captive',
    ],
    [
      'The kidnapped engineers were shot and beheaded.',
      'Abduction/forced disappearance',
      'unknown',
      'kidnapped',
    ],
    ['The body had been beheaded.', 'Attack', 'melee', 'beheaded'],
    ['Raiders set ablaze three excavators.', 'Looting/property destruction', 'incendiary', 'set ablaze'],
    ['Attackers torched a school and fled.', 'Looting/property destruction', 'incendiary', 'torched'],
    [
      'Militants blew up a gas pipeline in the night.',
      'Remote explosive/landmine/IED',
      'explosives_ied',
      'blew up a gas pipeline',
    ],
    [
      'Saboteurs blew up a railway track near the station.',
      'Remote explosive/landmine/IED',
      'explosives_ied',
      'blew up a railway track',
    ],
    [
      'The bomb disposal squad defused an explosive device.',
      'Disrupted weapons use',
      'unknown',
      'defused an explosive device',
    ],
    ['Police arrested two suspects.', 'Arrests', 'unknown', 'arrested'],
    ['Traders staged a sit-in outside the press club.', 'Peaceful protest', 'unknown', 'sit-in'],
  ];
  it.each(cases)('%s', (text, sub, weapon, words) => {
    const cue = strongest(text);
    expect(cue?.subEventType).toBe(sub);
    expect(cue?.weapon).toBe(weapon);
    expect(cue?.text).toBe(words);
  });

  it('ranks the specific above the generic', () => {
    expect(strongest('The suicide attack was followed by an attack on the post.')?.weapon).toBe(
      'suicide_bomb',
    );
    expect(strongest('Militants attacked the convoy with an IED.')?.weapon).toBe('explosives_ied');
    expect(strongest('They attacked the market with a grenade.')?.weapon).toBe('grenade');
    expect(strongest('An IED went off, then the ambush began.')?.weapon).toBe('explosives_ied');
    expect(strongest('The attack left the town in shock.')?.priority).toBeLessThan(
      strongest('a grenade')!.priority,
    );
  });

  it('reads no cue from words that only look like one', () => {
    expect(findEventCues(sentence('The bomb disposal squad reached the site.'), lexicon)).toEqual([]);
    expect(findEventCues(sentence('The meeting on March 3 ended early.'), lexicon)).toEqual([]);
  });

  it('reads no attack in an accident, or in a blast that was blamed and then ruled out', () => {
    for (const text of [
      'A gas cylinder exploded in a bakery.',
      'A boiler blast tore through the mill.',
      'The fire was initially blamed on a bomb, but engineers later traced it to faulty wiring.',
    ])
      expect(findEventCues(sentence(text), lexicon)).toEqual([]);
    // a bomb is still a bomb, and an attack blamed on a group still an attack
    expect(findEventCues(sentence('A bomb exploded near a gas station.'), lexicon)).not.toEqual([]);
    expect(findEventCues(sentence('The army earlier blamed the attack on the TTP.'), lexicon)).not.toEqual(
      [],
    );
  });

  it('gives ACLED pairs verbatim, spans in document offsets', () => {
    const [cue] = findEventCues(sentence('A landmine exploded.', 300), lexicon);
    expect(cue).toMatchObject({
      span: [302, 310],
      text: 'landmine',
      eventType: 'Explosions/Remote violence',
    });
  });

  it('never throws and its spans slice to the text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        for (const c of findEventCues(sentence(text), lexicon))
          expect(text.slice(c.span[0] - 7, c.span[1] - 7)).toBe(c.text);
      }),
    );
  });

  it('is fast on long text', () => {
    const text = 'militants attacked blew up a post with a bomb and fired rockets '.repeat(10_000);
    const t0 = performance.now();
    findEventCues(sentence(text), lexicon);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
