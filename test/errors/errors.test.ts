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
