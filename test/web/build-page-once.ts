import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { browserAvailable, buildPageInto } from './page-harness.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The page built once for the run, or '' where no browser test runs. */
    builtPage: string;
  }
}

/** Global setup: builds the page once for every browser test file of the run (see buildPage). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!browserAvailable()) {
    project.provide('builtPage', '');
    return async () => {};
  }
  const dir = await mkdtemp(join(tmpdir(), 'faultline-web-once-'));
  await buildPageInto(dir);
  project.provide('builtPage', dir);
  return () => rm(dir, { recursive: true, force: true });
}
