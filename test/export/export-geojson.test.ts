import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/domain/index.js';
import { exportGeoJson } from '../../src/export/export-geojson.js';
import { exportJsonl } from '../../src/export/export-jsonl.js';
import { CONTESTED, OPERATION, OPERATION_TOWN, PROVINCE_WIDE, collect } from './records.js';

const NO_PLACE: EventRecord = { ...PROVINCE_WIDE, id: 'no-place', location: null };
const NO_POINT: EventRecord = {
  ...CONTESTED,
  id: 'no-point',
  location: { ...CONTESTED.location!, lat: null, lon: null },
};

describe('exportGeoJson', () => {
  it('parses as a FeatureCollection with one [lon, lat] Point per located record, others skipped', async () => {
    const text = await collect(exportGeoJson([NO_PLACE, CONTESTED, NO_POINT, PROVINCE_WIDE, OPERATION_TOWN]));
    const parsed = JSON.parse(text) as {
      type: string;
      features: {
        type: string;
        id: string;
        geometry: { type: string; coordinates: number[] };
        properties: unknown;
      }[];
    };
    expect(parsed.type).toBe('FeatureCollection');
    expect(parsed.features.map((f) => f.id)).toEqual([CONTESTED.id, PROVINCE_WIDE.id, OPERATION_TOWN.id]);
    expect(parsed.features[0]?.geometry).toEqual({ type: 'Point', coordinates: [62.37, 26.1] });
    expect(parsed.features[0]?.properties).toEqual(CONTESTED);
  });

  it('is valid for no records and for records with no coordinates at all', async () => {
    expect(JSON.parse(await collect(exportGeoJson([])))).toEqual({ type: 'FeatureCollection', features: [] });
    expect(JSON.parse(await collect(exportGeoJson([NO_PLACE, NO_POINT]))).features).toEqual([]);
  });

  it('adds the operation to the properties when the options know it', async () => {
    const text = await collect(
      exportGeoJson([OPERATION_TOWN], { operations: new Map([[OPERATION.id, OPERATION]]) }),
    );
    const feature = (JSON.parse(text) as { features: { properties: { operation: unknown } }[] }).features[0];
    expect(feature?.properties.operation).toEqual(OPERATION);
  });
});

describe('exportJsonl', () => {
  it('writes each record on one line that parses back to exactly the record', async () => {
    const tricky: EventRecord = { ...CONTESTED, notes: 'line\nbreak, \u2028separator\u2029 and "quotes"' };
    const text = await collect(exportJsonl([tricky, PROVINCE_WIDE]));
    const lines = text.split(/\r\n|[\n\r\u2028\u2029]/).filter((l) => l !== '');
    expect(lines).toHaveLength(2);
    const unreviewed = { reviewed: false, reviewed_by: null, reviewed_at: null };
    expect(JSON.parse(lines[0] ?? '')).toEqual({ ...tricky, ...unreviewed });
    expect(JSON.parse(lines[1] ?? '')).toEqual({ ...PROVINCE_WIDE, ...unreviewed });
  });

  it("keeps a reviewed record's review fields", async () => {
    const reviewed: EventRecord = {
      ...CONTESTED,
      reviewed: true,
      reviewed_by: 'ana',
      reviewed_at: '2026-12-04T15:00:00.000Z',
    };
    expect(JSON.parse(await collect(exportJsonl([reviewed])))).toEqual(reviewed);
  });
});
