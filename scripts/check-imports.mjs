#!/usr/bin/env node
// Enforces the layering of docs/architecture.md: imports point inward, toward src/domain.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const SRC = join(ROOT, 'src');

/** folder → folders it may import from (besides itself). `store-interface` is src/store/store.ts alone. */
const ALLOWED = {
  domain: [],
  errors: [],
  config: ['domain', 'errors'],
  lexicon: ['domain', 'errors', 'store-interface'],
  ingest: ['domain', 'errors', 'lexicon', 'config'],
  extract: ['domain', 'errors', 'lexicon'],
  resolve: ['domain', 'errors'],
  export: ['domain', 'errors'],
  store: ['domain', 'errors'],
  feeds: ['domain', 'errors', 'ingest', 'store-interface'],
  trends: ['domain', 'errors'],
  auth: ['domain', 'errors', 'store-interface'],
  notify: ['domain', 'errors', 'ingest'],
  pipeline: [
    'domain',
    'errors',
    'ingest',
    'extract',
    'resolve',
    'lexicon',
    'store',
    'feeds',
    'trends',
    'notify',
  ],
  queue: ['domain', 'errors', 'pipeline', 'feeds', 'store-interface'],
  context: ['config', 'lexicon', 'store', 'extract', 'errors', 'domain'],
  api: ['domain'],
  server: [
    'trends',
    'domain',
    'errors',
    'api',
    'store',
    'pipeline',
    'extract',
    'resolve',
    'config',
    'ingest',
    'lexicon',
    'export',
    'auth',
  ],
  cli: ['*'],
};

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function layerOf(path) {
  const rel = relative(SRC, path);
  if (rel === join('store', 'store.ts')) return 'store-interface';
  const top = rel.split('/')[0];
  return top.endsWith('.ts') ? top.replace(/\.ts$/, '') : top;
}

const problems = [];
for (const file of files(SRC)) {
  const from = layerOf(file);
  const allowed = ALLOWED[from === 'store-interface' ? 'store' : from];
  if (!allowed) {
    problems.push(`${relative(ROOT, file)}: folder "${from}" is not in scripts/check-imports.mjs`);
    continue;
  }
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]/gm)) {
    const target = layerOf(resolve(dirname(file), match[1].replace(/\.js$/, '.ts')));
    if (target === from || allowed.includes('*') || allowed.includes(target)) continue;
    if (target === 'store-interface' && (allowed.includes('store') || from === 'store')) continue;
    problems.push(`${relative(ROOT, file)}: ${from} may not import ${target} (${match[1]})`);
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('imports point inward');
