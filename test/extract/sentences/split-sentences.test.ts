import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitSentences } from '../../../src/extract/sentences/split-sentences.js';

describe('splitSentences', () => {
  it('splits on sentence ends and keeps offsets into the text', () => {
    const text = 'Gunmen attacked a post in Turbat. Two soldiers died! Was it the BLF? Nobody said.';
    const s = splitSentences(text);
    expect(s.map((x) => x.text)).toEqual([
      'Gunmen attacked a post in Turbat.',
      'Two soldiers died!',
      'Was it the BLF?',
      'Nobody said.',
    ]);
    for (const x of s) expect(text.slice(x.start, x.end)).toBe(x.text);
  });

  it('does not split after titles, initials and month abbreviations', () => {
    const text = 'Dr. Aslam met Lt. Col. Khan on Jan. 5 in D. I. Khan. He left.';
    expect(splitSentences(text).map((x) => x.text)).toEqual([
      'Dr. Aslam met Lt. Col. Khan on Jan. 5 in D. I. Khan.',
      'He left.',
    ]);
  });

  it('does not split inside numbers or before lower-case words', () => {
    const text = 'The toll rose to 1.5 times the figure of 2024. after that e.g. nothing.';
    expect(splitSentences(text)).toHaveLength(1);
  });

  it('treats each line as its own paragraph and ignores blank lines', () => {
    const text = 'First line here\n\nSecond paragraph. Still second.\nThird';
    const s = splitSentences(text);
    expect(s.map((x) => [x.text, x.paragraph])).toEqual([
      ['First line here', 0],
      ['Second paragraph.', 1],
      ['Still second.', 1],
      ['Third', 2],
    ]);
  });

  it('keeps a closing quote with its sentence', () => {
    const text = 'He said "it failed." Then he left.';
    expect(splitSentences(text).map((x) => x.text)).toEqual(['He said "it failed."', 'Then he left.']);
  });

  it('cuts very long runs without sentence ends into bounded pieces', () => {
    const text = 'word '.repeat(100_000);
    const started = Date.now();
    const s = splitSentences(text);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(Math.max(...s.map((x) => x.text.length))).toBeLessThanOrEqual(2000);
  });

  it('never throws and every span slices to its text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        for (const x of splitSentences(text)) {
          expect(text.slice(x.start, x.end)).toBe(x.text);
          expect(x.text.trim()).toBe(x.text);
        }
      }),
    );
  });
});
