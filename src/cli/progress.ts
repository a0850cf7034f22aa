import type { IngestSummary } from '../pipeline/ingest-pipeline.js';

export interface ProgressSink {
  update(counts: IngestSummary): void;
  /** Clears a bar before another line is written. */
  interrupt(): void;
  done(): void;
}

/** A bar redrawn in place on a terminal; on anything else, a line every few seconds. */
export function progressFor(
  stream: NodeJS.WriteStream,
  now: () => number = Date.now,
  everyMs = 2000,
): ProgressSink {
  let last = 0;
  let drawn = false;
  const line = (c: IngestSummary): string =>
    `read ${c.read} · stored ${c.stored} · already present ${c.present} · failed ${c.failed} · mentions ${c.mentions}`;
  if (stream.isTTY) {
    return {
      update(c) {
        const t = now();
        if (t - last < 100) return;
        last = t;
        const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 90));
        const filled = c.read % (width + 1);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line(c)}`);
        drawn = true;
      },
      interrupt() {
        if (drawn) stream.write('\r\x1b[2K');
        drawn = false;
      },
      done() {
        this.interrupt();
      },
    };
  }
  return {
    update(c) {
      const t = now();
      if (last === 0) last = t;
      if (t - last < everyMs) return;
      last = t;
      stream.write(`progress: ${line(c)}\n`);
    },
    interrupt() {},
    done() {},
  };
}
