import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, FaultlineError, describeError } from '../../src/errors/errors.js';

describe('error registry', () => {
  it('documents every code in docs/errors.md, and nothing more', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| (FL_ERR_[A-Z_]+)\s+\|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('makes one line naming the subject and the reason', () => {
    const e = new FaultlineError('FL_ERR_INPUT_MISSING', 'articles/none.txt');
    expect(e.message).toBe('articles/none.txt: no such file or folder');
    expect(e.status).toBe(400);
    expect(describeError(new FaultlineError('FL_ERR_HTTP_STATUS', 'http://x/', '404'))).toBe(
      'http://x/: answered with an HTTP error (404)',
    );
    expect(e.message).not.toContain('\n');
  });
});

describe('long subjects and details', () => {
  it('cuts them with an ellipsis so that the line stays readable', () => {
    const e = new FaultlineError('FL_ERR_NOT_FOUND', `event ${'z'.repeat(3000)}`, 'd'.repeat(1000));
    expect(e.message).toBe(`event ${'z'.repeat(194)}…: was not found (${'d'.repeat(300)}…)`);
    expect(e.subject.length).toBe(3006);
  });

  it('never cuts a surrogate pair in two', () => {
    const e = new FaultlineError('FL_ERR_NOT_FOUND', `${'a'.repeat(199)}😀${'b'.repeat(10)}`);
    expect(e.message).toBe(`${'a'.repeat(199)}…: was not found`);
  });
});
