import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/domain/index.js';
import { exportUcdpCsv } from '../../src/export/export-ucdp-csv.js';
import { datePrecision, deathsBySide } from '../../src/export/ucdp-row.js';
import { parseCsv } from './parse-csv.js';
import { CONTESTED, OPERATION_TOWN, PROVINCE_WIDE, collect } from './records.js';

const HEADER = [
  'id',
  'best',
  'low',
  'high',
  'deaths_a',
  'deaths_b',
  'deaths_civilians',
  'deaths_unknown',
  'where_prec',
  'date_prec',
  'date_start',
  'date_end',
  'country',
  'adm_1',
  'adm_2',
  'latitude',
  'longitude',
  'side_a',
  'side_b',
  'source_article',
];

async function ucdp(records: EventRecord[]): Promise<string[][]> {
  return parseCsv(await collect(exportUcdpCsv(records)));
}

describe('exportUcdpCsv', () => {
  it('puts the state on side A and its dead in deaths_a, with best/low/high of the contested figure', async () => {
    const rows = await ucdp([CONTESTED]);
    expect(rows[0]).toEqual(HEADER);
    expect(rows[1]).toEqual([
      '3f2a9c1e7b4d5a60',
      '4',
      '4',
      '15',
      '2',
      '2',
      '0',
      '0',
      '1',
      '1',
      '2025-03-14',
      '2025-03-14',
      'PK',
      'Balochistan',
      'Kech',
      '26.1',
      '62.37',
      'Frontier Corps',
      'Baloch Liberation Front',
      'https://frontier.example/a; Hill Wire',
    ]);
  });

  it('codes a province-wide month as where_prec 4, date_prec 4, zeros for unknown figures', async () => {
    const row = (await ucdp([PROVINCE_WIDE]))[1] ?? [];
    expect(row.slice(1, 10)).toEqual(['0', '0', '0', '0', '0', '0', '0', '4', '4']);
    expect(row.slice(17)).toEqual(['', '', 'https://wire.example/c']);
  });

  it('codes an operation town: near place 2, three days 2, civilian deaths', async () => {
    const row = (await ucdp([OPERATION_TOWN]))[1] ?? [];
    expect(row.slice(1, 12)).toEqual([
      '5',
      '5',
      '5',
      '0',
      '0',
      '5',
      '0',
      '2',
      '2',
      '2025-01-30',
      '2025-02-01',
    ]);
    expect(row.slice(17, 19)).toEqual(['Baloch Liberation Army', 'Civilians (Pakistan)']);
  });

  it('gives security deaths to the state side, an unnamed side B, or unknown', () => {
    const stateSecond: EventRecord = {
      ...CONTESTED,
      actor1: { name: 'Frontier Corps', type: 'state_forces', claimed: false },
      actor2: { name: 'Baloch Liberation Front', type: 'rebel_group' },
    };
    expect(deathsBySide(stateSecond)).toEqual({ a: 2, b: 2, unknown: 0 });
    const noState: EventRecord = { ...CONTESTED, actor2: null };
    expect(deathsBySide(noState)).toEqual({ a: 2, b: 2, unknown: 0 });
    const rival: EventRecord = { ...CONTESTED, actor2: { name: 'Another Front', type: 'rebel_group' } };
    expect(deathsBySide(rival)).toEqual({ a: 2, b: 0, unknown: 2 });
  });

  it('maps date spans to UCDP precision', () => {
    expect(datePrecision({ start: '2025-01-01', end: '2025-01-01', precision: 'day' })).toBe(1);
    expect(datePrecision({ start: '2025-01-01', end: '2025-01-06', precision: 'days' })).toBe(2);
    expect(datePrecision({ start: '2025-01-01', end: '2025-01-07', precision: 'week' })).toBe(3);
    expect(datePrecision({ start: '2025-01-01', end: '2025-01-31', precision: 'month' })).toBe(4);
    expect(datePrecision({ start: '2025-01-01', end: '2025-12-31', precision: 'year' })).toBe(5);
    expect(datePrecision({ start: 'x', end: 'y', precision: 'days' })).toBe(2);
  });
});
