import { describe, expect, it } from 'vitest';
import { readPlainTextHeader } from '../../src/ingest/plain-text-header.js';

const BODY =
  'Unknown gunmen shot dead two road workers near Washuk on Friday evening, a district official said.';

describe('readPlainTextHeader', () => {
  it('reads a headline and an "Outlet | date" line', () => {
    const text = `Road workers shot dead near Washuk\n\nDesert Tribune | 9 March 2025\n\n${BODY}`;
    expect(readPlainTextHeader(text)).toEqual({
      title: 'Road workers shot dead near Washuk',
      publisher: 'Desert Tribune',
      published: '2025-03-09',
    });
  });

  it.each([
    ['Desert Tribune · 2025-03-09', 'Desert Tribune'],
    ['Desert Tribune - March 9, 2025', 'Desert Tribune'],
    ['The Hill-Country Post — Mar 9, 2025', 'The Hill-Country Post'],
  ])('reads the byline %s', (line, publisher) => {
    const header = readPlainTextHeader(`Road workers shot dead\n\n${line}\n\n${BODY}`);
    expect(header).toEqual({ title: 'Road workers shot dead', publisher, published: '2025-03-09' });
  });

  it("reads the outlet's name over a dateline", () => {
    const text = `Road workers shot dead near Washuk\n\nDesert Tribune\nKHARAN, March 9, 2025\n\n${BODY}`;
    expect(readPlainTextHeader(text)).toMatchObject({ publisher: 'Desert Tribune', published: '2025-03-09' });
  });

  it('takes the headline alone when the next lines are no byline', () => {
    const text = `Road workers shot dead near Washuk\n\nDESERT TRIBUNE - Local pages\n\n${BODY}`;
    expect(readPlainTextHeader(text)).toEqual({
      title: 'Road workers shot dead near Washuk',
      publisher: null,
      published: null,
    });
  });

  it('takes nothing from text that starts with a sentence, a long line or a lone paragraph', () => {
    expect(readPlainTextHeader(`${BODY}\n\nDesert Tribune | 9 March 2025`).title).toBeNull();
    expect(readPlainTextHeader(`${'Word '.repeat(60)}\n\n${BODY}`).title).toBeNull();
    expect(readPlainTextHeader('Road workers shot dead near Washuk').title).toBeNull();
    expect(readPlainTextHeader(`Washuk\n\n${BODY}`).title).toBeNull();
  });

  it('refuses an impossible date and a sentence posing as an outlet', () => {
    expect(
      readPlainTextHeader(`Road workers shot\n\nDesert Tribune | 30 February 2025\n\n${BODY}`),
    ).toMatchObject({ publisher: null, published: null });
    expect(
      readPlainTextHeader(`Road workers shot\n\nThe tribune said on Friday, | 9 March 2025\n\n${BODY}`),
    ).toMatchObject({ publisher: null });
  });
});
