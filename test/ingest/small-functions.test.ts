import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/ingest/detect-language.js';
import { estimateNesting, stripTags } from '../../src/ingest/html-guards.js';
import { normalizeDate } from '../../src/ingest/normalize-date.js';
import { stripMarkdown } from '../../src/ingest/strip-markdown.js';

describe('normalizeDate', () => {
  it.each([
    ['2025-05-09', '2025-05-09'],
    ['2025-05-09T23:30:00+05:00', '2025-05-09'],
    ['2025/5/9', '2025-05-09'],
    ['20250509', '2025-05-09'],
    ['9 May 2025', '2025-05-09'],
    ['Fri, 09 May 2025 10:00:00 GMT', '2025-05-09'],
    ['May 9, 2025', '2025-05-09'],
    ['Sept. 3rd, 2024', '2024-09-03'],
    ['2024-02-29', '2024-02-29'],
    ['2023-02-29', null],
    ['2025-13-01', null],
    ['Mayday 9, 2025', null],
    ['yesterday', null],
    ['', null],
    [null, null],
  ])('%j → %j', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });
});

describe('detectLanguage', () => {
  it('detects English news prose of 300 characters', () => {
    const text =
      'Security forces said on Tuesday that they had killed four militants in an overnight raid on a hideout in the ' +
      'mountains, while two soldiers were wounded in the exchange of fire. The army said weapons and explosives were ' +
      'recovered from the compound, and that a search of the surrounding villages was still under way.';
    expect(text.length).toBeGreaterThanOrEqual(300);
    expect(detectLanguage(text)).toBe('eng');
  });

  it('detects another language and gives up on short text', () => {
    const french =
      "Les forces de sécurité ont déclaré mardi avoir tué quatre militants lors d'un raid nocturne contre une cachette " +
      'dans les montagnes, tandis que deux soldats ont été blessés dans les échanges de tirs. ' +
      "Le ministère de l'Intérieur a promis une enquête et les commerces sont restés fermés toute la journée.";
    expect(detectLanguage(french)).toBe('fra');
    // a short report without "the" is not guessed at: franc reads such text as Dutch or worse
    expect(
      detectLanguage('On 10 April 2025, a roadside bomb wounded two policemen in Kharan, police said.'),
    ).toBe('und');
    expect(detectLanguage('Blast in Quetta')).toBe('und');
    expect(detectLanguage('')).toBe('und');
  });
});

describe('stripMarkdown', () => {
  it('keeps the words of headings, emphasis, links, lists and quotes', () => {
    const md =
      '## Attack *on* a **post** ##\nSee [the report](http://x.org/r) and <https://x.org>.\n1. First\n> quoted `code`';
    expect(
      stripMarkdown(md)
        .split('\n')
        .filter((l) => l !== ''),
    ).toEqual(['Attack on a post', 'See the report and https://x.org.', 'First', 'quoted code']);
  });

  it('drops images, rules, fences and reference definitions but not snake_case words', () => {
    const md = '![alt](a.png)\n---\n```\nkeep_this_name\n```\n[1]: http://x.org\nText with snake_case_word.';
    expect(
      stripMarkdown(md)
        .split('\n')
        .filter((l) => l !== ''),
    ).toEqual(['keep_this_name', 'Text with snake_case_word.']);
  });
});

describe('html guards for pathological pages', () => {
  it('estimates nesting from tags, ignoring self-closing and auto-closing ones', () => {
    expect(estimateNesting('<div><div><p>a<p>b<br><img src=x></div></div>')).toBe(2);
    expect(estimateNesting('<font>'.repeat(1000))).toBe(1000);
    expect(estimateNesting('no tags at all')).toBe(0);
  });

  it('strips tags into paragraphs, drops scripts (even unclosed) and decodes entities', () => {
    const html =
      '<div>Two &amp; three<script>var x = "<p>";</script> were hurt&#46;</div><p>Next&nbsp;day.</p><style>p{}';
    const paragraphs = stripTags(html)
      .split(/\n{2,}/)
      .map((p) => p.replace(/\s+/g, ' ').trim())
      .filter((p) => p !== '');
    expect(paragraphs).toEqual(['Two & three were hurt.', 'Next day.']);
  });
});
