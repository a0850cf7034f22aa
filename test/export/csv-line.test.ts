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

  it('round-trips any strings through an RFC 4180 reader, formula openings behind one quote', () => {
    const guarded = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 6 }), (cells) => {
        expect(parseCsv(csvLine(cells))).toEqual([cells.map(guarded)]);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string(), (start, rest) => {
        expect(parseCsv(csvLine([start + rest]))).toEqual([[`'${start}${rest}`]]);
      }),
      { numRuns: 200 },
    );
  });

  it('puts a quote before text that opens like a formula (CWE-1236)', () => {
    expect(csvLine(['=HYPERLINK("http://x.example","go")'])).toBe(
      '"\'=HYPERLINK(""http://x.example"",""go"")"\r\n',
    );
    expect(csvLine(['+1', '-2+3', '@SUM(A1:A2)'])).toBe("'+1,'-2+3,'@SUM(A1:A2)\r\n");
    expect(csvLine(['\tcmd', '\r=1'])).toBe('\'\tcmd,"\'\r=1"\r\n');
    // only at the start: inner signs, dates and ranges are left alone
    expect(csvLine(['a=b', '2025-03-14', '2-3', "'quoted", ''])).toBe("a=b,2025-03-14,2-3,'quoted,\r\n");
  });

  it('leaves numbers, negative ones included, and booleans as they are', () => {
    expect(csvLine([-0.5, -12, 0, 4, 26.1, -1e-7, true, false])).toBe(
      '-0.5,-12,0,4,26.1,-1e-7,true,false\r\n',
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
