import { describe, expect, it } from 'vitest';
import { compareVersions } from '../../src/store/compare-versions.js';
import { FaultlineError } from '../../src/errors/errors.js';
import { storeError } from '../../src/store/store-error.js';

describe('compareVersions', () => {
  it('compares numeric segments as numbers', () => {
    expect(compareVersions('1.9.0', '1.10.0')).toBe(-1);
    expect(compareVersions('1.10.0', '1.9.2')).toBe(1);
    expect(compareVersions('2.0.0', '2.0.0')).toBe(0);
  });

  it('ranks a shorter version below a longer one that extends it, and compares words as text', () => {
    expect(compareVersions('1.2', '1.2.1')).toBe(-1);
    expect(compareVersions('1.2.0-beta', '1.2.0-alpha')).toBe(1);
    expect(compareVersions('', '0')).toBe(-1);
  });
});

describe('storeError', () => {
  it('wraps a driver error as FL_ERR_STORE with its first line and code', () => {
    const driver = Object.assign(new Error('duplicate key value\nDETAIL: long'), {
      code: '23505',
      constraint: 'x_pk',
    });
    const error = storeError('saveDocuments', driver);
    expect(error.code).toBe('FL_ERR_STORE');
    expect(error.message).toBe(
      'saveDocuments: the store failed (duplicate key value; constraint x_pk; 23505)',
    );
  });

  it('passes a FaultlineError through unchanged', () => {
    const original = new FaultlineError('FL_ERR_NOT_FOUND', 'document d1');
    expect(storeError('saveExtraction', original)).toBe(original);
  });
});
