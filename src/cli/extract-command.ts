import { basename } from 'node:path';
import { buildEventRecord, type Document, type EventRecord, type Mention } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import { extractDocument } from '../extract/extract-document.js';
import type { Knowledge } from '../extract/knowledge.js';
import { buildDocument } from '../ingest/build-document.js';
import { readInputs } from '../ingest/read-inputs.js';
import type { RawInput } from '../ingest/types.js';
import { languageProblem } from '../pipeline/extract-stored.js';
import { knowledgeFor } from '../context.js';
import { INPUT_OPTIONS, oneOf, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';

export const EXTRACT_HELP = `faultline extract INPUT... [--published YYYY-MM-DD] [--publisher NAME] [--format jsonl|table]
  Prints every incident the inputs report, one event record per line (nothing is stored).`;

export interface ExtractedDocument {
  readonly input: string;
  readonly doc: Document;
  readonly mentions: readonly Mention[];
  readonly records: readonly EventRecord[];
}

/** The name an output record carries: a JSONL line's id, else the input file's name. */
export function inputName(raw: RawInput): string {
  if (raw.meta.id) return raw.meta.id;
  const origin = raw.origin.replace(/#.*$/, '');
  return /^https?:\/\//.test(origin) ? origin : basename(origin);
}

/** Reads inputs and extracts each document, reporting bad ones and going on. */
export async function* extractInputs(
  specs: readonly string[],
  knowledge: Knowledge,
  options: {
    maxBytes: number;
    timeoutMs: number;
    published: string | null;
    publisher: string | null;
    stdin: NodeJS.ReadableStream;
    allowPrivate?: boolean;
  },
  report: (line: string) => void,
): AsyncGenerator<ExtractedDocument> {
  const guard = { allowPrivate: options.allowPrivate === true };
  for await (const input of readInputs(specs, { ...options, guard })) {
    if (!input.ok) {
      report(input.error.message);
      continue;
    }
    const doc = buildDocument(input.raw, options);
    if (doc instanceof FaultlineError) {
      report(doc.message);
      continue;
    }
    const name = inputName(input.raw);
    const language = languageProblem(doc, { stored: false });
    if (language !== null) {
      report(language);
      yield { input: name, doc, mentions: [], records: [] };
      continue;
    }
    try {
      const result = extractDocument({ id: doc.id, text: doc.text, published: doc.published }, knowledge);
      const source = {
        docId: doc.id,
        publisher: doc.publisher,
        url: doc.url,
        published: doc.published,
        text: doc.text,
      };
      const records = result.mentions.map((m) =>
        buildEventRecord({ id: m.id, operationId: m.operationKey, mentions: [m], sources: [source] }),
      );
      yield { input: name, doc, mentions: result.mentions, records };
    } catch (error) {
      report(new FaultlineError('FL_ERR_EXTRACT', doc.origin, (error as Error).message).message);
    }
  }
}

function pad(v: string, n: number): string {
  return v.length > n ? `${v.slice(0, n - 1)}…` : v.padEnd(n);
}

function figure(f: EventRecord['fatalities']): string {
  if (!f) return '-';
  return f.low === f.high ? `${f.best}` : `${f.best} (${f.low}-${f.high})`;
}

export function tableRow(input: string, r: EventRecord): string {
  const date = r.date.start === r.date.end ? r.date.start : `${r.date.start}..${r.date.end.slice(5)}`;
  const place = r.location ? `${r.location.name} [${r.location.precision}]` : '-';
  const district = r.location ? [r.location.admin2, r.location.admin1].filter(Boolean).join(', ') : '-';
  const actor = r.actor1 ? `${r.actor1.name}${r.actor1.claimed ? ' (claimed)' : ''}` : '-';
  return [
    pad(input, 18),
    pad(`${date} ${r.date.precision}`, 24),
    pad(place, 26),
    pad(district, 24),
    pad(r.sub_event_type, 30),
    pad(actor, 34),
    pad(figure(r.fatalities), 10),
    figure(r.injured),
  ].join(' ');
}

export const TABLE_HEADER = [
  pad('input', 18),
  pad('date', 24),
  pad('place', 26),
  pad('district, province', 24),
  pad('type', 30),
  pad('actor1', 34),
  pad('killed', 10),
  'injured',
].join(' ');

/** `faultline extract`: exit 0 when every input was extracted, 1 when any failed. */
export async function extractCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommand(argv, {
    ...INPUT_OPTIONS,
    format: { type: 'string' },
    countries: { type: 'string' },
  });
  const format = oneOf('--format', values.format, ['jsonl', 'table'] as const, 'jsonl');
  if (positionals.length === 0)
    throw new FaultlineError('FL_ERR_BAD_ARGUMENT', 'extract', 'name at least one input');
  const config = configFromFlags(values, io);
  const knowledge = knowledgeFor(config);
  let failed = 0;
  if (format === 'table') io.out(`${TABLE_HEADER}\n`);
  const options = { ...config, stdin: io.stdin };
  for await (const item of extractInputs(positionals, knowledge, options, (line) => {
    failed++;
    io.err(line);
  })) {
    for (const record of item.records) {
      io.out(
        format === 'jsonl'
          ? `${JSON.stringify({ input: item.input, ...record })}\n`
          : `${tableRow(item.input, record)}\n`,
      );
    }
  }
  return failed > 0 ? 1 : 0;
}
