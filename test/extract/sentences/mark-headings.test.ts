import { describe, expect, it } from 'vitest';
import { markHeadings } from '../../../src/extract/sentences/mark-headings.js';
import { splitSentences } from '../../../src/extract/sentences/split-sentences.js';

const headings = (text: string): string[] =>
  markHeadings(splitSentences(text))
    .filter((s) => s.heading)
    .map((s) => s.text);

describe('markHeadings', () => {
  it('marks a headline, bullets and a subheading, never a body sentence', () => {
    const text = [
      'Two guards hurt in Gwadar grenade attack - Example Times',
      '• Levies post fired on in Awaran',
      'GWADAR: Two guards were injured when a grenade was hurled at a bank in Gwadar on Monday.',
      'Police said the attackers fled on a motorbike.',
      'Awaran firing',
      'In Awaran, gunmen fired on a Levies post late on Monday. Nobody was hurt.',
    ].join('\n');
    expect(headings(text)).toEqual([
      'Two guards hurt in Gwadar grenade attack - Example Times',
      '• Levies post fired on in Awaran',
      'Awaran firing',
    ]);
  });

  it('marks nothing in hard-wrapped text, where most lines end without punctuation', () => {
    const text = [
      'Gunmen opened fire on a Frontier Corps post in Turbat on',
      'Monday, killing two soldiers and wounding three others, officials',
      'said. A search operation was launched in the area after the',
      'attack.',
    ].join('\n');
    expect(headings(text)).toEqual([]);
  });

  it('does not take a long unpunctuated line or a lower-case fragment for a heading', () => {
    const long = `Officials said ${'the convoy was attacked near the town '.repeat(4)}`;
    const text = ['Body sentence one.', long, 'and then the rest', 'Another body sentence.', 'More.'].join(
      '\n',
    );
    expect(headings(text)).toEqual([]);
  });
});
