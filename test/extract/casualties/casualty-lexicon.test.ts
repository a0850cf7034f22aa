import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CASUALTY_LEXICON_FILES,
  buildCasualtyLexicon,
  loadCasualtyLexicon,
  matchPhrase,
} from '../../../src/lexicon/casualty-lexicon.js';
import { isFaultlineError } from '../../../src/errors/errors.js';

const dataDir = join(import.meta.dirname, '..', '..', '..', 'data');

function files(): Record<string, unknown> {
  return Object.fromEntries(
    CASUALTY_LEXICON_FILES.map((name) => [
      name,
      JSON.parse(readFileSync(join(dataDir, 'casualties', name), 'utf8')),
    ]),
  );
}

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return isFaultlineError(error) ? error.code : 'other';
  }
}

describe('loadCasualtyLexicon', () => {
  it('loads from the data folder or from its casualties subfolder', () => {
    const a = loadCasualtyLexicon(dataDir);
    const b = loadCasualtyLexicon(join(dataDir, 'casualties'));
    expect(matchPhrase(a.metrics, ['shot', 'dead'], 0)?.value.metric).toBe('killed');
    expect(matchPhrase(b.nouns, ['soldiers'], 0)?.value).toMatchObject({
      category: 'security_forces',
      plural: true,
    });
  });

  it('prefers the longest phrase', () => {
    const lex = loadCasualtyLexicon(dataDir);
    expect(matchPhrase(lex.cues, ['dismissed', 'claims', 'of'], 0)?.end).toBe(3);
  });

  it('rejects duplicate ids, bad enums and inverted ranges with FL_ERR_KNOWLEDGE', () => {
    const dup = files();
    const metrics = dup['metrics.json'] as { entries: { id: string }[] };
    metrics.entries.push({ ...(metrics.entries[0] as { id: string }) });
    expect(codeOf(() => buildCasualtyLexicon(dup))).toBe('FL_ERR_KNOWLEDGE');

    const badMetric = files();
    (badMetric['metrics.json'] as { entries: { metric: string }[] }).entries[0]!.metric = 'maimed';
    expect(codeOf(() => buildCasualtyLexicon(badMetric))).toBe('FL_ERR_KNOWLEDGE');

    const inverted = files();
    const vague = (inverted['quantities.json'] as { entries: { type: string; low?: number }[] }).entries;
    vague.find((e) => e.type === 'vague')!.low = 1000;
    expect(codeOf(() => buildCasualtyLexicon(inverted))).toBe('FL_ERR_KNOWLEDGE');
  });

  it("names the file, the entry and the field, in the shape the entry's type chose", () => {
    const messageOf = (fn: () => unknown): string => {
      try {
        fn();
        return '';
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    };
    const noPlural = files();
    const categories = (
      noPlural['categories.json'] as { entries: { id: string; type: string; plural?: unknown }[] }
    ).entries;
    const noun = categories.find((e) => e.type === 'noun')!;
    delete noun.plural;
    expect(messageOf(() => buildCasualtyLexicon(noPlural))).toContain(`categories.json`);
    expect(messageOf(() => buildCasualtyLexicon(noPlural))).toContain(`${noun.id}: "plural"`);
    const badMetric = files();
    const metric = (badMetric['metrics.json'] as { entries: { id: string; metric: string }[] }).entries[0]!;
    metric.metric = 'maimed';
    expect(messageOf(() => buildCasualtyLexicon(badMetric))).toContain(`${metric.id}: "metric"`);
  });

  it('reports a missing or unparsable file with FL_ERR_KNOWLEDGE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fl-cas-'));
    expect(codeOf(() => loadCasualtyLexicon(dir))).toBe('FL_ERR_KNOWLEDGE');
    for (const name of CASUALTY_LEXICON_FILES) writeFileSync(join(dir, name), '{ not json');
    expect(codeOf(() => loadCasualtyLexicon(dir))).toBe('FL_ERR_KNOWLEDGE');
  });

  it('gives every entry of every file an id', () => {
    for (const [name, raw] of Object.entries(files())) {
      for (const entry of (raw as { entries: { id?: unknown }[] }).entries) {
        expect(typeof entry.id, name).toBe('string');
      }
    }
  });
});
