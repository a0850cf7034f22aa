import { FaultlineError } from '../errors/errors.js';
import { exportAcledCsv } from './export-acled-csv.js';
import { exportFlatCsv } from './export-flat-csv.js';
import { exportGeoJson } from './export-geojson.js';
import { exportJsonl } from './export-jsonl.js';
import type { ExportOptions, RecordSource } from './export-options.js';
import { exportUcdpCsv } from './export-ucdp-csv.js';

export const EXPORT_FORMATS = ['jsonl', 'csv', 'acled', 'ucdp', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** Streams the records in one format, as text chunks (one line each), never holding more than one record. */
export function exportEvents(
  format: ExportFormat,
  records: RecordSource,
  options: ExportOptions = {},
): AsyncGenerator<string> {
  switch (format) {
    case 'jsonl':
      return exportJsonl(records);
    case 'csv':
      return exportFlatCsv(records);
    case 'acled':
      return exportAcledCsv(records, options);
    case 'ucdp':
      return exportUcdpCsv(records);
    case 'geojson':
      return exportGeoJson(records, options);
    default:
      throw new FaultlineError('FL_ERR_BAD_ARGUMENT', `format ${String(format)}`, EXPORT_FORMATS.join(', '));
  }
}
