import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/domain/index.js';
import { EXPORT_FORMATS, exportEvents, isExportFormat } from '../../src/export/export-events.js';
import { syntheticRecord } from './records.js';

const COUNT = 200_000;

// Heap samples taken after a full collection measure what the writer retains, not garbage awaiting collection.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function retainedHeap(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

async function* synthetic(n: number, pulled: { count: number }): AsyncGenerator<EventRecord> {
  for (let i = 0; i < n; i++) {
    pulled.count++;
    yield syntheticRecord(i);
  }
}

describe('exportEvents', () => {
  it('knows its formats', () => {
    expect(EXPORT_FORMATS).toEqual(['jsonl', 'csv', 'acled', 'ucdp', 'geojson']);
    expect(isExportFormat('acled')).toBe(true);
    expect(isExportFormat('xlsx')).toBe(false);
  });

  it('pulls records lazily, one per line written', async () => {
    for (const format of ['acled', 'jsonl'] as const) {
      const pulled = { count: 0 };
      const out = exportEvents(format, synthetic(COUNT, pulled));
      await out.next();
      await out.next();
      await out.return(undefined);
      expect(pulled.count).toBeLessThanOrEqual(2);
    }
  });

  it.each(EXPORT_FORMATS)('streams %s for 200,000 records with small heap growth', async (format) => {
    const pulled = { count: 0 };
    const before = retainedHeap();
    let peak = before;
    let lines = 0;
    let bytes = 0;
    for await (const chunk of exportEvents(format, synthetic(COUNT, pulled))) {
      lines++;
      bytes += chunk.length;
      if (lines % 40_000 === 0) peak = Math.max(peak, retainedHeap());
    }
    expect(pulled.count).toBe(COUNT);
    expect(bytes).toBeGreaterThan(COUNT * 100);
    expect(peak - before).toBeLessThan(50 * 1024 * 1024);
  });
});
