import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/domain/index.js';
import { exportAcledCsv } from '../../src/export/export-acled-csv.js';
import { exportFlatCsv } from '../../src/export/export-flat-csv.js';
import { exportUcdpCsv } from '../../src/export/export-ucdp-csv.js';
import { parseCsv } from './parse-csv.js';
import { CONTESTED, collect } from './records.js';

/** A record whose article-derived text opens like spreadsheet formulas, west of Greenwich and south of the equator. */
const HOSTILE: EventRecord = {
  ...CONTESTED,
  location: {
    name: '=HYPERLINK("http://evil.example/x","Tump")',
    admin2: '+1',
    admin1: '@SUM(A1:A9)',
    country: 'PK',
    lat: -12.25,
    lon: -0.5,
    precision: 'place',
  },
  actor1: { name: '-2+3', type: 'rebel_group', claimed: true },
  actor2: { name: '\tFrontier Corps', type: 'state_forces' },
  sources: [{ doc_id: 'doc-a', publisher: '@Wire', url: '=cmd|"/c calc"!A1', published: '2025-03-15' }],
  notes: '=1+1, officials said.',
};

async function table(chunks: AsyncIterable<string>): Promise<Record<string, string>> {
  const [header, row] = parseCsv(await collect(chunks));
  return Object.fromEntries((header ?? []).map((name, i) => [name, row?.[i] ?? '']));
}

describe('CSV exports neutralise formula-like text from articles', () => {
  it('ACLED: places, actors, source and notes get a leading quote; numbers and dates do not', async () => {
    const row = await table(exportAcledCsv([HOSTILE]));
    expect(row['location']).toBe(`'${HOSTILE.location?.name}`);
    expect(row['admin2']).toBe("'+1");
    expect(row['admin1']).toBe("'@SUM(A1:A9)");
    expect(row['actor1']).toBe("'-2+3");
    expect(row['actor2']).toBe("'\tFrontier Corps");
    expect(row['source']).toBe("'@Wire");
    expect(row['notes']).toBe("'=1+1, officials said.");
    expect(row['latitude']).toBe('-12.25');
    expect(row['longitude']).toBe('-0.5');
    expect(row['fatalities']).toBe('4');
    expect(row['event_date']).toBe('2025-03-14');
    expect(row['year']).toBe('2025');
  });

  it('UCDP: sides, districts and the source article are guarded; figures and coordinates are numbers', async () => {
    const row = await table(exportUcdpCsv([HOSTILE]));
    expect(row['side_a']).toBe("'\tFrontier Corps");
    expect(row['side_b']).toBe("'-2+3");
    expect(row['adm_1']).toBe("'@SUM(A1:A9)");
    expect(row['adm_2']).toBe("'+1");
    expect(row['source_article']).toBe('\'=cmd|"/c calc"!A1');
    expect(row['latitude']).toBe('-12.25');
    expect(row['longitude']).toBe('-0.5');
    expect([row['best'], row['low'], row['high']]).toEqual(['4', '4', '15']);
    expect([row['date_start'], row['date_end']]).toEqual(['2025-03-14', '2025-03-14']);
  });

  it('flat: every text column is guarded, numbers and dates are unchanged', async () => {
    const row = await table(exportFlatCsv([HOSTILE]));
    expect(row['location']).toBe(`'${HOSTILE.location?.name}`);
    expect(row['admin2']).toBe("'+1");
    expect(row['admin1']).toBe("'@SUM(A1:A9)");
    expect(row['actor1']).toBe("'-2+3");
    expect(row['actor2']).toBe("'\tFrontier Corps");
    expect(row['sources']).toBe("'@Wire");
    expect(row['notes']).toBe("'=1+1, officials said.");
    expect([row['lat'], row['lon']]).toEqual(['-12.25', '-0.5']);
    expect([row['fatalities_low'], row['fatalities_best'], row['fatalities_high']]).toEqual(['4', '4', '15']);
    expect([row['date_start'], row['date_end']]).toEqual(['2025-03-14', '2025-03-14']);
    expect(row['actor1_claimed']).toBe('true');
  });

  it('leaves ordinary records exactly as before', async () => {
    const row = await table(exportFlatCsv([CONTESTED]));
    expect(row['location']).toBe('Tump');
    expect(row['notes']).toBe(CONTESTED.notes);
    expect(row['sources']).toBe('Frontier Daily; Hill Wire');
  });
});
