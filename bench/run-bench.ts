import { join } from 'node:path';
import { packageRoot } from '../src/cli/package-root.js';
import { benchExtract } from './bench-extract.js';
import { benchIngest, type Rate } from './bench-ingest.js';

function line(r: Rate): string {
  return `${r.label.padEnd(36)} ${String(r.docs).padStart(6)} docs  ${r.seconds.toFixed(2).padStart(7)} s  ${Math.round(
    r.docs / r.seconds,
  )
    .toString()
    .padStart(7)} docs/s`;
}

function peakMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** `npm run bench`: throughput of each stage on generated, realistic articles; figures, not assertions. */
async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_000);
  console.log(`Faultline benchmark: ${count} synthetic articles (half HTML, half text, ~5 KB each)\n`);
  console.log('ingest (bar: 300 HTML and 2,000 text docs/s through clean + store, peak memory < 500 MB)');
  for (const r of await benchIngest(count)) console.log(`  ${line(r)}`);
  console.log(`  peak memory so far: ${peakMb()} MB\n`);

  const extractCount = Math.min(count, 3_000);
  console.log('extraction (bar: 300 docs/s per core; 1.7x that on two cores)');
  const { rates, agree } = await benchExtract(extractCount, join(packageRoot(), 'data'));
  for (const r of rates) console.log(`  ${line(r)}`);
  const [one, all] = rates;
  if (one && all)
    console.log(
      `  speed-up: ${(all.docs / all.seconds / (one.docs / one.seconds)).toFixed(2)}x; pool and single thread agree: ${agree}`,
    );
  console.log(`\npeak memory (max RSS): ${peakMb()} MB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
