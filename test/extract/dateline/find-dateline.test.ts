import { describe, expect, it } from 'vitest';
import { findDateline, withoutDateline } from '../../../src/extract/dateline/find-dateline.js';

const placeOf = (text: string): string | null => {
  const d = findDateline(text);
  return d ? text.slice(d.place[0], d.place[1]) : null;
};

describe('findDateline', () => {
  it('reads wire datelines with a country, a day and an agency', () => {
    const text = 'TURBAT, Pakistan, March 3 (Example Wire) - Gunmen on motorbikes fired at a checkpoint.';
    const d = findDateline(text)!;
    expect(d.ruleId).toBe('dateline.wire');
    expect(placeOf(text)).toBe('TURBAT');
    expect(text.slice(d.span[1])).toMatch(/^Gunmen on motorbikes/);
  });

  it('reads the other common shapes', () => {
    expect(placeOf('DERA ISMAIL KHAN, Pakistan, 4 May 2025 - A roadside bomb went off.')).toBe(
      'DERA ISMAIL KHAN',
    );
    expect(placeOf('KHUZDAR (Example Agency) — Police said two men were shot.')).toBe('KHUZDAR');
    expect(placeOf('GWADAR, Oct. 9, 2025 (Wire) – Fishermen reported gunfire.')).toBe('GWADAR');
    expect(findDateline('PANJGUR: Three labourers were abducted on Monday.')?.ruleId).toBe('dateline.colon');
  });

  it('reads a report filed from several places, and says that none of them is the place of its lead', () => {
    const text = 'KALAT/MASTUNG: Two men were shot and a shop was torched in two separate attacks on Friday.';
    const d = findDateline(text)!;
    expect(d.ruleId).toBe('dateline.colon');
    expect(d.several).toBe(true);
    expect(placeOf(text)).toBe('KALAT');
    expect(text.slice(d.span[1])).toMatch(/^Two men were shot/);
    expect(findDateline('SIBI / DERA BUGTI, Aug 2 (Wire) - A bomb went off.')?.several).toBe(true);
    expect(findDateline('KALAT: Two men were shot.')?.several).toBe(false);
  });

  it('finds one under a headline and bullets, ending in a colon after the day and agency', () => {
    const text =
      'Two soldiers martyred in Kech\n\n- Convoy hit by roadside bomb\n\nRAWALPINDI, Oct 01 (APP): Two soldiers were martyred.';
    const d = findDateline(text)!;
    expect(text.slice(d.place[0], d.place[1])).toBe('RAWALPINDI');
    expect(text.slice(d.span[1])).toBe('Two soldiers were martyred.');
    // the body is no place for one
    const deep = `${'A sentence of the story.\n'.repeat(8)}QUETTA: Police said nothing.`;
    expect(findDateline(deep)).toBeNull();
  });

  it('never takes an ordinary opening for one', () => {
    for (const text of [
      '09/14/2024: Assailants fired on a police post in Kalat.',
      'Gunmen attacked a checkpoint in Turbat - officials said two soldiers died.',
      'A bomb exploded - police said nobody was hurt.',
      'The BLA said: its fighters struck a camp.',
      'BLA fighters struck a camp on Monday.',
      '',
    ])
      expect(findDateline(text), text).toBeNull();
  });

  it('blanks the dateline out, keeping every offset', () => {
    const text = 'QUETTA: Five labourers were shot in Mastung.';
    const masked = withoutDateline(text, findDateline(text));
    expect(masked).toHaveLength(text.length);
    expect(masked.trimStart()).toBe('Five labourers were shot in Mastung.');
    expect(masked.indexOf('Mastung')).toBe(text.indexOf('Mastung'));
    expect(withoutDateline(text, null)).toBe(text);
  });
});
