import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isFaultlineError } from '../../../src/errors/errors.js';
import { DATE_LEXICON_FILES, buildDateLexicon, loadDateLexicon } from '../../../src/lexicon/date-lexicon.js';

const dataDir = fileURLToPath(new URL('../../../data', import.meta.url));

function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return isFaultlineError(error) ? error.code : 'not a FaultlineError';
  }
}

describe('loadDateLexicon', () => {
  it('loads every month, weekday and period of the project data, from the data root or its dates folder', () => {
    const lexicon = loadDateLexicon(dataDir);
    expect(lexicon.months.map((m) => m.month).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    expect(lexicon.weekdays).toHaveLength(7);
    expect(lexicon.periods.find((p) => p.id === 'period.yesterday')).toMatchObject({
      anchor: 'day',
      offset: 1,
    });
    expect(loadDateLexicon(join(dataDir, 'dates')).months).toHaveLength(12);
  });

  it('reports a missing folder or broken JSON as a knowledge error', () => {
    expect(codeOf(() => loadDateLexicon(join(tmpdir(), 'no-such-faultline-dir')))).toBe('FL_ERR_KNOWLEDGE');
    const dir = mkdtempSync(join(tmpdir(), 'fl-dates-'));
    mkdirSync(join(dir, 'dates'));
    for (const name of DATE_LEXICON_FILES) writeFileSync(join(dir, 'dates', name), '{"entries": [');
    expect(codeOf(() => loadDateLexicon(dir))).toBe('FL_ERR_KNOWLEDGE');
  });

  it('rejects duplicate ids, unknown anchors and missing months', () => {
    const lexicon = loadDateLexicon(dataDir);
    const files = {
      'months.json': { entries: lexicon.months },
      'weekdays.json': { entries: lexicon.weekdays },
      'numbers.json': { entries: lexicon.numbers },
      'periods.json': { entries: lexicon.periods },
      'words.json': { entries: lexicon.words },
    };
    expect(buildDateLexicon(files).months).toHaveLength(12);
    const dup = { ...files, 'numbers.json': { entries: [...lexicon.numbers, lexicon.numbers[0]] } };
    expect(codeOf(() => buildDateLexicon(dup))).toBe('FL_ERR_KNOWLEDGE');
    const badAnchor = {
      ...files,
      'periods.json': { entries: [{ id: 'p', anchor: 'soon', phrases: ['soon'] }] },
    };
    expect(codeOf(() => buildDateLexicon(badAnchor))).toBe('FL_ERR_KNOWLEDGE');
    const noMay = { ...files, 'months.json': { entries: lexicon.months.filter((m) => m.month !== 5) } };
    expect(codeOf(() => buildDateLexicon(noMay))).toBe('FL_ERR_KNOWLEDGE');
  });
});

describe('date rule data against its schema', () => {
  const lexicon = loadDateLexicon(dataDir);
  const files = {
    'months.json': { entries: lexicon.months },
    'weekdays.json': { entries: lexicon.weekdays },
    'numbers.json': { entries: lexicon.numbers },
    'periods.json': { entries: lexicon.periods },
    'words.json': { entries: lexicon.words },
  };
  const messageOf = (run: () => unknown): string => {
    try {
      run();
      return '';
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };

  it('names the file, the entry and the field that is wrong', () => {
    const badMonth = {
      ...files,
      'months.json': {
        entries: [...lexicon.months, { id: 'month.thirteen', month: 13, names: ['Undecember'] }],
      },
    };
    expect(messageOf(() => buildDateLexicon(badMonth))).toMatch(/months\.json.*month\.thirteen: "month"/);
    const noWords = {
      ...files,
      'words.json': { entries: [{ id: 'word.empty', role: 'count-noun', words: [] }] },
    };
    expect(messageOf(() => buildDateLexicon(noWords))).toMatch(/words\.json.*word\.empty: "words"/);
    const noId = { ...files, 'periods.json': { entries: [{ anchor: 'day', phrases: ['today'] }] } };
    expect(messageOf(() => buildDateLexicon(noId))).toMatch(/periods\.json.*entry 0: "id"/);
    expect(messageOf(() => buildDateLexicon({ ...files, 'numbers.json': [] }))).toMatch(/numbers\.json/);
  });
});
