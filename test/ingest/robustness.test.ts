import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/errors/errors.js';
import { buildDocument } from '../../src/ingest/build-document.js';
import { cleanHtml } from '../../src/ingest/clean-html.js';
import { cleanPlainText } from '../../src/ingest/clean-plain-text.js';
import { stripMarkdown } from '../../src/ingest/strip-markdown.js';

const JUNKY = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc
    .array(
      fc.constantFrom(
        'Accept !',
        '\n',
        '\n\n',
        '<p>',
        '</div>',
        '| Also Read: x |',
        '<h3>Related</h3>',
        'Gunmen killed two guards.',
        '\u00A0',
        '\r\n',
        '\u0000',
        '**',
        '[a](b)',
        'NO15 0530',
        'دعوت',
        '=(',
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join('')),
);

describe('ingest never throws', () => {
  it('cleanPlainText is total and idempotent', () => {
    fc.assert(
      fc.property(JUNKY, (text) => {
        const once = cleanPlainText(text);
        expect(cleanPlainText(once)).toBe(once);
        expect(once).not.toMatch(/\n{3,}|^\s|\s$|\r/);
      }),
      { numRuns: 300 },
    );
  });

  it('buildDocument returns a document or a coded error for any input in any format', () => {
    fc.assert(
      fc.property(
        JUNKY,
        fc.constantFrom('text', 'html', 'markdown') as fc.Arbitrary<'text' | 'html' | 'markdown'>,
        (content, format) => {
          const result = buildDocument(
            { origin: 'prop', format, content, meta: { published: content } },
            { maxBytes: 10_000 },
          );
          if (result instanceof FaultlineError) expect(result.subject).toBe('prop');
          else expect(result.text.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('ingest stays linear', () => {
  it('cleans 5 MB of text in well under 5 s', () => {
    const paragraph =
      'Security officials said that gunmen attacked a checkpoint on the highway late on Friday, and that two ' +
      'guards were wounded. Share this\nAccept !\n34\n| Also Read: something else |\n\n';
    const text = paragraph.repeat(Math.ceil(5_000_000 / paragraph.length));
    const started = performance.now();
    const clean = cleanPlainText(text);
    expect(performance.now() - started).toBeLessThan(2500);
    expect(clean).not.toContain('Accept !');
  });

  it('copes with 5 MB without a single line break or punctuation, and with deep nesting', () => {
    const flat = 'word '.repeat(1_000_000);
    let started = performance.now();
    expect(cleanPlainText(flat).length).toBeGreaterThan(4_000_000);
    expect(stripMarkdown(`**${'a_['.repeat(300_000)}`).length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(3000);
    started = performance.now();
    const nested = `${'<div>'.repeat(20_000)}<p>Deep text about a blast in the old city.</p>${'</div>'.repeat(20_000)}`;
    expect(cleanHtml(nested, null).text).toBe('Deep text about a blast in the old city.');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
