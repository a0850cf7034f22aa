import { describe, expect, it } from 'vitest';
import { extractDocument } from '../../../src/extract/extract-document.js';
import { projectKnowledge } from '../../helpers/knowledge.js';

const knowledge = projectKnowledge();

const dates = (text: string, published: string) =>
  extractDocument({ id: 'doc_test', text, published }, knowledge).mentions.map((m) => [
    m.location?.name,
    `${m.date.start}..${m.date.end}`,
  ]);

describe('dateByTheNewsDays: incidents a report never dates', () => {
  const lead = 'Gunmen stormed police stations in Turbat and Panjgur, setting off hours of fighting.';

  it('fall on the days its dated incidents span, when those reach the days before publication', () => {
    const text = `${lead}\nSeparately, troops killed 20 militants in Awaran on Saturday and 12 more on Friday, the military said.`;
    // published on Sunday 16 March: Friday and Saturday are the 14th and the 15th
    expect(dates(text, '2025-03-16')).toEqual([
      ['Turbat', '2025-03-14..2025-03-15'],
      ['Panjgur', '2025-03-14..2025-03-15'],
      ['Awaran', '2025-03-14..2025-03-15'],
    ]);
  });

  it('keep the days before publication when the dated incident is days older', () => {
    const text = `${lead}\nSeparately, troops killed 20 militants in Awaran on Wednesday, the military said.`;
    expect(dates(text, '2025-03-16')).toEqual([
      ['Turbat', '2025-03-15..2025-03-16'],
      ['Panjgur', '2025-03-15..2025-03-16'],
      ['Awaran', '2025-03-12..2025-03-12'],
    ]);
  });
});
