import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/errors/errors.js';
import { cleanPlainText } from '../../src/ingest/clean-plain-text.js';
import {
  compileBoilerplateRules,
  defaultBoilerplateRules,
  loadBoilerplateRules,
} from '../../src/lexicon/boilerplate-rules.js';

const BOXES = {
  tags: ['script'],
  classOrId: ['share'],
  classOrIdExceptions: [],
  alwaysIds: ['comments'],
  protectedTags: ['body'],
  keepAboveChars: 2000,
  headingPattern: '^related$',
  headingFlags: 'i',
};
const FAST = { words: ['the'], minTokens: 30, minShare: 0.1, minTheShare: 0.02 };

describe('boilerplate rules data', () => {
  it('loads the project rules once, every id stable and namespaced', () => {
    const rules = defaultBoilerplateRules();
    expect(defaultBoilerplateRules()).toBe(rules);
    const ids = rules.lineRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^boilerplate\.[a-z-]+$/);
    expect(ids).toContain('boilerplate.cookie-notice');
  });

  it('rejects malformed data with FL_ERR_KNOWLEDGE', () => {
    const bad = [
      null,
      { version: 1, lineRules: 'no', htmlBoxes: BOXES, englishFastPath: FAST },
      {
        version: 1,
        lineRules: [{ id: 'x', kind: 'pattern', pattern: '(', maxLength: 5 }],
        htmlBoxes: BOXES,
        englishFastPath: FAST,
      },
      {
        version: 1,
        lineRules: [{ id: 'x', kind: 'mystery', maxLength: 5 }],
        htmlBoxes: BOXES,
        englishFastPath: FAST,
      },
      {
        version: 1,
        lineRules: [
          { id: 'x', kind: 'pattern', pattern: 'a', maxLength: 5 },
          { id: 'x', kind: 'pattern', pattern: 'b', maxLength: 5 },
        ],
        htmlBoxes: BOXES,
        englishFastPath: FAST,
      },
    ];
    for (const json of bad) {
      expect(() => compileBoilerplateRules(json)).toThrow(FaultlineError);
    }
  });

  it('applies rules loaded from another file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fl-rules-'));
    try {
      const file = join(dir, 'rules.json');
      const lineRules = [{ id: 'test.bye', kind: 'pattern', pattern: '^bye$', flags: 'i', maxLength: 10 }];
      writeFileSync(file, JSON.stringify({ version: 2, lineRules, htmlBoxes: BOXES, englishFastPath: FAST }));
      const rules = loadBoilerplateRules(file);
      expect(rules.version).toBe(2);
      expect(cleanPlainText('Hello there.\nBYE\nAccept !', rules)).toBe('Hello there.\nAccept !');
      expect(() => loadBoilerplateRules(join(dir, 'missing.json'))).toThrow(/FL_ERR_KNOWLEDGE|knowledge/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
