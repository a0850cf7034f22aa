import { describe, expect, it } from 'vitest';
import { inferPlaceContext } from '../../../src/extract/places/find-places.js';
import { gazetteer } from './places-fixture.js';

describe('inferPlaceContext', () => {
  it.each([
    [
      'Rebels struck Turbat and Panjgur. Later, Quetta and Kalat saw clashes. Peshawar was calm.',
      'PK',
      'Balochistan',
    ],
    [
      'Police in Peshawar and Bannu raised alerts; Mir Ali and Wana were sealed. Quetta was calm.',
      'PK',
      'Khyber Pakhtunkhwa',
    ],
    ['Officials in Karachi and Hyderabad met; Sukkur traders closed shops.', 'PK', 'Sindh'],
    ['Talks in Kabul and Kandahar went on while Pakistan watched.', 'AF', null],
  ])('%s', (text, country, admin1) => {
    const context = inferPlaceContext(text, gazetteer());
    expect(context.country).toBe(country);
    if (admin1) expect(context.admin1).toBe(admin1);
  });

  it('ignores names that need a cue and names inside longer names', () => {
    // "Tank" alone needs a cue; "Pakistan Army" is an organisation; only Quetta counts.
    expect(inferPlaceContext('Tank crews and the Pakistan Army met in Quetta.', gazetteer())).toEqual({
      country: 'PK',
      admin1: 'Balochistan',
    });
  });

  it('returns nulls when nothing is known', () => {
    expect(inferPlaceContext('', gazetteer())).toEqual({ country: null, admin1: null });
    expect(inferPlaceContext('nothing here at all', gazetteer())).toEqual({ country: null, admin1: null });
  });
});
