import { describe, expect, it } from 'vitest';
import { jsonWithArray } from '../../src/server/json-bytes.js';

describe('jsonWithArray', () => {
  it('writes the same UTF-8 bytes as encoding the joined text, whatever the characters', () => {
    const items = [
      '{"id":"a","name":"Turbat"}',
      '{"id":"b","name":"کیچ","note":"naïve – “quoted”"}',
      '{"id":"c","emoji":"🔥","nul":"\\u0000"}',
    ];
    const bytes = jsonWithArray('{"total":3,"items":[', items, ']}');
    expect(bytes.equals(Buffer.from(`{"total":3,"items":[${items.join(',')}]}`, 'utf8'))).toBe(true);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({ total: 3, items: items.map((i) => JSON.parse(i)) });
  });

  it('writes an empty array when there are no items, and one item without a comma', () => {
    expect(jsonWithArray('[', [], ']').toString()).toBe('[]');
    expect(jsonWithArray('{"items":[', ['1'], ']}').toString()).toBe('{"items":[1]}');
  });
});
