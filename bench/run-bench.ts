import { join } from 'node:path';
import { packageRoot } from '../src/cli/package-root.js';
import { benchExtract } from './bench-extract.js';
import { benchApi } from './bench-api.js';
import { benchIngest, type Rate } from './bench-ingest.js';
import { benchResolve } from './bench-resolve.js';

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

  console.log('\nresolution (bar: 100,000 mentions under 60 s; 10x the mentions at most 12x the time)');
  const small = benchResolve(100_000);
  console.log(`  ${small.mentions} mentions -> ${small.events} events in ${small.seconds.toFixed(2)} s`);
  if (!process.argv.includes('--quick')) {
    const large = benchResolve(1_000_000);
    console.log(`  ${large.mentions} mentions -> ${large.events} events in ${large.seconds.toFixed(2)} s`);
    console.log(`  10x the mentions cost ${(large.seconds / small.seconds).toFixed(1)}x the time`);
  }

  console.log(
    '\nAPI (bar: p99 under 50 ms at 50 connections with 100,000 events; page renders 10,000 events under 2 s)',
  );
  const api = await benchApi(100_000, 10_000);
  console.log(`  ${api.events} events stored in ${api.insertSeconds.toFixed(1)} s`);
  console.log(
    `  GET /api/events?limit=100 with filters: ${Math.round(api.rps)} req/s, p50 ${api.p50Ms} ms, p99 ${api.p99Ms} ms, ${api.errors} errors`,
  );
  console.log(
    `  page with ${api.pageEvents} events rendered in ${api.pageSeconds === null ? 'n/a (no Chromium)' : `${api.pageSeconds.toFixed(2)} s`}`,
  );
  console.log(`\npeak memory (max RSS): ${peakMb()} MB`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
