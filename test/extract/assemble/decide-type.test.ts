import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../src/extract/extract-document.js';
import { projectKnowledge } from '../../helpers/knowledge.js';

const knowledge = projectKnowledge();

function typeOf(text: string): [string, string, string | undefined] {
  const [m] = extractDocument({ id: 'doc_test', text, published: '2025-06-20' }, knowledge).mentions;
  return [
    `${m?.eventType}/${m?.subEventType}`,
    m?.weapon ?? '-',
    m?.provenance.find((p) => p.field === 'event_type')?.ruleId,
  ];
}

describe('decideType: shooting and a grenade or rocket in one assault', () => {
  it('codes the fight, an armed clash, when forces are shot at and bombed in one sentence', () => {
    for (const text of [
      'Attackers tossed a hand grenade into a Levies post in Panjgur and then opened fire on the guards.',
      'Insurgents struck a paramilitary convoy near Hoshab with rockets and heavy gunfire, killing two soldiers.',
      'Unknown men carried out a rocket and gun attack on a police checkpoint in Lakki Marwat on Monday.',
    ]) {
      expect(typeOf(text), text).toEqual(['Battles/Armed clash', 'firearms', 'type.mixed-gun-and-bomb']);
    }
  });

  it('reads the shooting in the sentence that tells of the grenade, not only in the opening one', () => {
    const text = [
      'Police beat back an attempt by militants to storm the Saddar police station in Kharan late on Monday.',
      'An official said the attackers threw a grenade at the building and opened fire before retreating.',
    ].join(' ');
    expect(typeOf(text)[0]).toBe('Battles/Armed clash');
  });

  it('keeps the weapon of an attack with no shooting, and of one on civilians', () => {
    expect(
      typeOf('A grenade was thrown at a police van in Turbat on Monday, injuring two constables.')[0],
    ).toBe('Explosions/Remote violence/Grenade');
    // gunmen are armed men, not shooting: the grenade they threw is the attack
    expect(typeOf('Gunmen hurled a grenade at a Frontier Corps post in Tump on Monday.')[0]).toBe(
      'Explosions/Remote violence/Grenade',
    );
    expect(
      typeOf(
        'Assailants opened fire and hurled grenades at a crowded market in Chaman, injuring six shoppers.',
      )[0],
    ).toBe('Explosions/Remote violence/Grenade');
  });

  it('codes hostages taken in a fight with the forces, in which people died, as the fight', () => {
    const text =
      'Dozens of militants stormed the Levies station in Bhag on Monday and took six Levies men hostage. Police returned fire, and in the exchange of fire a constable and two attackers were killed.';
    expect(typeOf(text)).toEqual(['Battles/Armed clash', 'firearms', 'type.abduction-in-fight']);
    // civilians carried off after a shooting stay an abduction
    expect(
      typeOf(
        'Gunmen opened fire on a wedding party near Mand on Monday, killing one guest, and abducted two others.',
      )[0],
    ).toBe('Violence against civilians/Abduction/forced disappearance');
  });
});
