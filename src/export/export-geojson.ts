import type { EventRecord, OperationRecord } from '../domain/index.js';
import { jsonText } from './export-jsonl.js';
import type { ExportOptions, RecordSource } from './export-options.js';

/** The Point of a record, [lon, lat], or null when it has no usable coordinates. */
export function pointOf(record: EventRecord): [number, number] | null {
  const loc = record.location;
  if (!loc || loc.lat === null || loc.lon === null) return null;
  if (!Number.isFinite(loc.lat) || !Number.isFinite(loc.lon)) return null;
  return [loc.lon, loc.lat];
}

function feature(record: EventRecord, point: [number, number], op: OperationRecord | undefined): string {
  const properties = op ? { ...record, operation: op } : record;
  return jsonText({
    type: 'Feature',
    id: record.id,
    geometry: { type: 'Point', coordinates: point },
    properties,
  });
}

/**
 * Streams a GeoJSON FeatureCollection as text, one Point Feature per line, the whole record in `properties`
 * (plus `operation` when the options know the event's operation). Records without coordinates (no location, or a
 * location without lat/lon) are skipped: GeoJSON has no place for them; export JSONL to keep every record.
 */
export async function* exportGeoJson(
  records: RecordSource,
  options: ExportOptions = {},
): AsyncGenerator<string> {
  yield '{"type":"FeatureCollection","features":[\n';
  let first = true;
  for await (const record of records) {
    const point = pointOf(record);
    if (!point) continue;
    const op = record.operation_id ? options.operations?.get(record.operation_id) : undefined;
    yield `${first ? '' : ',\n'}${feature(record, point, op)}`;
    first = false;
  }
  yield `${first ? '' : '\n'}]}\n`;
}
