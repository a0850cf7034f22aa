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
