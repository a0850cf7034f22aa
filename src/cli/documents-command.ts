import { openStore } from '../store/open-store.js';
import { STORE_OPTIONS, oneOf, parseCommand, type CliIo } from './cli-io.js';
import { configFromFlags } from './config-from-flags.js';

export const DOCUMENTS_HELP = `faultline documents [--db FILE | --database-url URL] [--format jsonl|table] [--text]
  Lists stored documents in ingestion order (streamed).`;

function cell(value: string | null, width: number): string {
  const v = (value ?? '-').replace(/\s+/g, ' ');
  return v.length > width ? `${v.slice(0, width - 1)}…` : v.padEnd(width);
}

export async function documentsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(argv, {
    ...STORE_OPTIONS,
    format: { type: 'string' },
    text: { type: 'boolean' },
  });
  const format = oneOf('--format', values.format, ['jsonl', 'table'] as const, 'jsonl');
  const config = configFromFlags(values, io);
  const store = await openStore(config);
  try {
    if (format === 'table') {
      io.out(
        `${cell('id', 21)} ${cell('published', 10)} ${cell('lang', 4)} ${cell('publisher', 22)} title\n`,
      );
    }
    for await (const doc of store.listDocuments({ withText: values.text === true })) {
      if (format === 'jsonl') io.out(`${JSON.stringify(doc)}\n`);
      else
        io.out(
          `${cell(doc.id, 21)} ${cell(doc.published, 10)} ${cell(doc.language, 4)} ${cell(doc.publisher, 22)} ${doc.title ?? doc.origin}\n`,
        );
    }
    return 0;
  } finally {
    await store.close();
  }
}
