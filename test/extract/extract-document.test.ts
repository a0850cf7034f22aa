import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEventRecord, type Mention } from '../../src/domain/index.js';
import { extractDocument } from '../../src/extract/extract-document.js';
import { projectKnowledge } from '../helpers/knowledge.js';

const knowledge = projectKnowledge();

function extract(text: string, published: string | null = '2025-03-14') {
  return extractDocument({ id: 'doc_test', text, published }, knowledge);
}

const where = (m: Mention): string => m.location?.name ?? '-';

describe('extractDocument', () => {
  it('finds each incident of a roundup with its own date, place, actor and figures', () => {
    const text = [
      'On 11 March 2025, gunmen of the Balochistan Liberation Front opened fire on a Frontier Corps checkpost in Turbat, killing two soldiers.',
      'In a separate attack the next morning, a roadside bomb struck a police van in Khuzdar on 12 March, wounding three policemen.',
      'No group claimed the Khuzdar blast.',
    ].join('\n');
    const { mentions } = extract(text);
    expect(mentions.map(where)).toEqual(['Turbat', 'Khuzdar']);
    const [turbat, khuzdar] = mentions as [Mention, Mention];
    expect(turbat.date).toEqual({ start: '2025-03-11', end: '2025-03-11', precision: 'day' });
    expect(turbat.location?.admin2).toBe('Kech');
    expect(turbat.eventType).toBe('Battles');
    expect(turbat.actor1?.name).toBe('Baloch Liberation Front');
    expect(turbat.claims.map((c) => [c.metric, c.category, c.best])).toEqual([
      ['killed', 'security_forces', 2],
    ]);
    expect(khuzdar.subEventType).toBe('Remote explosive/landmine/IED');
    expect(khuzdar.date.start).toBe('2025-03-12');
    expect(khuzdar.claims.map((c) => [c.metric, c.best])).toEqual([['injured', 3]]);
    expect(khuzdar.actor1?.claimed ?? false).toBe(false);
  });

  it("drops a lead's totals of two attacks, given on the day of a statement, for the attacks of the night before", () => {
    const text = [
      'Five soldiers killed in two attacks',
      '',
      'QUETTA/TURBAT: Five soldiers were martyred and six militants were killed in two separate attacks in Balochistan, officials said on Sunday.',
      '',
      'The first attack took place in Turbat late on Saturday night, when militants fired on a Frontier Corps checkpost, martyring three soldiers.',
      '',
      'In the second attack, militants ambushed a patrol in Mastung on Saturday. Two soldiers were martyred, while six militants were killed in the exchange of fire.',
    ].join('\n');
    const { mentions } = extract(text, '2025-03-17');
    expect(mentions.map((m) => [where(m), m.date.start])).toEqual([
      ['Turbat', '2025-03-15'],
      ['Mastung', '2025-03-15'],
    ]);
    expect(mentions.flatMap((m) => m.claims.map((c) => c.best))).toEqual([3, 2, 6]);
  });

  it('drops a province-wide count of attacks on a day for the attack the same paragraph goes on to tell', () => {
    const text = [
      'The Balochistan Liberation Front said it carried out two raids in Balochistan on March 9. Its fighters stormed a levies post near Panjgur, the group said, seizing weapons.',
      '',
      'Separately, a policeman was shot dead in Quetta on March 11.',
    ].join('\n');
    const { mentions } = extract(text);
    expect(mentions.map((m) => [where(m), m.date.start])).toEqual([
      ['Panjgur', '2025-03-09'],
      ['Quetta', '2025-03-11'],
    ]);
    // told in a paragraph of its own, an attack that inherits the day may be one more, not one of the count
    const apart = extract(
      'The Balochistan Liberation Front said it carried out two raids in Balochistan on March 9.\n\nIts fighters also stormed a levies post near Panjgur, the group said.',
    );
    expect(apart.mentions.map(where)).toEqual(['Balochistan', 'Panjgur']);
    // a province-wide incident (not a count of attacks) is not covered by a later one that inherits its day
    const single = extract(
      'A soldier was killed in an attack in Balochistan on March 9. Militants also torched a levies post near Panjgur.',
    );
    expect(single.mentions.map(where)).toEqual(['Balochistan', 'Panjgur']);
  });

  it('reads a district split from the one the lead named as the same place, one incident', () => {
    const text = [
      'Gunmen fired on a van in Kurram district of Khyber Pakhtunkhwa on Tuesday, killing four people, police said.',
      '',
      'A police officer said the van was attacked on the main road in Lower Kurram and the gunmen escaped.',
      '',
      'Four people were killed, he added.',
    ].join('\n');
    const { mentions } = extract(text);
    expect(mentions.map((m) => [where(m), m.date.start])).toEqual([['Kurram', '2025-03-11']]);
    // two districts split from one are two places
    const siblings = extract(
      'Gunmen fired on a van in Upper Kurram on Tuesday, killing two people.\n\nThe van was attacked on the main road in Lower Kurram, police said.',
    );
    expect(siblings.mentions.map(where)).toEqual(['Upper Kurram', 'Lower Kurram']);
  });

  it('joins an incident the second paragraph of the lead told in a clause to the paragraph that tells it in full', () => {
    const text = [
      'The provincial government promised more money for the police in Khyber Pakhtunkhwa on Saturday.',
      '',
      'Two troops and four insurgents were killed in a gunfight in Swat on Thursday, the army said. Three insurgents were killed in Mohmand on Friday, it added later.',
      '',
      'Compensation was announced for the bereaved families.',
      '',
      'Troops had surrounded a hideout in Swat on Thursday, and two of them were killed when militants opened fire, the army said.',
    ].join('\n');
    const { mentions } = extract(text);
    expect(mentions.map((m) => [where(m), m.date.start])).toEqual([
      ['Swat', '2025-03-13'],
      ['Mohmand', '2025-03-14'],
    ]);
  });

  it("keeps two areas of one town, the lead's and a later paragraph's, as two incidents", () => {
    const text = [
      'Fighters struck twice in Kalat district on Monday.',
      '',
      'A bomb hit a military vehicle in the Toba Gharbi area of Kalat on Monday, the group said.',
      '',
      'Its fighters also ambushed a bus at Shalkot Cross in Kalat, killing four soldiers.',
    ].join('\n');
    const named = extract(text).mentions.map(where);
    expect(named).toContain('Toba Gharbi');
    expect(named).toContain('Shalkot Cross');
    // an area read inside the lead's town is that town's incident, told in full
    const inside = extract(
      [
        'QUETTA: Two soldiers were martyred in an attack on a security post in Buleda on Tuesday.',
        '',
        'Officials said gunmen opened fire on a check post in the Sorani area of Buleda, killing two soldiers.',
      ].join('\n'),
    );
    expect(inside.mentions.map(where)).toHaveLength(1);
    // one area named short and in full
    const twice = extract(
      [
        "QUETTA: Three suspects were killed in a raid in Pishin's Kalan Dara area on Monday, officials said.",
        '',
        'A spokesman said security forces launched an operation in the Shaikhan Kalan Dara area in Pishin after a tip-off, killing three suspects.',
      ].join('\n'),
    );
    expect(twice.mentions).toHaveLength(1);
  });

  it('opens no incident at "the martyred policemen", who were counted already', () => {
    const text = [
      'Three policemen martyred in Bannu attack',
      '',
      'BANNU: Three policemen were martyred when militants attacked a police checkpost in Bannu district late on Friday night, officials said.',
      '',
      'The attackers fled after an exchange of fire lasting an hour.',
      '',
      'Funeral prayers',
      '',
      'Hundreds of mourners offered the last rites of the martyred policemen in Bannu city on Saturday morning, with the chief minister among them.',
    ].join('\n');
    const { mentions } = extract(text, '2025-10-12');
    expect(mentions.map((m) => [where(m), m.date.start])).toEqual([['Bannu', '2025-10-10']]);
  });

  it("drops a lead's totals for the attacks that give figures of the same kind, whatever target each one names", () => {
    const text = [
      'Five policemen martyred in two attacks',
      '',
      'QUETTA/TURBAT: Five policemen were martyred and nine militants killed in two separate attacks in Balochistan, officials said on Sunday.',
      '',
      'The first attack took place in Turbat late on Saturday night, when militants rammed an explosive-laden car into the main gate of a school where police recruits were being trained. Five policemen were martyred and six militants were killed in the gunfight that followed.',
      '',
      'Meanwhile, police gunned down three militants when they tried to attack a police station in Mastung on Saturday.',
    ].join('\n');
    const { mentions } = extract(text, '2025-03-17');
    expect(mentions.map((m) => [where(m), m.date.start])).toEqual([
      ['Turbat', '2025-03-15'],
      ['Mastung', '2025-03-15'],
    ]);
  });

  it('reads "in the district" as the district of the last place named, a town as well as a district', () => {
    const text = [
      'Police stations in Karak, Lakki Marwat and Bajaur districts have been hit hard this winter, officials say.',
      '',
      'On Monday a soldier lost his life in a raid on a hideout near Dera Ismail Khan. On Tuesday night gunmen shot dead a constable at a checkpoint elsewhere in the district.',
    ].join('\n');
    const { mentions } = extract(text);
    expect(mentions.map((m) => [where(m), m.location?.precision, m.date.start])).toEqual([
      ['Dera Ismail Khan', 'place', '2025-03-10'],
      ['Dera Ismail Khan', 'district', '2025-03-11'],
    ]);
  });

  it("drops a statement day's totals for encounters its next paragraphs tell over the two days before", () => {
    const text = [
      'Nine militants killed in Balochistan',
      '',
      'QUETTA: At least nine militants were killed in two separate encounters with security forces across Balochistan, the ISPR said on Tuesday.',
      '',
      'Its statement put both clashes on 9-10 March and gave no names of the dead.',
      '',
      'Troops stormed a compound in the Buleda area of Kech district, where six militants died in the shootout, it added.',
    ].join('\n');
    const { mentions } = extract(text, '2025-03-12');
    expect(mentions.map((m) => [where(m), m.date.start, m.date.end])).toEqual([
      ['Buleda', '2025-03-09', '2025-03-10'],
    ]);
  });

  it('adds a figure told "during the operation", paragraphs of background later, to the incident it took part in', () => {
    const paragraphs = [
      'BANNU: Four soldiers were martyred and three militants were killed when militants attacked a police station in Bannu district on Monday, the military said.',
      'The provincial government announced compensation for the families of the martyred.',
      "Officials have long warned that the district's police stations lack walls and lights.",
      'Traders in the city kept their shops shut in protest against the lack of security.',
      'Opposition lawmakers demanded a debate on security in the provincial assembly.',
    ];
    const told = (last: string) => extract([...paragraphs, last].join('\n\n'), '2025-03-11').mentions;
    const [incident] = told(
      'The Bannu police chief later told reporters that six policemen were injured during the operation.',
    );
    expect(incident?.claims.map((c) => [c.metric, c.category, c.best])).toEqual([
      ['killed', 'security_forces', 4],
      ['killed', 'militants', 3],
      ['injured', 'security_forces', 6],
    ]);
    // told of no incident, so far after it, the figure is left alone; and one from another district is no part of it
    expect(told('Six policemen were injured, a police official said.')[0]?.claims).toHaveLength(2);
    expect(told('Six policemen were injured during the operation in Kohat.')[0]?.claims).toHaveLength(2);
  });

  it('makes the group a later sentence says the attackers belonged to the actor of the incident, unclaimed', () => {
    const lead =
      'KOHAT: Three policemen were martyred when militants stormed a police post in Kohat district late on Friday night, officials said.';
    for (const said of [
      'Officials said the attackers, all belonging to the outlawed TTP, lobbed grenades at the post first.',
      'Officials said the attackers belonged to the outlawed TTP.',
    ]) {
      const [incident, ...others] = extract(`${lead}\n\n${said}`, '2025-03-15').mentions;
      expect(others, said).toEqual([]);
      expect(incident?.actor1, said).toMatchObject({ name: 'Tehrik-i-Taliban Pakistan', claimed: false });
      expect(incident?.claims.map((c) => c.best)).toEqual([3]);
    }
    // a sentence that names the group but not as the attackers' leaves the incident unattributed
    const [other] = extract(
      `${lead}\n\nOfficials said the Tehreek-i-Taliban Pakistan (TTP) had long been active in the district.`,
      '2025-03-15',
    ).mentions;
    expect(other?.actor1?.name).toBe('Unidentified armed group');
  });

  it('never dates an undated incident under a subheading by the story before it', () => {
    const text = [
      'QUETTA: Security forces killed four militants in an operation in Khuzdar district on the night of March 2-3, the ISPR said on Wednesday.',
      'The operation was conducted after the reported presence of militants in the area, it added.',
      'Shootout in Kech',
      'Two suspected militants were shot dead in Kech district, police said.',
    ].join('\n\n');
    const [khuzdar, kech] = extract(text, '2025-03-06').mentions;
    expect(khuzdar?.date).toMatchObject({ start: '2025-03-02', end: '2025-03-03' });
    expect(where(kech!)).toBe('Kech');
    // the days before publication, as for any report that gives none
    expect(kech?.date).toMatchObject({ start: '2025-03-05', end: '2025-03-06' });
  });

  it('places and dates an incident by its own words, not by the dateline it was filed under', () => {
    const text =
      'QUETTA, Pakistan, March 13 (Example Wire) - Gunmen fired on a police checkpoint in Turbat on Tuesday, ' +
      'killing two constables, officials said.';
    const [m, ...rest] = extract(text).mentions;
    expect(rest).toHaveLength(0);
    expect(where(m!)).toBe('Turbat');
    expect(m!.date.start).toBe('2025-03-11');
    expect(m!.provenance.some((p) => p.text.includes('QUETTA'))).toBe(false);
  });

  it('takes the dateline place for a lead incident that names none', () => {
    const { mentions } = extract(
      'KHUZDAR: A roadside bomb struck a passenger van on Monday, killing three people.',
    );
    const [m] = mentions;
    expect(where(m!)).toBe('Khuzdar');
    expect(m!.provenance.find((p) => p.field === 'location')?.ruleId).toBe('dateline.colon');
    expect(m!.date.start).toBe('2025-03-10');
  });

  it('opens an incident at a lead the dateline places, whose figures come in the next sentence', () => {
    const lead = 'A bomb went off in the Zehri Road area on Monday.';
    const then = 'Rescue officials said five shopkeepers were wounded.';
    const [m, ...more] = extract(`KHUZDAR: ${lead} ${then}`).mentions;
    expect(more).toHaveLength(0);
    expect(where(m!)).toBe('Khuzdar');
    expect(m!.date.start).toBe('2025-03-10');
    expect(m!.claims.map((c) => `${c.metric}/${c.category}/${c.best}`)).toEqual(['injured/civilians/5']);
    // with no dateline to place it, a lead naming no place, actor, target or figure is no incident of its own
    expect(extract(`${lead} ${then}`).mentions).toHaveLength(0);
  });

  it('types an incident recalled after "days after" by its own cues, not by the present one told before them', () => {
    const text = [
      'QUETTA: A grenade blast at a bus stop in Turbat on Thursday wounded four passengers.',
      "Thursday's blast came three days after gunmen stormed a Levies post in Kalat on March 10, where two guards",
      'were shot dead in an exchange of fire.',
    ].join(' ');
    const kalat = extract(text).mentions.find((m) => where(m) === 'Kalat');
    expect(kalat?.eventType).toBe('Battles');
    expect(kalat?.subEventType).toBe('Armed clash');
  });

  it('never reads the month of a date as a town of that name', () => {
    // Afghanistan has a village named March; the report names no place at all
    for (const text of [
      'On 12 March, gunmen torched two trucks near the coast, killing a driver.',
      'Gunmen torched two trucks on 12 March near the coast, killing a driver.',
    ]) {
      for (const m of extract(text).mentions) expect(m.location?.name, text).not.toBe('March');
    }
    // nor does the month make the document about Afghanistan, which would turn a Pakistani town implausible
    const [chaman] = extract(
      'On 9 March 2025, a grenade thrown at a shop in Chaman injured four people.',
    ).mentions;
    expect(chaman?.location?.name).toBe('Chaman');
  });

  it('dates "the next day" and "two days later" from the incident before', () => {
    const text = [
      'On 10 March, gunmen killed two policemen at a checkpoint in Turbat.',
      'The next day, a roadside bomb wounded three soldiers in Khuzdar.',
      'Two days later, militants fired rockets at a camp in Panjgur.',
      'The day after that, the army said one of the wounded soldiers had died.',
    ].join('\n\n');
    const { mentions } = extract(text);
    expect(mentions.map((m) => [where(m), m.date.start, m.date.precision])).toEqual([
      ['Turbat', '2025-03-10', 'day'],
      ['Khuzdar', '2025-03-11', 'day'],
      ['Panjgur', '2025-03-13', 'day'],
    ]);
    expect(mentions[1]!.provenance.find((p) => p.field === 'date')?.ruleId).toBe('segment.day-after');
  });

  it('dates an incident told "earlier this week" by the night a later sentence taking it up names', () => {
    // published on a Friday: "earlier this week" is Monday to Thursday
    const text = [
      'Troops earlier this week killed four militants in an operation in Kech district, the military said.',
      'The operation was conducted on the night of 10/11 March on a tip-off, it added.',
    ].join('\n\n');
    const { mentions } = extract(text);
    expect(mentions.map((m) => [where(m), m.date.start, m.date.end, m.date.precision])).toEqual([
      ['Kech', '2025-03-10', '2025-03-11', 'days'],
    ]);
  });

  it('never dates a day after publication by counting days', () => {
    const text =
      'On 13 March, gunmen attacked a post in Turbat.\n\nTwo days later, a bomb exploded in Khuzdar.';
    for (const m of extract(text).mentions) expect(m.date.end <= '2025-03-14').toBe(true);
  });

  it('makes the state the actor of a security operation against a group it names', () => {
    const text =
      'Security forces killed six Baloch Liberation Front militants in an intelligence-based operation in Kech ' +
      'on 12 March, the military said.';
    const [m] = extract(text).mentions;
    expect(m!.actor1?.type).toBe('state_forces');
    expect(m!.actor2?.name).toBe('Baloch Liberation Front');
    expect(m!.provenance.find((p) => p.field === 'actor1')?.ruleId).toBe('actor.state-operation');
  });

  it('makes the force whose media wing reports an operation its actor when no force is named', () => {
    const text =
      'Four militants were killed in an intelligence-based operation in Kech on 12 March, the ISPR said.';
    const [m] = extract(text).mentions;
    expect(m!.actor1?.name).toBe('Pakistan Army');
    expect(m!.provenance.find((p) => p.field === 'actor1')).toMatchObject({
      ruleId: 'actor.state-operation-speaker',
      text: 'ISPR',
    });
  });

  it('makes the force the article named the actor of a later killing of militants that names none', () => {
    const text = [
      'Police foiled an attack on a checkpoint in Bannu on 11 March, officials said.',
      'On 12 March, three militants were killed in Lakki Marwat.',
    ].join('\n\n');
    const lakki = extract(text).mentions.find((m) => m.eventType === 'Battles');
    expect(lakki?.actor1?.type).toBe('state_forces');
    expect(lakki!.provenance.find((p) => p.field === 'actor1')?.ruleId).toBe(
      'actor.state-militant-casualties-document',
    );
  });

  it("gives a group's claim of a wave of attacks to each town's attack that breaks the wave down", () => {
    const text = [
      'The BLF announced on 12 March that it carried out a wave of coordinated attacks across Balochistan.',
      'On 12 March, BLF fighters attacked army camps in Turbat, Panjgur and Awaran with rockets and gunfire.',
    ].join('\n\n');
    const { mentions } = extract(text);
    expect(mentions.map((m) => [where(m), m.actor1?.name, m.actor1?.claimed])).toEqual([
      ['Turbat', 'Baloch Liberation Front', true],
      ['Panjgur', 'Baloch Liberation Front', true],
      ['Awaran', 'Baloch Liberation Front', true],
    ]);
    for (const m of mentions)
      expect(m.provenance.find((p) => p.field === 'actor1.claimed')?.ruleId).toBe(
        'responsibility/resp-claimed-announced',
      );
  });

  it('splits a coordinated attack on several towns into one mention per town under one operation', () => {
    const text =
      'The Baloch Liberation Army said on Thursday that its fighters had struck army posts in Panjgur, Kharan and Washuk at the same hour.\n' +
      'A provincial spokesman said 9 soldiers and 4 civilians died across the three towns.';
    const { mentions } = extract(text, '2025-03-14');
    expect(mentions.map(where)).toEqual(['Panjgur', 'Kharan', 'Washuk']);
    const keys = new Set(mentions.map((m) => m.operationKey));
    expect(keys.size).toBe(1);
    expect([...keys][0]).not.toBeNull();
    for (const m of mentions) {
      expect(m.claims).toEqual([]);
      expect(m.operationClaims.map((c) => c.best).sort()).toEqual([4, 9]);
    }
  });

  it("attaches a party's later acknowledgement to the incident whose claim it answers", () => {
    const text = [
      'On 10 March 2025, BLA fighters ambushed an army convoy near Mach, and the group said 19 soldiers were killed.',
      'The attack drew condemnation from the provincial government.',
      'Observers say the province has seen a steady rise in violence.',
      'Analysts expect more such attacks in the coming months.',
      'The military later acknowledged a few casualties but dismissed the claims as exaggerated.',
    ].join('\n');
    const { mentions } = extract(text);
    expect(mentions).toHaveLength(1);
    const figures = mentions[0]!.claims.map((c) => [c.claimantKind, c.stance, c.low, c.high]);
    expect(figures).toContainEqual(['armed_group', 'claimed', 19, 19]);
    expect(figures.some(([kind, stance]) => kind === 'state' && stance === 'acknowledged')).toBe(true);
  });

  it('keeps statements, rhetoric and annual tallies out of the incidents, and records the tallies', () => {
    const text = [
      'The interior minister warned that militants would attack more towns if talks failed.',
      'According to an annual report by a research institute, 412 security personnel were killed across the country in 2024.',
      'Separatist violence has long plagued the province.',
    ].join('\n');
    const { mentions, aggregates } = extract(text);
    expect(mentions).toEqual([]);
    expect(aggregates.length).toBeGreaterThan(0);
    expect(aggregates[0]!.value).toContain('412');
  });

  it('dates an incident with no date of its own to the day before publication and that day, never later', () => {
    const { mentions } = extract('Gunmen attacked a levies post in Kohlu, killing one guard.', '2025-03-14');
    expect(mentions[0]!.date).toEqual({ start: '2025-03-13', end: '2025-03-14', precision: 'days' });
    expect(mentions[0]!.provenance.find((p) => p.field === 'date')?.ruleId).toBe('date.before-publication');
  });

  it('explains every field it sets with a rule and a span of the text', () => {
    const text =
      'On 2 March 2025, a suicide bomber struck a police station in Bannu, killing four policemen.';
    const { mentions } = extract(text);
    const m = mentions[0]!;
    expect(m.subEventType).toBe('Suicide bomb');
    for (const p of m.provenance) {
      expect(p.ruleId).not.toBe('');
      expect(text.slice(p.span[0], p.span[1])).toBe(p.text);
    }
    // the bomber's own death is counted, as GTD and ACLED do
    const record = buildEventRecord({
      id: m.id,
      operationId: null,
      mentions: [m],
      sources: [{ docId: 'doc_test', publisher: null, url: null, published: null, text }],
    });
    expect(record.fatalities?.best).toBe(5);
    expect(record.notes).toMatch(/^On 2 March 2025, /);
  });

  it('never throws and never dates an incident after publication, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 600 }),
        fc.constantFrom('2025-01-01', '2026-02-01'),
        (text, published) => {
          for (const m of extractDocument({ id: 'd', text, published }, knowledge).mentions) {
            expect(m.date.end <= published).toBe(true);
            expect(m.date.start <= m.date.end).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('handles odd inputs: empty, one word, only numbers, control characters, another language', () => {
    for (const text of [
      '',
      'Quetta',
      '12 34 56 78',
      '\u0000\u0007\u001b[31m',
      'Der Anschlag in Quetta tötete drei Menschen.',
    ]) {
      expect(() => extract(text)).not.toThrow();
    }
  });

  it('finishes a 5 MB document in time linear in its length, never hanging', () => {
    // news prose: one incident sentence among sentences of context, as in a long live blog
    const paragraph =
      'On 3 March 2025, gunmen fired at a checkpost in Turbat, killing two soldiers, officials said.\n' +
      'Residents described hours of gunfire and said shops stayed shut through the afternoon.\n' +
      'The provincial government promised compensation to the families and ordered an inquiry.\n' +
      'Traders in the bazaar said business had slowed since the start of the year.\n';
    const build = (bytes: number): string => paragraph.repeat(Math.ceil(bytes / paragraph.length));
    const timed = (text: string): [number, number] => {
      const started = performance.now();
      const n = extract(text).mentions.length;
      return [performance.now() - started, n];
    };
    const [oneMb] = timed(build(1024 * 1024));
    const [fiveMb, mentions] = timed(build(5 * 1024 * 1024));
    // a guard against hangs, far above the few seconds it takes: throughput is measured by `npm run bench`,
    // and a shared machine's load must not fail the suite
    expect(fiveMb).toBeLessThan(60_000);
    expect(fiveMb / oneMb).toBeLessThan(8);
    expect(mentions).toBeGreaterThan(0);
  });
  it('counts a headline and a subheading once, through the body incident they announce', () => {
    const text = [
      'Three soldiers martyred in Awaran ambush - Example Times',
      'AWARAN: Three soldiers were martyred when gunmen ambushed an army patrol in Awaran on Monday, officials said.',
      'Kalat blast',
      'Separately, a roadside bomb wounded two policemen in Kalat on Monday.',
    ].join('\n');
    const { mentions } = extract(text);
    expect(mentions.map(where)).toEqual(['Awaran', 'Kalat']);
    expect(mentions[0]!.claims.map((c) => [c.metric, c.best])).toEqual([['killed', 3]]);
  });

  it('opens an incident on a state killing or a clash that names no other cue, with the state as actor1', () => {
    const text = [
      'Security forces killed six militants in Kohlu district on Monday, the military said.',
      'Two policemen were martyred in an encounter with militants in Tank on Tuesday.',
    ].join('\n');
    const { mentions } = extract(text);
    expect(mentions.map((m) => [where(m), m.eventType, m.date.start])).toEqual([
      ['Kohlu', 'Battles', '2025-03-10'],
      ['Tank', 'Battles', '2025-03-11'],
    ]);
    expect(mentions[0]!.actor1?.type).toBe('state_forces');
    expect(mentions[0]!.target).toBe('militants');
    expect(mentions[0]!.claims.map((c) => [c.category, c.best])).toEqual([['militants', 6]]);
  });
  it('makes the state actor1 of a battle it fought, even where its own soldiers died or a group is named', () => {
    const text = [
      'Four soldiers were martyred while security forces killed nine terrorists in an intense exchange of fire in Kohlu district on Monday.',
      'In a separate incident in Awaran district on Tuesday, seven terrorists were killed when troops raided a hideout of Fitna al Hindustan.',
    ].join('\n');
    const { mentions } = extract(text);
    expect(mentions.map((m) => [where(m), m.actor1?.type, m.actor1?.claimed ?? false])).toEqual([
      ['Kohlu', 'state_forces', false],
      ['Awaran', 'state_forces', false],
    ]);
    expect(mentions[0]!.claims.map((c) => [c.category, c.best]).sort()).toEqual([
      ['militants', 9],
      ['security_forces', 4],
    ]);
  });

  it("keeps an attack on forces the attackers' act when the only dead are the attackers", () => {
    const text =
      'Militants stormed a police station in Tank on Monday; three attackers were killed in the exchange of fire.';
    const { mentions } = extract(text);
    expect(mentions).toHaveLength(1);
    expect(mentions[0]!.actor1?.type).not.toBe('state_forces');
  });
  it('adds a sentence that takes up "the attack" to the incident it names, with the day it gives', () => {
    const text = [
      'Two policemen were martyred when militants attacked a police post in Tank district, officials said.',
      'Police said the attack took place late on Tuesday night, when the post came under fire from three sides.',
      'The bodies were shifted to a hospital in Dera Ismail Khan, where the funeral prayers were held.',
    ].join('\n');
    const { mentions } = extract(text);
    expect(mentions.map(where)).toEqual(['Tank']);
    expect(mentions[0]!.date.start).toBe('2025-03-11');
  });

  it('never takes the town a victim came from for the place of the incident', () => {
    const text =
      'Three soldiers were martyred in an ambush in Awaran on Monday: Naik Ali, resident of Lakki Marwat, and two others hailing from Bannu.';
    const { mentions } = extract(text);
    expect(mentions.map(where)).toEqual(['Awaran']);
  });
  it('reads a thwarted attack in which people died as the battle it was, with every death counted', () => {
    const text =
      'On Tuesday, guards foiled a raid on a camp in Bannu district; six soldiers were martyred and five terrorists died.';
    const { mentions } = extract(text);
    expect(mentions.map((m) => [where(m), m.eventType])).toEqual([['Bannu', 'Battles']]);
    const m = mentions[0]!;
    const record = buildEventRecord({
      id: m.id,
      operationId: null,
      mentions: [m],
      sources: [{ docId: 'doc_test', publisher: null, url: null, published: null, text }],
    });
    expect(record.fatalities?.best).toBe(11);
  });
  it('splits a lead that joins several incidents, and adds each later account to its own', () => {
    const text = [
      'QUETTA: Three people were killed in a bomb blast in Chaman, gunmen ambushed a Levies patrol in Awaran, while security forces killed two militants in Kohlu on Monday.',
      'Officials said the Chaman blast went off near a bus stand, killing two people on the spot; a third died in hospital.',
      'In Awaran, the gunmen fled after a brief exchange of fire. Nobody was hurt.',
    ].join('\n');
    const { mentions } = extract(text);
    const rows = mentions.map((m) => [
      where(m),
      m.eventType,
      m.date.start,
      m.actor1?.type === 'state_forces',
    ]);
    expect(rows.sort()).toEqual([
      ['Awaran', 'Battles', '2025-03-10', false],
      ['Chaman', 'Explosions/Remote violence', '2025-03-10', false],
      ['Kohlu', 'Battles', '2025-03-10', true],
    ]);
    // every incident says which rule drew its boundary
    const boundary = (name: string) =>
      mentions.find((m) => where(m) === name)!.provenance.find((p) => p.field === 'incident')?.ruleId;
    expect([boundary('Chaman'), boundary('Kohlu')]).toEqual(['segment.first-incident', 'segment.clause']);
    // the detail paragraph's figures join the lead's Chaman incident, not a second one
    const chaman = mentions.find((m) => where(m) === 'Chaman')!;
    expect(chaman.claims.some((c) => c.best === 2)).toBe(true);
  });
  it("marks an incident the article only recalls as background, and today's as news", () => {
    const text = [
      'A roadside bomb wounded three policemen in Turbat on Wednesday.',
      'Last month, a similar blast killed two soldiers in Turbat.',
    ].join('\n');
    const { mentions } = extract(text, '2025-09-19');
    const records = mentions.map((m) =>
      buildEventRecord({
        id: m.id,
        operationId: null,
        mentions: [m],
        sources: [{ docId: 'doc_test', publisher: null, url: null, published: '2025-09-19', text }],
      }),
    );
    expect(records.map((r) => [r.date.precision, r.background])).toEqual([
      ['day', false],
      ['month', true],
    ]);
  });
  it('takes the day a statement was made for the incident only until the text dates the incident itself', () => {
    const text = [
      'Security forces killed five terrorists in Khuzdar district, the ISPR said on Wednesday.',
      'According to the military, the terrorists were killed in the district on the night of March 9-10.',
    ].join('\n');
    const { mentions } = extract(text);
    expect(mentions.map((m) => [where(m), m.date.start, m.date.end])).toEqual([
      ['Khuzdar', '2025-03-09', '2025-03-10'],
    ]);
    const alone = extract(
      'Security forces killed five terrorists in Khuzdar district, the ISPR said on Wednesday.',
    );
    expect(alone.mentions.map((m) => m.date.start)).toEqual(['2025-03-12']);
  });
  it('gives an operation that names no force to the force the article named', () => {
    const text = [
      'Security forces killed six terrorists in Kohlu district on Monday, officials said.',
      'Another IBO in Awaran district on Monday neutralised three terrorists affiliated with Fitna al Hindustan.',
    ].join('\n');
    const { mentions } = extract(text);
    expect(mentions.map((m) => [where(m), m.actor1?.name])).toEqual([
      ['Kohlu', 'Security Forces of Pakistan'],
      ['Awaran', 'Security Forces of Pakistan'],
    ]);
  });
  it('never dates the next incidents by one the article recalls from last month', () => {
    const text = [
      'Last month, security forces killed 50 terrorists in an operation in Zhob.',
      'In an encounter in Kohlu district, nine militants were killed, the ISPR said.',
      'Several districts, including Kech and Panjgur, have seen a series of attacks this year.',
    ].join('\n');
    const { mentions } = extract(text);
    expect(mentions.map((m) => [where(m), m.date.precision])).toEqual([
      ['Zhob', 'month'],
      ['Kohlu', 'days'],
    ]);
  });
  it('places an incident "in the district" in the district the article last named', () => {
    const text = [
      'Two policemen were martyred in an attack on a checkpoint in Tank district on Monday.',
      'A day earlier, a soldier was martyred during an operation in the district, officials said.',
    ].join('\n');
    const { mentions } = extract(text);
    expect(mentions.map((m) => [m.location?.admin2, m.date.start])).toEqual([
      ['Tank', '2025-03-10'],
      ['Tank', '2025-03-09'],
    ]);
  });

  it('dates "a day earlier" from the latest incident told to the day, not from one recalled by its week', () => {
    const text = [
      'A remote-controlled bomb killed three labourers in Kohlu on Thursday.',
      'Last week, two militants were killed during a raid in Washuk.',
      'A day earlier, a levies post was attacked in Barkhan, leaving one guard dead.',
    ].join('\n');
    const { mentions } = extract(text, '2025-03-14');
    expect(mentions.map((m) => [m.location?.admin2, m.date.start, m.date.end])).toEqual([
      ['Kohlu', '2025-03-13', '2025-03-13'],
      ['Washuk', '2025-03-03', '2025-03-09'],
      ['Barkhan', '2025-03-12', '2025-03-12'],
    ]);
  });

  it("reads a camp held by an armed group as the group's, and a camp of the forces as theirs", () => {
    const raid = extract(
      'Four insurgents were killed when troops struck a camp of the banned Fitnah al-Khwarij near Wana on Sunday.',
    );
    expect(raid.mentions.map((m) => [m.target, m.actor1?.name, m.actor2?.name])).toEqual([
      ['militants', 'Pakistan Army', 'Tehrik-i-Taliban Pakistan'],
    ]);
    expect(raid.mentions[0]!.provenance.find((p) => p.field === 'target')).toMatchObject({
      ruleId: 'targets/held-by-armed-group',
      text: 'camp of the banned Fitnah al-Khwarij',
    });
    const attack = extract(
      'Militants of the banned TTP attacked a camp of the Frontier Corps in Zhob on Monday.',
    );
    expect(attack.mentions.map((m) => [m.target, m.actor1?.name])).toEqual([
      ['security_forces', 'Tehrik-i-Taliban Pakistan'],
    ]);
  });

  it('gives "the explosion" taken up after a raid was told to the bombing told before it, not to the raid', () => {
    const text = [
      'PANJGUR: Six soldiers were injured in a roadside explosion that targeted a convoy in Panjgur on Monday.',
      'In a separate incident, dozens of gunmen stormed a town in Kachhi district and set the police station on fire after a heavy gun battle with police.',
      'The district officer, who was in an armoured vehicle, remained safe in the explosion.',
      'The explosion destroyed a pickup truck.',
    ].join('\n');
    const { mentions } = extract(text);
    expect(mentions.map((m) => [m.location?.admin2, m.eventType, m.evidence.length])).toEqual([
      ['Panjgur', 'Explosions/Remote violence', 3],
      ['Kachhi', 'Battles', 1],
    ]);
  });

  it("reads the two ends of a route as one incident with its figure, and a town's bypass as the town", () => {
    const route = extract(
      'Gunmen ambushed a passenger coach on the highway between Quetta and Karachi on Monday, killing four people.',
    );
    expect(route.mentions.map((m) => [m.location?.name, m.claims.map((c) => c.best)])).toEqual([
      ['Quetta', [4]],
    ]);
    const bypass = extract(
      'Assailants opened fire on a car at the Mir Ali bypass on Monday, killing a doctor.',
    );
    expect(bypass.mentions.map((m) => m.location?.name)).toEqual(['Mir Ali']);
  });

  it("reads a monitor's monthly figures as statistics, not as an incident, and its report of a town's attack as one", () => {
    const report = extract(
      [
        'Militant attacks in Khyber Pakhtunkhwa rose by 40 per cent in May compared to April, according to figures released by the Pakistan Institute for Conflict and Security Studies (PICSS) on Tuesday.',
        "Those killed in May's attacks included 20 civilians and 15 soldiers.",
        'The violence left 35 people dead across the province, according to PICSS.',
      ].join('\n'),
    );
    expect(report.mentions).toEqual([]);
    expect(report.aggregates.length).toBeGreaterThan(0);
    const town = extract('Gunmen killed two policemen in Bannu, according to PICSS.');
    expect(town.mentions.map((m) => [m.location?.name, m.claims.map((c) => c.best)])).toEqual([
      ['Bannu', [2]],
    ]);
  });

  it('reports a bomb defused as an event of its own, and weapons seized in an operation as none', () => {
    const defused = extract(
      'The bomb disposal squad defused an explosive device planted near a bridge in Kohat on Monday.',
    );
    expect(defused.mentions.map((m) => [m.location?.name, m.eventType, m.subEventType])).toEqual([
      ['Kohat', 'Strategic developments', 'Disrupted weapons use'],
    ]);
    const seized = extract('Weapons and ammunition were recovered from a house in Kohat on Monday.');
    expect(seized.mentions).toEqual([]);
  });

  it('gives each place of a listed operation the figures of the sentences that tell it, and drops the total', () => {
    const text = [
      'Troops killed 20 militants in several operations across Khyber Pakhtunkhwa over the last three days, the military said on Friday.',
      'The forces conducted operations in Bannu, Tank and Karak districts of the province.',
      'The first operation took place in Bannu district, where ten militants were killed after an exchange of fire.',
      'Another operation was conducted in Tank district, during which six more militants were killed.',
      'In the third encounter, in Karak district, troops killed four militants.',
    ].join('\n');
    const { mentions } = extract(text, '2025-03-15');
    expect(mentions.map((m) => [m.location?.admin2, m.actor1?.type, m.claims.map((c) => c.best)])).toEqual([
      ['Bannu', 'state_forces', [10]],
      ['Tank', 'state_forces', [6]],
      ['Karak', 'state_forces', [4]],
    ]);
    for (const m of mentions)
      expect(m.date).toEqual({ start: '2025-03-11', end: '2025-03-14', precision: 'days' });
  });

  it('makes each place of a figure shared out over places an incident of its own, with the verb it shares', () => {
    const text = [
      'On Tuesday and Wednesday, troops killed eleven militants in Kurram district, five in Orakzai, and two in Khyber district, the military said.',
      'Separately, police said three people were wounded in Quetta and one in March of last year.',
    ].join('\n');
    const { mentions } = extract(text, '2025-03-14');
    const rows = mentions.map((m) => [
      m.location?.admin2,
      m.eventType,
      m.actor1?.type,
      m.claims.map((c) => `${c.metric} ${c.best}`),
      m.date.start,
    ]);
    expect(rows.slice(0, 3)).toEqual([
      ['Kurram', 'Battles', 'state_forces', ['killed 11'], '2025-03-11'],
      ['Orakzai', 'Battles', 'state_forces', ['killed 5'], '2025-03-11'],
      ['Khyber', 'Battles', 'state_forces', ['killed 2'], '2025-03-11'],
    ]);
    // a month is no place: "one in March" is no share of Quetta's figure
    expect(mentions.flatMap((m) => m.claims).some((c) => c.best === 1)).toBe(false);
  });

  it('gives each listed operation its own figure, the finer place "the second operation" names, and drops the total', () => {
    const text = [
      'Troops killed 12 militants in two operations in the Kurram and Orakzai districts on Tuesday, the military said.',
      'Eight militants were killed in the Parachinar area of Kurram district, it said.',
      'In the second operation, in Orakzai district, four militants were killed in an exchange of fire near Kalaya.',
    ].join('\n');
    const { mentions } = extract(text, '2025-03-14');
    expect(
      mentions.map((m) => [
        m.location?.admin2,
        m.actor1?.type,
        m.claims.map((c) => c.best),
        m.operationKey !== null,
      ]),
    ).toEqual([
      ['Kurram', 'state_forces', [8], true],
      ['Orakzai', 'state_forces', [4], true],
    ]);
  });

  it('reports remains found as a killing of their own, where and when they were found', () => {
    const text = [
      'Gunmen torched two trucks on the highway in Kharan district on Saturday, police said.',
      'In a separate incident, the bullet-riddled body of a shopkeeper was found in the Buleda area of Kech district on Sunday morning.',
    ].join('\n');
    const { mentions } = extract(text, '2025-03-17');
    const found = mentions.find((m) => m.location?.admin2 === 'Kech');
    expect(found).toMatchObject({
      eventType: 'Violence against civilians',
      subEventType: 'Attack',
      date: { start: '2025-03-16', end: '2025-03-16' },
    });
    expect(found?.claims.map((c) => [c.metric, c.best])).toEqual([['killed', 1]]);
    expect(mentions.filter((m) => m.location?.admin2 === 'Kharan').flatMap((m) => m.claims)).toEqual([]);
  });

  it('takes up an incident through a pronoun that suffered it, and places it at the finer place given', () => {
    const text = [
      'At least five passengers were killed and nine wounded on Friday when gunmen fired on a passenger van on the highway in Kalat district, officials said.',
      'A police official said the van was travelling to Karachi when it came under attack near Mangochar.',
      'The Baloch Liberation Army claimed responsibility for the attack.',
      'Officials said the attack on the van took place near Mangochar.',
    ].join('\n');
    const { mentions } = extract(text, '2025-03-15');
    expect(
      mentions.map((m) => [m.location?.name, m.location?.admin2, m.actor1?.name, m.actor1?.claimed]),
    ).toEqual([['Mangochar', 'Kalat', 'Baloch Liberation Army', true]]);
    expect(mentions[0]!.claims.map((c) => [c.metric, c.best])).toEqual([
      ['killed', 5],
      ['injured', 9],
    ]);
  });

  it('keeps a town told as a separate attack apart from a list that counts attacks in its district', () => {
    const text = [
      'On 11 March 2025, militants carried out four coordinated attacks in Kech, Panjgur and Kharan.',
      'In a separate assault, gunmen opened fire on a checkpost in Kech district, killing two soldiers.',
    ].join('\n');
    const { mentions } = extract(text);
    expect(mentions.filter((m) => m.location?.admin2 === 'Kech').some((m) => m.claims.length > 0)).toBe(true);
  });

  it('drops a month-long summary that names places but neither a day nor a figure', () => {
    const text = [
      'Militant attacks rose sharply in February, a think tank said in its monthly report.',
      'In February, security operations were launched in Bajaur and North Waziristan, it said.',
    ].join('\n');
    expect(extract(text, '2025-03-02').mentions).toEqual([]);
  });

  it('never takes the ends of a journey, a point of reference or where the dead were taken for the place', () => {
    const places = (text: string): string[] => extract(text).mentions.map(where);
    expect(
      places(
        'A bomb exploded under a passenger train near Mastung on Monday.\nThe train was coming from Peshawar to Quetta when the blast hit it, officials said.',
      ),
    ).toEqual(['Mastung']);
    expect(
      places(
        'A bomb exploded under a passenger train near Mastung on Monday.\nThe remains were sent to the Punjab Forensic Science Agency in Lahore after the blast.',
      ),
    ).toEqual(['Mastung']);
    expect(
      places(
        'A convoy came under attack in the Dasht area of Kech district, some 60 kilometres from Turbat, on Monday.',
      ),
    ).toEqual(['Dasht']);
    expect(places('Gunmen killed five labourers from Punjab in Kech on Monday.')).toEqual(['Kech']);
    expect(places('Gunmen abducted six workers from Awaran on Monday.')).toEqual(['Awaran']);
    // the town a bus had left is no second incident of the figure told with it
    expect(
      places(
        'Gunmen stopped a bus at Nimrag Cross in Kalat on Monday and opened fire on it.\nThe group said 12 soldiers were killed and that it had followed the bus since it left Karachi.',
      ),
    ).toEqual(['Nimrag Cross']);
  });

  it("keeps a group's later claim on the incident it claims, though it names the day it claimed it", () => {
    const text = [
      'Gunmen on motorcycles attacked a police van near Sohrab Goth in Karachi on Monday night, killing three policemen, police said.',
      'The attackers escaped.',
      'On Tuesday, the Sindhudesh Revolutionary Army claimed the attack, saying its fighters had killed nine policemen.',
    ].join('\n\n');
    const { mentions } = extract(text, '2025-03-12');
    expect(mentions.map(where)).toEqual(['Sohrab Goth']);
    expect(mentions[0]!.date.start).toBe('2025-03-10');
    expect(mentions[0]!.claims.map((c) => [c.claimant, c.best])).toEqual([
      ['Police Forces of Pakistan', 3],
      ['Sindhudesh Revolutionary Army', 9],
    ]);
  });

  it('reads a clan village named after a town as a place of its own, not as the town', () => {
    const text =
      'In the Sherani district, a policeman was martyred in an attack on the Levies station in the Mir Ali Khel area on Monday.';
    expect(extract(text).mentions.map((m) => m.location?.admin2)).toEqual(['Sherani']);
  });

  it('reads "X tribal district" as the district, and a place after its district and a comma as one place', () => {
    expect(
      extract('Eleven soldiers were martyred in KP’s Orakzai tribal district on Monday.').mentions.map(
        (m) => m.location?.admin2,
      ),
    ).toEqual(['Orakzai']);
    const { mentions } = extract(
      'In North Waziristan, the Ghulam Khan border was closed after an exchange of fire on Monday.',
    );
    expect(mentions.map((m) => [where(m), m.operationKey])).toEqual([['Ghulam Khan', null]]);
  });

  it('never dates the next incident by a day a sentence recalls in the past perfect', () => {
    const text = [
      'A bomb killed two soldiers in Kech on Monday.',
      'The border crossing had reopened only ten days ago after a long closure.',
      'In North Waziristan, gunmen attacked a checkpost, killing a soldier.',
    ].join('\n');
    expect(extract(text).mentions.map((m) => m.date.start)).toEqual(['2025-03-10', '2025-03-10']);
  });

  it('makes each province of a foreign list of provinces an incident of its own', () => {
    const text = [
      'Afghan forces fired on border posts in Kurram and Bajaur districts of Khyber Pakhtunkhwa on Saturday.',
      'Later that night, air raids targeted hostile positions in the Afghan provinces of Helmand, Khost and Paktika.',
    ].join('\n');
    const abroad = extract(text).mentions.filter((m) => m.location?.country === 'AF');
    expect(abroad.map((m) => [where(m), m.location?.precision])).toEqual([
      ['Helmand', 'province'],
      ['Khost', 'province'],
      ['Paktika', 'province'],
    ]);
  });

  it('makes the force an act is "by" its actor1 when no armed group is named, never the force that fought back', () => {
    const raid = extract(
      'Air raids by Pakistan targeted hostile positions in Khost province of Afghanistan on Saturday.',
    );
    expect(raid.mentions.map((m) => m.actor1?.type)).toEqual(['state_forces']);
    const repulsed = extract(
      'Two policemen were injured when militants attacked a checkpost in Tank on Saturday, and the attack was repulsed by police.',
    );
    expect(repulsed.mentions.map((m) => m.actor1?.name)).toEqual(['Unidentified armed group']);
  });

  it('reads a foiling in which people died as a battle, and explosives seized as no bombing', () => {
    const { mentions } = extract(
      'On Sunday, security forces foiled two infiltration attempts in Kurram district on 9-10 March 2025, killing 12 militants and seizing a cache of weapons and explosives.',
    );
    expect(mentions.map((m) => [m.eventType, m.subEventType, m.date.start, m.date.end])).toEqual([
      ['Battles', 'Armed clash', '2025-03-09', '2025-03-10'],
    ]);
  });

  it('dates an incident recalled "a day after" or "five days after" from the incident it is told against', () => {
    const recalled = extract(
      [
        'On 12 March 2025, police killed three militants in Bannu district.',
        'The operation was conducted a day after a suicide attack on a checkpost in Lakki Marwat district.',
      ].join('\n'),
    ).mentions;
    expect(recalled.map((m) => [where(m), m.date.start])).toEqual([
      ['Bannu', '2025-03-12'],
      ['Lakki Marwat', '2025-03-11'],
    ]);
    const today = extract(
      "Today's blasts come five days after terrorists attacked a police station in Tank district on March 9.",
    ).mentions;
    expect(today.map((m) => m.date)).toEqual([{ start: '2025-03-09', end: '2025-03-09', precision: 'day' }]);
  });

  it("gives a figure said by someone named in apposition ('X, president of the BNP-M, said') to that party", () => {
    const text = [
      'A blast killed five people in Quetta on Tuesday, officials said.',
      'Nasir Baloch, a spokesman for the BNP-M, said the bombing killed 13 party members.',
    ].join('\n');
    const [blast] = extract(text, '2025-09-03').mentions;
    expect(blast!.claims.map((c) => [c.claimant, c.best])).toEqual([
      ['Security official', 5],
      ['Balochistan National Party-Mengal', 13],
    ]);
  });

  it('reads a figure whose group is named in apposition, and never makes the counted group its claimant', () => {
    for (const text of [
      'In an IBO in Kech district on Monday, three terrorists, Fitna al Hindustan, were successfully neutralised, it further said.',
      'In an IBO in Kech district on Monday, three terrorists affiliated with Fitna al Hindustan were neutralised, it further said.',
    ]) {
      const [ibo] = extract(text).mentions;
      expect(
        ibo!.claims.map((c) => [c.best, c.category, c.claimantKind]),
        text,
      ).toEqual([[3, 'militants', 'unattributed']]);
    }
  });

  it('reads a bracket inside a figure or its aside, and a ban on drones as no drone strike', () => {
    const [hangu] = extract(
      'Three cops, including a superintendent of police (SP), were martyred in a blast in Hangu on Friday.',
    ).mentions;
    expect(hangu!.claims.map((c) => [c.best, c.category])).toEqual([[3, 'security_forces']]);
    const text = [
      'At least seven Frontier Corps (FC) personnel were martyred in a gun battle with militants in Lower Dir on Thursday.',
      'The district administration also banned the flying of drones and quadcopters across the district.',
    ].join('\n');
    const [battle] = extract(text).mentions;
    expect([battle!.eventType, battle!.claims.map((c) => [c.best, c.category])]).toEqual([
      'Battles',
      [[7, 'security_forces']],
    ]);
  });

  it('reads "came under Afghan fire" as an armed clash by the Afghan Taliban', () => {
    const [clash] = extract(
      'On Saturday a border post in Lower South Waziristan came under Afghan fire, officials said.',
    ).mentions;
    expect([clash!.location?.admin2, clash!.eventType, clash!.actor1?.name]).toEqual([
      'Lower South Waziristan',
      'Battles',
      'Afghan Taliban',
    ]);
  });
});
