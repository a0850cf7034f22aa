import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../src/extract/extract-document.js';
import { projectKnowledge } from '../../helpers/knowledge.js';

const knowledge = projectKnowledge();

const claimed = (text: string) =>
  extractDocument({ id: 'doc_test', text, published: '2025-03-18' }, knowledge).mentions.map((m) => [
    m.location?.name,
    m.actor1?.name,
    m.actor1?.claimed,
  ]);

describe("a group's claim of responsibility", () => {
  it('covers the attacks by the same group that the paragraph it was read in goes on to tell', () => {
    const text = [
      'On Monday the BLF claimed its fighters ambushed an army convoy near Hoshab. Another strike came in Tump, where BLF fighters attacked a Levies post.',
      'In Mand, BLF fighters fired on a check post on Monday.',
    ].join('\n\n');
    expect(claimed(text)).toEqual([
      ['Hoshab', 'Baloch Liberation Front', true],
      ['Tump', 'Baloch Liberation Front', true],
      // another paragraph: the group is named as the attacker, but nothing says it claimed this one
      ['Mand', 'Baloch Liberation Front', false],
    ]);
  });

  it('goes to the attack on a police station it follows, not to an incident before it', () => {
    const text = [
      'Earlier this month, a landmine killed two shepherds near Kahan in Kohlu district.',
      'In Khuzdar, a grenade was thrown into a police station on Monday night. No one was hurt. The Baloch Liberation Tigers claimed the attack.',
    ].join('\n\n');
    expect(claimed(text)).toEqual([
      ['Kahan', undefined, undefined],
      ['Khuzdar', 'Baloch Liberation Tigers', true],
    ]);
  });

  it("never covers another group's attack in the same paragraph", () => {
    const text =
      'On Monday the BLF claimed its fighters ambushed an army convoy near Hoshab. In Tump, TTP militants attacked a Levies post.';
    expect(claimed(text)).toEqual([
      ['Hoshab', 'Baloch Liberation Front', true],
      ['Tump', 'Tehrik-i-Taliban Pakistan', false],
    ]);
  });
});

describe('a group that denies the act', () => {
  it('is not its perpetrator for being named, nor is the one it accuses', () => {
    const text =
      'A landmine killed two shepherds near Kahan on Monday. The UBA denied planting it and accused the security forces of mining the hills.';
    expect(claimed(text)).toEqual([['Kahan', undefined, undefined]]);
  });
});

describe('the people who speak of an attack', () => {
  it('are not its target, whatever town or adverb stands between them and their verb', () => {
    const [m] = extractDocument(
      {
        id: 'doc_test',
        text: 'Officials in Turbat confirmed that the checkpost had come under attack on Monday. Police officials also confirmed that the attackers fled.',
        published: '2025-03-18',
      },
      knowledge,
    ).mentions;
    expect([m?.eventType, m?.target]).toEqual(['Battles', 'security_forces']);
  });
});
