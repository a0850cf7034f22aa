import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * Files that must have the machine to themselves: they time their own work (linearity checks, latency bounds, the
 * spacing of requests) or run and kill real worker processes. They run one at a time, after the rest.
 */
const ALONE = [
  'test/bench/synthetic-corpus.test.ts',
  'test/cli/alerts-webhook.test.ts',
  'test/cli/watch-command.test.ts',
  'test/export/csv-line.test.ts',
  'test/extract/actors/find-actors.test.ts',
  'test/extract/actors/find-responsibility.test.ts',
  'test/extract/casualties/robustness.test.ts',
  'test/extract/dates/find-dates.property.test.ts',
  'test/extract/events/find-event-cues.test.ts',
  'test/extract/extract-document.test.ts',
  'test/extract/places/places-robustness.test.ts',
  'test/extract/sentences/split-sentences.test.ts',
  'test/feeds/parse-feed.test.ts',
  'test/feeds/store-host-gate.test.ts',
  'test/ingest/read-inputs.test.ts',
  'test/ingest/robustness.test.ts',
  'test/lexicon/gazetteer.test.ts',
  'test/pipeline/crash-recovery.test.ts',
  'test/pipeline/deliver-alerts.test.ts',
  'test/queue/bad-input.test.ts',
  'test/queue/job-queue.test.ts',
  'test/queue/worker-crash.test.ts',
  'test/resolve/plan-merges-scale.test.ts',
];

// a misspelt or moved name would drop its file from both projects without a word
for (const file of ALONE) if (!existsSync(file)) throw new Error(`vitest.config.ts: ${file} does not exist`);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // the page is built once for every browser test file
    globalSetup: ['test/web/build-page-once.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'shared',
          include: ['test/**/*.test.ts'],
          exclude: ALONE,
          // two files at a time: most wait on a browser, a server or a database as much as on the CPU
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'alone',
          include: ALONE,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
