import { describe, expect, it } from 'vitest';
import { findPlaces } from '../../../src/extract/places/find-places.js';
import type { PlaceContext } from '../../../src/extract/types.js';
import { gazetteer, sentence } from './places-fixture.js';

const BALOCHISTAN: PlaceContext = { country: 'PK', admin1: 'Balochistan' };
const KP: PlaceContext = { country: 'PK', admin1: 'Khyber Pakhtunkhwa' };

type Row = readonly [
  text: string,
  expected: {
    name: string;
    admin2: string | null;
    admin1: string | null;
    precision: string;
    role?: string;
    rule?: string;
  },
  context?: PlaceContext,
];

/** The first place of each sentence; the sentences are written for these tests. */
const FIRST_PLACE: readonly Row[] = [
  [
    'Gunmen opened fire on a shop in Turbat on Sunday.',
    {
      name: 'Turbat',
      admin2: 'Kech',
      admin1: 'Balochistan',
      precision: 'place',
      role: 'town',
      rule: 'place.town',
    },
  ],
  [
    'Two soldiers died when a roadside bomb went off in Kech district.',
    {
      name: 'Kech',
      admin2: 'Kech',
      admin1: 'Balochistan',
      precision: 'district',
      role: 'district',
      rule: 'place.district-suffix',
    },
  ],
  [
    'Security was tightened across the district of Kech after the raid.',
    { name: 'Kech', admin2: 'Kech', admin1: 'Balochistan', precision: 'district', rule: 'place.district-of' },
  ],
  [
    'Fighters raided a camp in Kej on Monday night.',
    { name: 'Kech', admin2: 'Kech', admin1: 'Balochistan', precision: 'district', role: 'district' },
  ],
  [
    'The convoy was ambushed in Bolan.',
    { name: 'Kachhi', admin2: 'Kachhi', admin1: 'Balochistan', precision: 'district' },
  ],
  [
    'A grenade was hurled at a market in Kachhi district.',
    { name: 'Kachhi', admin2: 'Kachhi', admin1: 'Balochistan', precision: 'district' },
  ],
  [
    'Levies personnel were attacked in Noshki late on Friday.',
    { name: 'Nushki', admin2: 'Nushki', admin1: 'Balochistan', precision: 'place', role: 'town' },
  ],
  [
    'A blast struck a rally in Sibbi.',
    { name: 'Sibi', admin2: 'Sibi', admin1: 'Balochistan', precision: 'place', role: 'town' },
  ],
  [
    'Police found two bodies near Las Bela.',
    { name: 'Lasbela', admin2: 'Lasbela', admin1: 'Balochistan', precision: 'district' },
  ],
  [
    'Rockets landed in Killa Abdullah district overnight.',
    { name: 'Qila Abdullah', admin2: 'Qila Abdullah', admin1: 'Balochistan', precision: 'district' },
  ],
  [
    'Officials said the attack happened in Jhal Magsi district.',
    { name: 'Jhal Magsi', admin2: 'Jhal Magsi', admin1: 'Balochistan', precision: 'district' },
  ],
  [
    'Militants torched trucks in Jaffarabad district.',
    { name: 'Jafarabad', admin2: 'Jafarabad', admin1: 'Balochistan', precision: 'district' },
  ],
  [
    'A checkpoint was stormed in Naseerabad district.',
    { name: 'Nasirabad', admin2: 'Nasirabad', admin1: 'Balochistan', precision: 'district' },
  ],
  // The district is named after its seat, so its spellings name the town too.
  [
    'Gunmen shot a teacher in D.I. Khan on Tuesday.',
    {
      name: 'Dera Ismail Khan',
      admin2: 'Dera Ismail Khan',
      admin1: 'Khyber Pakhtunkhwa',
      precision: 'place',
      role: 'town',
    },
    KP,
  ],
  [
    'A drone was shot down over North Waziristan district.',
    {
      name: 'North Waziristan',
      admin2: 'North Waziristan',
      admin1: 'Khyber Pakhtunkhwa',
      precision: 'district',
    },
    KP,
  ],
  [
    'Soldiers were killed in an ambush in Miranshah.',
    { name: 'Miran Shah', admin2: 'North Waziristan', admin1: 'Khyber Pakhtunkhwa', precision: 'place' },
    KP,
  ],
  [
    'A police van was targeted in Mir Ali on Thursday.',
    { name: 'Mir Ali', admin2: 'North Waziristan', admin1: 'Khyber Pakhtunkhwa', precision: 'place' },
    KP,
  ],
  [
    'A bomb exploded at a bazaar in Wana.',
    { name: 'Wana', admin2: 'Lower South Waziristan', admin1: 'Khyber Pakhtunkhwa', precision: 'place' },
    KP,
  ],
  [
    'Two constables were shot in Tank.',
    { name: 'Tank', admin2: 'Tank', admin1: 'Khyber Pakhtunkhwa', precision: 'place', role: 'town' },
    KP,
  ],
  [
    'Police said Tank district had been quiet for a month.',
    { name: 'Tank', admin2: 'Tank', admin1: 'Khyber Pakhtunkhwa', precision: 'district', role: 'district' },
    KP,
  ],
  [
    'A worker was abducted from Hub town.',
    { name: 'Hub', admin2: 'Hub', admin1: 'Balochistan', precision: 'place', rule: 'place.town-suffix' },
  ],
  [
    'Mortar shells fell on Khar, the headquarters of Bajaur.',
    { name: 'Khar', admin2: 'Bajaur', admin1: 'Khyber Pakhtunkhwa', precision: 'place' },
    KP,
  ],
  [
    'Militants attacked a post in Bajaur district.',
    { name: 'Bajaur', admin2: 'Bajaur', admin1: 'Khyber Pakhtunkhwa', precision: 'district' },
    KP,
  ],
  [
    'An officer was killed in Lakki Marwat.',
    { name: 'Lakki', admin2: 'Lakki Marwat', admin1: 'Khyber Pakhtunkhwa', precision: 'place' },
    KP,
  ],
  [
    'The fighting spread to Mohmand district.',
    { name: 'Mohmand', admin2: 'Mohmand', admin1: 'Khyber Pakhtunkhwa', precision: 'district' },
    KP,
  ],
  // A bare province, a country.
  [
    'Violence rose sharply in Balochistan this year.',
    {
      name: 'Balochistan',
      admin2: null,
      admin1: 'Balochistan',
      precision: 'province',
      role: 'province',
      rule: 'place.province',
    },
  ],
  [
    'Attacks on polio teams continued in KPK.',
    { name: 'Khyber Pakhtunkhwa', admin2: null, admin1: 'Khyber Pakhtunkhwa', precision: 'province' },
    KP,
  ],
  [
    'Talks were held in Sindh province.',
    { name: 'Sindh', admin2: null, admin1: 'Sindh', precision: 'province' },
  ],
  [
    'Unrest in Pakistan grew after the elections.',
    {
      name: 'Pakistan',
      admin2: null,
      admin1: null,
      precision: 'country',
      role: 'country',
      rule: 'place.country',
    },
  ],
  // Parentheses and trails give the district and province.
  [
    'Rebels attacked a post in Turbat city (Kech district, Balochistan).',
    {
      name: 'Turbat',
      admin2: 'Kech',
      admin1: 'Balochistan',
      precision: 'place',
      rule: 'place.paren-district-province',
    },
  ],
  [
    'A landmine killed a shepherd at Kahan town (Kohlu district, Balochistan).',
    { name: 'Kahan', admin2: 'Kohlu', admin1: 'Balochistan', precision: 'district' },
  ],
  [
    'A guard was injured in Quetta city (Quetta, Balochistan).',
    {
      name: 'Quetta',
      admin2: 'Quetta',
      admin1: 'Balochistan',
      precision: 'place',
      rule: 'place.paren-district-province',
    },
  ],
  [
    'Gunmen fired on a bus in Quetta, Balochistan, Pakistan.',
    { name: 'Quetta', admin2: 'Quetta', admin1: 'Balochistan', precision: 'place', rule: 'place.town' },
  ],
  [
    'A clinic was burnt in Spinwam, North Waziristan, Khyber Pakhtunkhwa.',
    { name: 'Spinwam', admin2: 'North Waziristan', admin1: 'Khyber Pakhtunkhwa', precision: 'district' },
    KP,
  ],
  // The source names the wrong province: the gazetteer's wins.
  [
    'A bus was bombed in Quetta city (Quetta, KPK).',
    { name: 'Quetta', admin2: 'Quetta', admin1: 'Balochistan', precision: 'place' },
  ],
  // Areas: an unlisted name tied to a known place.
  [
    'An attack was reported in Quetta’s Faizabad area.',
    {
      name: 'Faizabad',
      admin2: 'Quetta',
      admin1: 'Balochistan',
      precision: 'near_place',
      role: 'area',
      rule: 'place.possessive-area',
    },
  ],
  [
    "Troops clashed with fighters in Turbat's Sorap area.",
    {
      name: 'Sorap',
      admin2: 'Kech',
      admin1: 'Balochistan',
      precision: 'near_place',
      rule: 'place.possessive-area',
    },
  ],
  // A district's tehsil, written with the district's possessive: the tehsil is the place.
  [
    "Gunmen attacked a checkpost in Dera Ismail Khan's Kulachi tehsil.",
    {
      name: 'Kulachi',
      admin2: 'Dera Ismail Khan',
      admin1: 'Khyber Pakhtunkhwa',
      precision: 'place',
      rule: 'place.tehsil-suffix',
    },
  ],
  [
    'An IED hit a patrol in the Gorani Dap area of Zamuran.',
    {
      name: 'Gorani Dap',
      admin2: 'Kech',
      admin1: 'Balochistan',
      precision: 'district',
      role: 'area',
      rule: 'place.area-of-town',
    },
  ],
  [
    'Shots were fired in the Kalag neighbourhood of Turbat.',
    {
      name: 'Kalag',
      admin2: 'Kech',
      admin1: 'Balochistan',
      precision: 'near_place',
      rule: 'place.area-of-town',
    },
  ],
  [
    'Fighters attacked a camp at Pirak area in Mand tehsil (Kech district, Balochistan).',
    {
      name: 'Pirak',
      admin2: 'Kech',
      admin1: 'Balochistan',
      precision: 'district',
      role: 'area',
      rule: 'place.area-in-known',
    },
  ],
  [
    'A pipeline was blown up at Sorgi area in Bolan tehsil.',
    {
      name: 'Sorgi',
      admin2: 'Kachhi',
      admin1: 'Balochistan',
      precision: 'district',
      rule: 'place.area-in-known',
    },
  ],
  [
    'A checkpost was attacked at Loti area in Dera Bugti district.',
    {
      name: 'Loti',
      admin2: 'Dera Bugti',
      admin1: 'Balochistan',
      precision: 'district',
      rule: 'place.area-in-known',
    },
  ],
  [
    'Labourers were kidnapped in Kandi Goth, Kachi district, Balochistan.',
    {
      name: 'Kandi Goth',
      admin2: 'Kachhi',
      admin1: 'Balochistan',
      precision: 'district',
      rule: 'place.unknown-comma-known',
    },
  ],
  [
    'Two traders were shot in Shapuk village, Turbat.',
    {
      name: 'Shapuk',
      admin2: 'Kech',
      admin1: 'Balochistan',
      precision: 'near_place',
      rule: 'place.unknown-comma-known',
    },
  ],
  [
    'A rocket hit a house at Gwarkop in Kolwah tehsil.',
    {
      name: 'Gwarkop',
      admin2: 'Awaran',
      admin1: 'Balochistan',
      precision: 'district',
      rule: 'place.unknown-in-known',
    },
  ],
  [
    'Forces raided a hideout at Sangar Kaur (Awaran district, Balochistan).',
    {
      name: 'Sangar Kaur',
      admin2: 'Awaran',
      admin1: 'Balochistan',
      precision: 'district',
      rule: 'place.paren-district-province',
    },
  ],
  [
    'A soldier was sniped in the Mashkai Dap area near Gajar.',
    { name: 'Mashkai Dap', admin2: 'Awaran', admin1: 'Balochistan', precision: 'district', role: 'area' },
  ],
  // A known town named as an area of its own district stays the town.
  [
    'Fighters struck the Mand area in Kech district.',
    { name: 'Mand', admin2: 'Kech', admin1: 'Balochistan', precision: 'district', role: 'town' },
  ],
  // Places the package lacks, from the project's table: their source places them in a district, no closer.
  [
    'An explosion was heard in Zamuran.',
    { name: 'Zamuran', admin2: 'Kech', admin1: 'Balochistan', precision: 'district', role: 'area' },
  ],
  [
    'Militants seized a road in Jhau.',
    { name: 'Jhal Jhao', admin2: 'Awaran', admin1: 'Balochistan', precision: 'district' },
  ],
  [
    'The camp at Johan was attacked.',
    { name: 'Johan', admin2: 'Kalat', admin1: 'Balochistan', precision: 'district', role: 'area' },
  ],
  [
    'Gunmen targeted a post in Hoshab.',
    { name: 'Hoshab', admin2: 'Kech', admin1: 'Balochistan', precision: 'district' },
  ],
  [
    'A patrol came under fire in Buleda.',
    { name: 'Buleda', admin2: 'Kech', admin1: 'Balochistan', precision: 'district' },
  ],
  [
    'Fighting was reported near Razmak.',
    { name: 'Razmak', admin2: 'North Waziristan', admin1: 'Khyber Pakhtunkhwa', precision: 'district' },
    KP,
  ],
  // A police station's jurisdiction is an area of the town or district written after it.
  [
    'Militants attacked a check post within the jurisdiction of the Daraban police station in Dera Ismail Khan.',
    {
      name: 'Daraban',
      admin2: 'Dera Ismail Khan',
      admin1: 'Khyber Pakhtunkhwa',
      precision: 'near_place',
      role: 'area',
    },
    KP,
  ],
  [
    'The attack took place within the limits of Saddar police station, Bannu district.',
    { name: 'Saddar', admin2: 'Bannu', admin1: 'Khyber Pakhtunkhwa', precision: 'district', role: 'area' },
    KP,
  ],
  // A province named without a district is the province, not its capital.
  [
    'The attack took place in Khyber Pakhtunkhwa on Friday.',
    { name: 'Khyber Pakhtunkhwa', admin2: null, admin1: 'Khyber Pakhtunkhwa', precision: 'province' },
    KP,
  ],
  [
    'Security forces killed militants in the Shewa area of North Waziristan district.',
    { name: 'Shewa', admin2: 'North Waziristan', admin1: 'Khyber Pakhtunkhwa', precision: 'district' },
    KP,
  ],
  // A road named after towns is not a place; the town after it is.
  [
    'Traffic on the Quetta-Karachi highway near Surab was blocked.',
    { name: 'Surab', admin2: 'Surab', admin1: 'Balochistan', precision: 'place' },
  ],
  [
    'An IED went off on Sariab Road in Quetta.',
    { name: 'Quetta', admin2: 'Quetta', admin1: 'Balochistan', precision: 'place' },
  ],
  // Names used as modifiers are not places; the real place after them is found.
  [
    'Pakistan Army troops were attacked in Kalat.',
    { name: 'Kalat', admin2: 'Kalat', admin1: 'Balochistan', precision: 'place' },
  ],
  [
    'Six Punjab labourers were shot in Kharan district.',
    { name: 'Kharan', admin2: 'Kharan', admin1: 'Balochistan', precision: 'district' },
  ],
  [
    'Islamabad’s narrative was rejected after the attack in Panjgur.',
    { name: 'Panjgur', admin2: 'Panjgur', admin1: 'Balochistan', precision: 'place' },
  ],
];

describe('findPlaces: first place of a sentence', () => {
  it.each(FIRST_PLACE.map((row) => [row[0], row] as const))('%s', (_label, row) => {
    const [text, expected, context = BALOCHISTAN] = row;
    const places = findPlaces(sentence(text), gazetteer(), context);
    const first = places[0];
    expect(first, JSON.stringify(places)).toBeDefined();
    expect(first?.location).toMatchObject({
      name: expected.name,
      admin2: expected.admin2,
      admin1: expected.admin1,
      precision: expected.precision,
      country: 'PK',
    });
    if (expected.role) expect(first?.role).toBe(expected.role);
    if (expected.rule) expect(first?.ruleId).toBe(expected.rule);
  });
});

const names = (text: string, context: PlaceContext = BALOCHISTAN): string[] =>
  findPlaces(sentence(text), gazetteer(), context).map((p) => `${p.role}:${p.location.name}`);

describe('findPlaces: what is one place, several, or none', () => {
  it('returns one mention for an area construction, not the town as well', () => {
    expect(names('An IED hit a patrol in the Gorani Dap area of Zamuran.')).toEqual(['area:Gorani Dap']);
    expect(
      names('Fighters attacked a camp at Pirak area in Mand tehsil (Kech district, Balochistan).'),
    ).toEqual(['area:Pirak']);
  });

  it('lists every district of "X and Y districts" and of a bare list', () => {
    expect(names('Operations continued in Bolan and Kech districts.')).toEqual([
      'district:Kachhi',
      'district:Kech',
    ]);
    expect(names('Attacks were carried out in Kech, Mastung, and Kachi on Friday.')).toEqual([
      'district:Kech',
      'town:Mastung',
      'district:Kachhi',
    ]);
  });

  it('reads a province after a town as its confirmation, not a second place', () => {
    expect(names('Gunmen fired on a bus in Quetta, Balochistan.')).toEqual(['town:Quetta']);
  });

  it('only reads capitalised names, and English-word names only with a place cue', () => {
    expect(names('The tank rolled over a hub of the market.')).toEqual([]);
    expect(names('Tank crews and Hub operators were praised.')).toEqual([]);
    expect(names('Mach numbers are used by pilots.')).toEqual([]);
  });

  it('does not take person names, ethnonyms or organisations for places', () => {
    expect(names('Mir Yar Baloch wrote that Mahrang Baloch had been detained.')).toEqual([]);
    expect(names('Baloch groups and the Pakistan Army traded claims.')).toEqual([]);
    expect(names('The Balochistan-based radio and the Balochistan government disagreed.')).toEqual([]);
    expect(names('Islamabad’s narrative changed.')).toEqual([]);
    // a force's post or camp is where the force is, not a place called after it
    expect(names('Gunmen fired on a Levies post in Kalat.')).toEqual(['town:Kalat']);
    expect(names('Rockets hit an Army camp and a Police post near Zhob.')).toEqual(['town:Zhob']);
    // so is a force's or a group's acronym: 'an FC camp' is no area called FC
    expect(names('Rockets hit an FC camp in Zhob and a CTD post near Kalat.')).toEqual([
      'town:Zhob',
      'town:Kalat',
    ]);
  });

  it('skips a road between two towns', () => {
    expect(names('The Quetta-Karachi highway was closed.')).toEqual([]);
    expect(names('A bus was attacked on the Bannu-Miran Shah road.', KP)).toEqual([]);
  });

  it("reads an Afghan province named in the text as Afghanistan's, with that province as admin1", () => {
    const [first] = findPlaces(
      sentence('Pakistan struck hostile positions in Helmand province.'),
      gazetteer(),
      KP,
    );
    expect(first?.location).toMatchObject({
      name: 'Helmand',
      admin1: 'Helmand',
      country: 'AF',
      precision: 'province',
    });
  });

  it('drops a neighbouring country named as where fire came from', () => {
    expect(names('Shells fired from Afghanistan hit Bajaur district.', KP)).toEqual(['district:Bajaur']);
  });

  it('resolves an ambiguous name by the district written next to it, else the document', () => {
    const dasht = findPlaces(
      sentence('A blast hit the Dasht area in Quetta district.'),
      gazetteer(),
      BALOCHISTAN,
    )[0];
    expect(dasht?.location).toMatchObject({ name: 'Dasht', admin2: 'Quetta', precision: 'district' });
    // Punjab is a Pakistani and an Indian province: the document's country decides.
    const pk = findPlaces(sentence('Protests spread across Punjab.'), gazetteer(), {
      country: 'PK',
      admin1: null,
    })[0];
    expect(pk?.location.country).toBe('PK');
    const india = findPlaces(sentence('Protests spread across Punjab.'), gazetteer(), {
      country: 'IN',
      admin1: null,
    })[0];
    expect(india?.location.country).toBe('IN');
  });

  it("names the district that a place's district was split from, and none for a district never split", () => {
    const parents = (text: string) =>
      findPlaces(sentence(text), gazetteer(), KP).map((p) => [p.location.name, p.parentDistrict ?? null]);
    expect(parents('A checkpost was attacked in Wana.')).toEqual([['Wana', 'South Waziristan']]);
    expect(parents('A checkpost was attacked in Lower Kurram.')).toEqual([['Lower Kurram', 'Kurram']]);
    expect(parents('A checkpost was attacked in Bannu district.')).toEqual([['Bannu', null]]);
  });

  it('gives spans into the document that slice to the mention text', () => {
    const text = 'Two soldiers died in Kech district (Balochistan).';
    const [place] = findPlaces(sentence(text, 100), gazetteer(), BALOCHISTAN);
    expect(place?.span[0]).toBe(100 + text.indexOf('Kech'));
    const doc = ' '.repeat(100) + text;
    expect(doc.slice(place?.span[0], place?.span[1])).toBe(place?.text);
    expect(place?.location.placeId).toBe('pk-district.kech');
  });
});
