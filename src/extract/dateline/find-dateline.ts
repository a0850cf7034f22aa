import type { Span } from '../../domain/index.js';

/** Where a wire report opens: the place (and often the day) it was filed from, before the story begins. */
export interface Dateline {
  readonly ruleId: 'dateline.wire' | 'dateline.colon';
  /** From the start of its line to the first letter of the story. */
  readonly span: Span;
  /** The place the report was filed from, as written ("QUETTA", "Quetta"); the first of several. */
  readonly place: Span;
  /**
   * Filed from several places at once ("KALAT/MASTUNG: ... in two separate attacks"): a lead that names no
   * place of its own may have happened in any of them, so none is its place.
   */
  readonly several: boolean;
}

// A place in capitals ("QUETTA", "DERA ISMAIL KHAN", "D.I. KHAN"), then optional parts after commas (a country or
// province, a day such as "Feb 1" or "February 1, 2026"), an optional agency in brackets, and a dash.
const WIRE =
  /^[ \t]*([A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3})((?: ?\/ ?[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3}){0,3})((?:, ?[A-Z][A-Za-z.'’-]*(?: [A-Za-z][A-Za-z.'’-]*){0,3}){0,2}(?:, ?(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} [A-Z][a-z]{2,8})(?:,? \d{4})?)?)[ \t]*(?:\([^()\n]{2,40}\)[ \t]*)?(?:[-–—]{1,2}|:)[ \t]+(?=\S)/;
// Pakistani and Indian papers: "QUETTA: Five soldiers ...", and a report filed from two places, "QUETTA/TURBAT: ..."
const COLON =
  /^[ \t]*([A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3})((?: ?\/ ?[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3}){0,3}):[ \t]+(?=[A-Z0-9"“'])/;

/** How far into a report its dateline can stand: after a headline and a few bullet points, never deep in the body. */
const DATELINE_LINES = 6;
const DATELINE_CHARS = 1500;

/**
 * The dateline a report opens with, or null: at the start of one of its first lines (after the headline and any
 * bullets). It says where and when the report was filed, not where or when the incident happened: a Quetta
 * dateline heads reports of attacks across the province, and its day is the day of filing. The city must be in
 * capitals, as wire style writes it, so that an ordinary opening sentence is never taken for one.
 */
export function findDateline(text: string): Dateline | null {
  let lineStart = 0;
  for (let line = 0; line < DATELINE_LINES && lineStart < Math.min(text.length, DATELINE_CHARS);) {
    const next = text.indexOf('\n', lineStart);
    const lineEnd = next < 0 ? text.length : next;
    if (text.slice(lineStart, lineEnd).trim() !== '') {
      const found = datelineAt(text.slice(lineStart, lineEnd));
      if (found) {
        const shift = (span: Span): Span => [span[0] + lineStart, span[1] + lineStart];
        return { ...found, span: shift(found.span), place: shift(found.place) };
      }
      line += 1;
    }
    if (next < 0) break;
    lineStart = next + 1;
  }
  return null;
}

/** The dateline at the start of one line, with spans into that line. */
function datelineAt(text: string): Dateline | null {
  // "QUETTA: ..." is the colon form; the wire form also ends in a colon after a day or an agency
  for (const [ruleId, pattern] of [
    ['dateline.colon', COLON],
    ['dateline.wire', WIRE],
  ] as const) {
    const m = pattern.exec(text);
    if (!m?.[1]) continue;
    // a capitalised word of one or two letters ("A", "AN") opens a headline or a sentence, not a dateline
    if (m[1].replace(/[^A-Z]/g, '').length < 3) continue;
    const start = m.index + m[0].indexOf(m[1]);
    return {
      ruleId,
      span: [0, m[0].length],
      place: [start, start + m[1].length],
      several: (m[2] ?? '').includes('/'),
    };
  }
  return null;
}

/** The text with the dateline blanked out (same length, so every span still points into the original). */
export function withoutDateline(text: string, dateline: Dateline | null): string {
  if (!dateline) return text;
  const [start, end] = dateline.span;
  return text.slice(0, start) + ' '.repeat(end - start) + text.slice(end);
}
