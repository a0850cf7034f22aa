import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../src/extract/extract-document.js';
import { projectKnowledge } from '../../helpers/knowledge.js';

const knowledge = projectKnowledge();

const incidents = (text: string) =>
  extractDocument({ id: 'doc_test', text, published: '2025-04-10' }, knowledge).mentions.map((m) => [
    m.location?.name,
    m.claims.map((c) => `${c.metric} ${c.category} ${c.best}`),
  ]);

describe('splitClauses: a lead that joins incidents', () => {
  it('cuts off a clause told by its dead and its place, with no cue word, as an incident of its own', () => {
    expect(
      incidents(
        'A further operation near Mir Ali left three more insurgents dead, while a separate gunfight in Tank ended with one insurgent killed.',
      ),
    ).toEqual([
      ['Mir Ali', ['killed militants 3']],
      ['Tank', ['killed militants 1']],
    ]);
  });

  it('keeps one incident whole when only one clause tells of one', () => {
    expect(
      incidents('Gunmen shot dead two shopkeepers in Turbat, and police later sealed the bazaar in Turbat.'),
    ).toEqual([['Turbat', ['killed civilians 2']]]);
  });
});

describe('splitClauses: the members of a list told one by one', () => {
  const counted = 'Five labourers were killed in two roadside bomb blasts in the Kohlu district on Tuesday.';

  it('makes each member an incident with its own toll, where and when the list put them', () => {
    expect(
      incidents(
        `${counted} In the first blast, two labourers were killed, while in the second explosion, three farmers were killed.`,
      ),
    ).toEqual([
      ['Kohlu', ['killed civilians 2']],
      ['Kohlu', ['killed civilians 3']],
    ]);
  });

  it('puts them where a sentence between says both happened', () => {
    expect(
      incidents(
        `${counted} Police said both blasts took place in the Kahan area. In the first blast, two labourers were killed, while in the second explosion, three farmers were killed.`,
      ),
    ).toEqual([
      ['Kahan', ['killed civilians 2']],
      ['Kahan', ['killed civilians 3']],
    ]);
  });

  it('keeps the sentence whole when a member gives no figure of its own', () => {
    expect(
      incidents(
        `${counted} The first blast went off near a water tank, while in the second explosion, five labourers were killed.`,
      ),
    ).toHaveLength(1);
  });
});
