import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../src/export/csv-line.js';
import { parseCsv } from './parse-csv.js';

describe('csvLine', () => {
  it('leaves plain fields bare and ends the record with CRLF', () => {
    expect(csvLine(['Tump', 26.1, null, true, ''])).toBe('Tump,26.1,,true,\r\n');
  });

  it('quotes commas, quotes, LF and lone CR, doubling quotes', () => {
    expect(csvLine(['a,b'])).toBe('"a,b"\r\n');
    expect(csvLine(['he said "two"'])).toBe('"he said ""two"""\r\n');
    expect(csvLine(['line one\nline two'])).toBe('"line one\nline two"\r\n');
    expect(csvLine(['carriage\rreturn'])).toBe('"carriage\rreturn"\r\n');
  });

  it('writes non-finite numbers as empty cells', () => {
    expect(csvLine([Number.NaN, Number.POSITIVE_INFINITY, 0])).toBe(',,0\r\n');
  });

  it('round-trips any strings through an RFC 4180 reader', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), (cells) => {
        expect(parseCsv(csvLine(cells))).toEqual([cells]);
      }),
      { numRuns: 300 },
    );
  });

  it('quotes a 5 MB field without punctuation or with control characters quickly', () => {
    const big = 'a\u0000\u0007'.repeat(1_700_000) + '"\n';
    const started = performance.now();
    const line = csvLine([big]);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(line.length).toBe(big.length + 2 + 1 + 2);
  });
});
