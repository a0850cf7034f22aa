import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { inject } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';

/** Browser tests run where Chromium is installed, and always in CI (where its absence is a failure). */
export function browserAvailable(): boolean {
  const present = existsSync(CHROMIUM);
  if (!present && !process.env['CI']) {
    console.warn(`browser tests skipped: ${CHROMIUM} is absent (they run, and must pass, when CI=true)`);
  }
  return present || Boolean(process.env['CI']);
}

/** Builds the page into a fresh temporary folder, as `npm run build:web` does into dist/web. */
export async function buildPageInto(outDir: string): Promise<void> {
  await build({
    configFile: join(import.meta.dirname, '..', '..', 'web', 'vite.config.ts'),
    build: { outDir, emptyOutDir: true },
    logLevel: 'silent',
  });
}

/**
 * The page, built, in a temporary folder of the caller's own (it may delete it). The suite builds the page once
 * (test/web/build-page-once.ts, a global setup) and each browser test file takes a copy: a build costs seconds,
 * a copy milliseconds. Run outside that setup, it builds.
 */
export async function buildPage(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'faultline-web-'));
  const built = inject('builtPage');
  if (built) await cp(built, outDir, { recursive: true });
  else await buildPageInto(outDir);
  return outDir;
}

/** A fresh headless Chromium with an empty profile and no background traffic. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'faultline-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return `http://127.0.0.1:${address.port}`;
}

/**
 * A new page signed in through the sign-in form as `name`. Signing in moves on to the next view by itself: this
 * waits for it, so that it does not follow the caller's own navigation.
 */
export async function signIn(
  context: BrowserContext,
  url: string,
  name: string,
  password: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/#/signin`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#s-name', name);
  await page.fill('#s-password', password);
  await page.click('.sign-in-form button[type=submit]');
  await page.waitForSelector('.account .who');
  await page.waitForURL((u) => !u.hash.includes('signin'));
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}
