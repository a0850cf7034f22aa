import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { loadActorTable } from '../../../src/lexicon/actor-table.js';
import { findActors } from '../../../src/extract/actors/find-actors.js';
import type { Sentence } from '../../../src/extract/types.js';

const table = loadActorTable(join(import.meta.dirname, '../../../data'));
const sentence = (text: string, start = 100): Sentence => ({
  index: 0,
  paragraph: 0,
  start,
  end: start + text.length,
  text,
});
const found = (text: string): string[] =>
  findActors(sentence(text), table).map((m) => `${m.text}=${m.actorId}${m.framed ? '*' : ''}`);

describe('findActors', () => {
  const cases: readonly (readonly [string, readonly string[]])[] = [
    ['The Baloch Liberation Army (BLA) said it had struck a camp.', ['Baloch Liberation Army (BLA)=bla']],
    ['The BLA (Baloch Liberation Army) issued a statement.', ['BLA (Baloch Liberation Army)=bla']],
    ['A statement by the Balochistan Liberation Army reached us.', ['Balochistan Liberation Army=bla']],
    ["The BLA's spokesman spoke to reporters.", ["BLA's spokesman=bla"]],
    ['Fighters of the Balochistan Liberation Front laid an ambush.', ['Balochistan Liberation Front=blf']],
    ['BLF militants struck twice near Turbat.', ['BLF militants=blf']],
    ['Militants of the BLF ambushed a convoy near Hoshab.', ['Militants of the BLF=blf']],
    ['Gunmen belonging to the TTP attacked a school.', ['Gunmen belonging to the TTP=ttp']],
    [
      'The Baloch Republican Army and the United Baloch Army said so.',
      ['Baloch Republican Army=bra', 'United Baloch Army=uba'],
    ],
    ['The BRAS alliance, the BRG and the BLT were named.', ['BRAS=bras', 'BRG=brg', 'BLT=blt']],
    ['Baloch Raaji Aajoi Sangar issued a joint claim.', ['Baloch Raaji Aajoi Sangar=bras']],
    ['The Sindhudesh Revolutionary Army bombed a rail line.', ['Sindhudesh Revolutionary Army=sra']],
    ['Tehreek-e-Taliban Pakistan fighters raided a post.', ['Tehreek-e-Taliban Pakistan fighters=ttp']],
    ['The Tehrik-e Taliban Pakistan denied it.', ['Tehrik-e Taliban Pakistan=ttp']],
    [
      'The Pakistani Taliban and Jamaat-ul-Ahrar split.',
      ['Pakistani Taliban=ttp', 'Jamaat-ul-Ahrar=jamaat-ul-ahrar'],
    ],
    ['The Hafiz Gul Bahadur group was named.', ['Hafiz Gul Bahadur group=hafiz-gul-bahadur']],
    [
      'Lashkar-e-Jhangvi and Lashkar-e-Balochistan were named.',
      ['Lashkar-e-Jhangvi=lashkar-e-jhangvi', 'Lashkar-e-Balochistan=lashkar-e-balochistan'],
    ],
    ['The Pakistan Province of the Islamic State said so.', ['Pakistan Province of the Islamic State=ispp']],
    ['ISKP, also written IS-K, was blamed.', ['ISKP=iskp', 'IS-K=iskp']],
    ['TLP workers blocked a highway.', ['TLP workers=tlp']],
    ['Suspected Baloch separatists fired at the vehicle.', ['Baloch separatists=baloch-separatists']],
    [
      'Pro-independence Baloch groups claimed the strikes.',
      ['Pro-independence Baloch groups=baloch-separatists'],
    ],
    [
      'Baloch insurgents and Baloch rebels were seen.',
      ['Baloch insurgents=baloch-separatists', 'Baloch rebels=baloch-separatists'],
    ],
    ['Baloch freedom fighters struck an outpost.', ['Baloch freedom fighters=baloch-separatists*']],
    ['The sarmachars returned to the hills.', ['sarmachars=baloch-separatists*']],
    ['BLA freedom fighters attacked the camp.', ['BLA freedom fighters=bla*']],
    ['The freedom fighters of the region, said the BLA, had won.', ['freedom fighters=bla*', 'BLA=bla']],
    [
      'Troops killed six terrorists of Fitna al-Hindustan.',
      ['Troops=pakistan-army', 'terrorists of Fitna al-Hindustan=baloch-separatists*'],
    ],
    ['Terrorists attacked a post in Balochistan.', ['Terrorists=baloch-separatists*']],
    ['Terrorists attacked a post in Peshawar.', ['Terrorists=unidentified*']],
    [
      'Indian proxies were blamed by officials.',
      ['Indian proxies=baloch-separatists*', 'officials=security-official'],
    ],
    ['Security forces killed four khawarij.', ['Security forces=security-forces', 'khawarij=ttp*']],
    ['Unidentified gunmen shot a shopkeeper.', ['Unidentified gunmen=unidentified']],
    ['Unidentified motorcyclists shot a trader.', ['Unidentified motorcyclists=unidentified']],
    ['Unknown terrorists shot a constable.', ['Unknown terrorists=unidentified*']],
    [
      'Unknown assailants and unidentified armed assailants fled.',
      ['Unknown assailants=unidentified', 'unidentified armed assailants=unidentified'],
    ],
    ['Militants fled after the clash.', ['Militants=unidentified']],
    ['FC personnel and Levies men cordoned the area.', ['FC personnel=frontier-corps', 'Levies men=levies']],
    ['The CTD and the Balochistan Levies raided a house.', ['CTD=ctd', 'Balochistan Levies=levies']],
    [
      'Policemen and Pakistan Air Force jets responded.',
      ['Policemen=police', 'Pakistan Air Force=pakistan-air-force'],
    ],
    [
      'The ISPR said law enforcement agencies responded.',
      ['ISPR=ispr', 'law enforcement agencies=security-forces'],
    ],
    [
      'Radio Zrumbesh and The Balochistan Post reported it, as did Dawn and AFP.',
      ['Radio Zrumbesh=radio-zrumbesh', 'The Balochistan Post=balochistan-post', 'Dawn=dawn', 'AFP=afp'],
    ],
    [
      'The Chief Minister and the deputy commissioner visited.',
      ['Chief Minister=chief-minister', 'deputy commissioner=deputy-commissioner'],
    ],
    ['They left at dawn, before the blast.', []],
    ['The bla bla of politics.', []],
    ['Sporadic terrorist attacks and militancy persist.', []],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('gives spans into the document and the canonical neutral name', () => {
    const text = 'Later the BLA freedom fighters withdrew.';
    const [m] = findActors(sentence(text, 500), table);
    expect(m?.span).toEqual([510, 530]);
    expect(m?.name).toBe('Baloch Liberation Army');
    expect(m?.type).toBe('rebel_group');
  });

  it('keeps two named groups apart, so a framing word resolves to neither', () => {
    expect(found('The BLA and the BLF, the freedom fighters, met.')).toEqual([
      'BLA=bla',
      'BLF=blf',
      'freedom fighters=baloch-separatists*',
    ]);
  });

  it('never throws and its spans slice to the text', () => {
    const words = fc.constantFrom(
      'BLA',
      'Baloch',
      'Liberation',
      'Army',
      '(',
      ')',
      "'s",
      'militants',
      'of',
      'the',
      'terrorists',
      ' ',
      ',',
      '\u0000',
      'Balochistan',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(words).map((w) => w.join(' ')),
        ),
        fc.nat(1000),
        (text, start) => {
          for (const m of findActors(sentence(text, start), table)) {
            expect(text.slice(m.span[0] - start, m.span[1] - start)).toBe(m.text);
          }
        },
      ),
    );
  });

  it('is linear on long text without punctuation', () => {
    const text = 'Baloch Liberation Army militants of the '.repeat(20_000);
    const t0 = performance.now();
    expect(findActors(sentence(text), table).length).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});
