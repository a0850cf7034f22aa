import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/domain/index.js';
import { acledDate, disorderType, eventNumber, interaction } from '../../src/export/acled-row.js';
import { exportAcledCsv } from '../../src/export/export-acled-csv.js';
import { parseCsv } from './parse-csv.js';
import { CONTESTED, OPERATION, OPERATION_TOWN, PROVINCE_WIDE, collect } from './records.js';

const HEADER =
  'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,' +
  'actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,' +
  'latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp';

async function acled(records: EventRecord[], operations?: Map<string, typeof OPERATION>): Promise<string[]> {
  const text = await collect(exportAcledCsv(records, operations ? { operations } : {}));
  return text.split('\r\n').slice(0, -1);
}

describe('exportAcledCsv', () => {
  it('writes the header exactly, and only the header for no records', async () => {
    expect(await acled([])).toEqual([HEADER]);
  });

  it('codes a contested clash: best fatalities, tagged contested, inter 2 vs 1 as 12, quoted notes', async () => {
    const [, row] = await acled([CONTESTED]);
    expect(row).toBe(
      'PAK69452240419661,2025-03-14,2025,1,Political violence,Battles,Armed clash,Baloch Liberation Front,,2,' +
        'Frontier Corps,,1,12,,586,Southern Asia,Pakistan,Balochistan,Kech,,Tump,26.1,62.37,1,' +
        'Frontier Daily; Hill Wire,Other,' +
        '"On 14 March 2025, the group attacked a post in Tump. It said ""12 killed"", officials said 2.",' +
        '4,contested,1742112000',
    );
  });

  it('codes a province-wide month: the 15th, precision 3, geo 3, no actor as 0, 0 fatalities', async () => {
    const [, row] = await acled([PROVINCE_WIDE]);
    expect(row).toBe(
      'PAK2882343476,2025-02-15,2025,3,Political violence,Explosions/Remote violence,Remote explosive/landmine/IED,,,0,' +
        ',,0,0,,586,Southern Asia,Pakistan,Balochistan,,,Balochistan,28.5,65.5,3,,Other,' +
        '"In February 2025, a roadside bomb went off somewhere in Balochistan.",0,,0',
    );
  });

  it('codes an operation town: midpoint date, civilian targeting, the operation in the notes', async () => {
    const [, row] = await acled([OPERATION_TOWN], new Map([[OPERATION.id, OPERATION]]));
    const fields = parseCsv(`${row}\r\n`)[0] ?? [];
    expect(fields.slice(0, 4)).toEqual(['PAK159322979945111', '2025-01-31', '2025', '1']);
    expect(fields[13]).toBe('27');
    expect(fields[14]).toBe('Civilian targeting');
    expect(fields[24]).toBe('2');
    expect(fields[27]).toBe(
      'Between 30 January and 1 February 2025, gunmen shot travellers near Mach. Part of operation op-77. ' +
        'Fatalities reported for the whole operation: 31 (20-48).',
    );
    expect(fields[30]).toBe('1738454400');
  });

  it('marks the operation even without the operations map', async () => {
    const [, row] = await acled([OPERATION_TOWN]);
    expect(parseCsv(`${row}\r\n`)[0]?.[27]).toMatch(/near Mach\. Part of operation op-77\.$/);
  });

  it('says in the notes who reviewed the event and when, or that a person found it no incident', async () => {
    const reviewed = {
      ...CONTESTED,
      reviewed: true,
      reviewed_by: 'ana',
      reviewed_at: '2026-12-04T15:00:00.000Z',
    };
    const [, row] = await acled([reviewed, { ...reviewed, not_incident: true }]);
    const notes = parseCsv(`${HEADER}\r\n${row}\r\n`)[1]![27];
    expect(notes).toBe(`${CONTESTED.notes} [Reviewed by ana on 2026-12-04.]`);
    const [, , dismissed] = await acled([reviewed, { ...reviewed, not_incident: true }]);
    expect(parseCsv(`${HEADER}\r\n${dismissed}\r\n`)[1]![27]).toContain('not an incident');
  });

  it('keeps notes with commas, quotes and newlines in one field', async () => {
    const notes = 'First, "quoted"\nsecond line\r\nthird';
    const text = await collect(exportAcledCsv([{ ...CONTESTED, notes }]));
    const rows = parseCsv(text);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveLength(31);
    expect(rows[1]?.[27]).toBe(notes);
  });

  it('never throws on a record with no location, a bad date and an unknown country', async () => {
    const odd: EventRecord = {
      ...PROVINCE_WIDE,
      location: null,
      date: { start: 'soon', end: '', precision: 'week' },
    };
    const foreign: EventRecord = { ...CONTESTED, location: { ...CONTESTED.location!, country: 'ye' } };
    const rows = parseCsv(await collect(exportAcledCsv([odd, foreign])));
    expect(rows[1]?.slice(0, 3)).toEqual(['XXX2882343476', 'soon', '']);
    expect(rows[2]?.[0]).toBe('YE69452240419661');
    expect(rows[2]?.slice(15, 18)).toEqual(['', '', 'ye']);
  });
});

describe('ACLED codes', () => {
  it('derives the event number from the first 12 hex digits of a hash id, else a stable hash of the whole id', () => {
    expect(eventNumber('ffffffffffffffff')).toBe(2 ** 48 - 1);
    expect(eventNumber('ev_00000010abc')).toBe(0x10abc);
    expect(eventNumber('doc_87424a1081ef3bf4-m0-0')).not.toBe(eventNumber('doc_87424a1081ef3bf4-m1-0'));
    expect(Number.isSafeInteger(eventNumber('doc_87424a1081ef3bf4-m0-0'))).toBe(true);
    expect(eventNumber('not hex at all')).toBe(eventNumber('not hex at all'));
    expect(eventNumber('not hex at all')).not.toBe(eventNumber('not hex at all!'));
  });

  it('writes interactions smaller code first, one-sided as code then 0', () => {
    expect(interaction(2, 1)).toBe(12);
    expect(interaction(1, 7)).toBe(17);
    expect(interaction(2, 0)).toBe(20);
    expect(interaction(0, 3)).toBe(30);
    expect(interaction(0, 0)).toBe(0);
  });

  it('codes force against demonstrators as both kinds of disorder', () => {
    expect(disorderType('Protests', 'Excessive force against protesters')).toBe(
      'Political violence; Demonstrations',
    );
    expect(disorderType('Riots', 'Violent demonstration')).toBe('Demonstrations');
    expect(disorderType('Strategic developments', 'Arrests')).toBe('Strategic developments');
    expect(disorderType('Violence against civilians', 'Attack')).toBe('Political violence');
  });

  it('dates a week by its middle day and a year with precision 3', () => {
    expect(acledDate({ start: '2025-12-29', end: '2026-01-04', precision: 'week' })).toEqual({
      eventDate: '2026-01-01',
      timePrecision: 2,
    });
    expect(acledDate({ start: '2024-01-01', end: '2024-12-31', precision: 'year' }).timePrecision).toBe(3);
  });
});
