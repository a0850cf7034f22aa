import { describe, expect, it } from 'vitest';
import { exportFlatCsv } from '../../src/export/export-flat-csv.js';
import { parseCsv } from './parse-csv.js';
import { CONTESTED, PROVINCE_WIDE, collect } from './records.js';

describe('exportFlatCsv', () => {
  it('writes the main fields, keeping unknown figures empty rather than 0', async () => {
    const rows = parseCsv(await collect(exportFlatCsv([CONTESTED, PROVINCE_WIDE])));
    expect(rows[0]).toHaveLength(29);
    // the review columns are appended after the original 26, which keep their order
    expect(rows[0]?.slice(25)).toEqual(['background', 'reviewed', 'reviewed_by', 'reviewed_at']);
    expect(rows[0]?.slice(0, 3)).toEqual(['id', 'operation_id', 'date_start']);
    expect(rows[1]).toEqual([
      '3f2a9c1e7b4d5a60',
      '',
      '2025-03-14',
      '2025-03-14',
      'day',
      'Tump',
      'Kech',
      'Balochistan',
      'PK',
      '26.1',
      '62.37',
      'place',
      'Battles',
      'Armed clash',
      'Baloch Liberation Front',
      'true',
      'Frontier Corps',
      '4',
      '4',
      '15',
      '2',
      '2',
      '2',
      'Frontier Daily; Hill Wire',
      CONTESTED.notes,
      'false',
      'false',
      '',
      '',
    ]);
    expect(rows[2]?.slice(14, 23)).toEqual(['', '', '', '', '', '', '', '', '']);
    expect(rows[2]?.[23]).toBe('https://wire.example/c');
    expect(rows[2]?.[25]).toBe(String(PROVINCE_WIDE.background));
  });

  it('says who reviewed an event and when', async () => {
    const reviewed = {
      ...CONTESTED,
      reviewed: true,
      reviewed_by: 'ana',
      reviewed_at: '2026-12-04T15:00:00.000Z',
    };
    const rows = parseCsv(await collect(exportFlatCsv([reviewed])));
    expect(rows[1]?.slice(26)).toEqual(['true', 'ana', '2026-12-04T15:00:00.000Z']);
  });
});
