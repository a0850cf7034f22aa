import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../src/extract/extract-document.js';
import { projectKnowledge } from '../../helpers/knowledge.js';

const knowledge = projectKnowledge();

const figures = (text: string) =>
  extractDocument({ id: 'doc_test', text, published: '2025-10-28' }, knowledge).mentions.map((m) => [
    m.location?.name,
    m.claims.map((c) => `${c.metric} ${c.best}`),
  ]);

describe('segmentIncidents: an incident taken up again', () => {
  it('is the one the sentences after it go on telling', () => {
    const text = [
      'A bomb ripped through a bus stand in Chaman on Monday, killing three people and injuring four.',
      'Separately, two soldiers were injured in a grenade attack in Kalat.',
      'Officials said the Chaman blast was caused by a device planted on a motorcycle.',
      'Two of the wounded later died, raising the toll to five.',
    ].join(' ');
    expect(figures(text)).toEqual([
      ['Chaman', ['killed 3', 'injured 4', 'killed 5']],
      ['Kalat', ['injured 2']],
    ]);
  });

  it('takes in the sentence that says where and when it took place, the night before the day reported', () => {
    const text = [
      'Unknown gunmen shot dead three shopkeepers in Washuk district on Thursday, police said.',
      'Police said the incident took place in a bazaar of Washuk, where the gunmen arrived late Wednesday night.',
    ].join(' ');
    const mentions = extractDocument({ id: 'doc_test', text, published: '2025-10-24' }, knowledge).mentions;
    expect(mentions.map((m) => [m.location?.admin2, m.date.start])).toHaveLength(1);
  });
});
