import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { FaultlineError } from '../errors/errors.js';
import {
  attachAdminNames,
  parseAdminCodeLine,
  parseGeoNamesPlaceLine,
  type AdminCode,
} from '../lexicon/geonames-dump.js';
import { openStore } from '../store/open-store.js';
import type { GazetteerRow } from '../store/store.js';
import { STORE_OPTIONS, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';

export const GAZETTEER_HELP = `faultline gazetteer import FILE... [--db FILE | --database-url URL]
  Imports GeoNames dump files (cities500.txt, a country file such as PK.txt, admin1CodesASCII.txt,
  admin2Codes.txt; give the admin code files in the same call) into the gazetteer that extraction uses.`;

type FileKind = 'places' | 'admin-codes';

interface ReadFile {
  readonly kind: FileKind;
  readonly places: GazetteerRow[];
  readonly codes: AdminCode[];
  readonly rejected: number;
}

/** Reads one dump line by line (never whole), deciding its kind from the first line that parses. */
async function readDump(path: string): Promise<ReadFile> {
  if (!existsSync(path)) throw new FaultlineError('FL_ERR_INPUT_MISSING', path);
  let kind: FileKind | null = null;
  const places: GazetteerRow[] = [];
  const codes: AdminCode[] = [];
  let rejected = 0;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (kind !== 'admin-codes') {
      const row = parseGeoNamesPlaceLine(line);
      if (row) {
        kind = 'places';
        places.push(row);
        continue;
      }
    }
    if (kind !== 'places') {
      const code = parseAdminCodeLine(line);
      if (code) {
        kind = 'admin-codes';
        codes.push(code);
        continue;
      }
    }
    rejected++;
  }
  if (!kind) throw new FaultlineError('FL_ERR_GAZETTEER_FORMAT', path, 'no line in GeoNames dump format');
  return { kind, places, codes, rejected };
}

/** `faultline gazetteer import`: exit 0 when every file was read, 1 when any was not. */
export async function gazetteerCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, STORE_OPTIONS);
  const [action, ...files] = positionals;
  if (action !== 'import')
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `gazetteer ${action ?? ''}`.trim(),
      'expected: gazetteer import FILE...',
    );
  if (files.length === 0)
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', 'gazetteer import', 'name at least one file');
  const config = configFromFlags(values, io);
  const places: GazetteerRow[] = [];
  const admin1: AdminCode[] = [];
  const admin2: AdminCode[] = [];
  let failed = 0;
  for (const file of files) {
    try {
      const read = await readDump(file);
      places.push(...read.places);
      for (const code of read.codes) (code.code.split('.').length === 2 ? admin1 : admin2).push(code);
      const count = read.kind === 'places' ? read.places.length : read.codes.length;
      io.err(
        `${file}: ${count} ${read.kind === 'places' ? 'places' : 'admin codes'} read, ${read.rejected} lines skipped`,
      );
    } catch (error) {
      failed++;
      io.err(error instanceof FaultlineError ? error.message : `${file}: ${(error as Error).message}`);
    }
  }
  const store = await openStore(config);
  try {
    const rows = attachAdminNames(places, admin1, admin2);
    let written = 0;
    for (let i = 0; i < rows.length; i += 2_000)
      written += await store.saveGazetteerRows(rows.slice(i, i + 2_000));
    io.err(`gazetteer: ${written} places stored; extraction uses them from the next run`);
  } finally {
    await store.close();
  }
  return failed > 0 ? 1 : 0;
}
