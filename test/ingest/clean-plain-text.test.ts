import { describe, expect, it } from 'vitest';
import { cleanPlainText, cleanPlainTextDetailed } from '../../src/ingest/clean-plain-text.js';

const STORY =
  'Gunmen attacked a levies post near Mand on Sunday night, killing one guard and wounding two, officials said.';

function removedBy(line: string): string | null {
  const result = cleanPlainTextDetailed(`${STORY}\n${line}\n${STORY}`);
  return result.removed[0]?.ruleId ?? null;
}

describe('cleanPlainText line rules', () => {
  it.each([
    ['Our website uses cookies to enhance your experience. Learn More', 'boilerplate.cookie-notice'],
    ['We use cookies to personalise content. Accept cookies to continue.', 'boilerplate.cookie-notice'],
    ['buttons=(Accept !) days=(20)', 'boilerplate.consent-button-markup'],
    ['Accept !', 'boilerplate.consent-button'],
    ['Got it', 'boilerplate.consent-button'],
    ['Comments', 'boilerplate.comments'],
    ['Comments are closed.', 'boilerplate.comments'],
    ['Leave a comment', 'boilerplate.comments'],
    ['12 Comments', 'boilerplate.comments'],
    ['Donate Here', 'boilerplate.donate-button'],
    ['Support us', 'boilerplate.donate-button'],
    ['Support The Valley Courier', 'boilerplate.support-outlet'],
    ['Northern Bank AC # 1234 5678901', 'boilerplate.bank-account'],
    ['Account for international payments: GB29 NWBK 6016 1331 9268 19', 'boilerplate.bank-account'],
    ['GB29 NWBK 6016 1331 9268 19', 'boilerplate.iban'],
    ['Vipps: #123456', 'boilerplate.payment-handle'],
    ['PayPal: editor@example.org', 'boilerplate.payment-handle'],
    [
      'Independent reporting needs readers like you. Every contribution, big or small, helps us sustain our journalism. Support us from as little as $5 a month.',
      'boilerplate.donation-appeal',
    ],
    ['Also Read: Rains lash the coast for a third day', 'boilerplate.also-read'],
    ['| Also Read: Rains lash the coast for a third day |', 'boilerplate.also-read'],
    ['Read more: Officials promise compensation', 'boilerplate.also-read'],
    ['Related: Highway closed after landslide', 'boilerplate.also-read'],
    ['Related Articles', 'boilerplate.also-read'],
    ['Share this', 'boilerplate.share'],
    ['Share this article on Facebook', 'boilerplate.share'],
    ['Facebook Twitter WhatsApp Email', 'boilerplate.share-buttons'],
    ['Subscribe to our newsletter', 'boilerplate.newsletter'],
    ['Sign up for our daily newsletter and get the headlines in your inbox', 'boilerplate.newsletter'],
    ['34', 'boilerplate.counter'],
    ['1,204 views', 'boilerplate.counter'],
    ['Our Urdu-Sindhi Website', 'boilerplate.language-edition'],
    ['Read in Urdu', 'boilerplate.language-edition'],
    ['خبروں کی ویب سائٹ', 'boilerplate.non-latin-label'],
    ['Advertisement', 'boilerplate.advertisement'],
  ])('drops %j (%s)', (line, ruleId) => {
    expect(removedBy(line)).toBe(ruleId);
  });

  it.each([
    'Related to the attack, police arrested three men on Monday, a spokesman said.',
    'Traders shut their shops to support the families and share their grief, elders said. The strike lasted two days.',
    'The group said it would continue its campaign. Officials said they would not share details of the operation.',
    'Residents were asked to support the police and to donate blood at the district hospital, which was short of supplies.',
    'Police said 34 people were detained.',
    'Comments by the minister drew criticism from the opposition.',
    'Support for the ceasefire is growing among tribal elders, a local leader said.',
    'The militants used cookies laced with sedatives to drug the guards, the report claimed.',
    'The account was confirmed by two witnesses.',
    'Share prices fell sharply in Karachi after the attack, brokers said.',
    'Accept the offer, the minister told the negotiators, or face more violence.',
  ])('keeps the article sentence %j', (line) => {
    expect(removedBy(line)).toBeNull();
    expect(cleanPlainText(`${STORY}\n${line}`)).toContain(line);
  });

  it('keeps a short non-Latin line in a document that is not mostly Latin script', () => {
    const urdu = 'کوئٹہ میں دھماکے سے پانچ افراد ہلاک ہو گئے۔ پولیس کے مطابق حملہ آور فرار ہو گئے۔';
    const text = `${urdu}\nخبروں کی ویب سائٹ\n${urdu}`;
    expect(cleanPlainText(text)).toContain('خبروں کی ویب سائٹ');
  });
});

describe('cleanPlainText normalisation', () => {
  it('normalises line ends, spaces, control characters and Unicode form', () => {
    const input =
      '  Five\u00A0killed\r\nin a blast.\u0007\u200B\r\n\r\n\r\n\r\nCafe\u0301 owner hurt.\t \u0000';
    expect(cleanPlainText(input)).toBe('Five killed\nin a blast.\n\nCafé owner hurt.');
  });

  it('removes soft hyphens set inside words for line breaking, so the words read whole', () => {
    expect(cleanPlainText('One police\u00adman was mar\u00ad\u00adtyred in Pesha\u00adwar.')).toBe(
      'One policeman was martyred in Peshawar.',
    );
  });

  it('collapses runs of blank lines left by removed lines into one', () => {
    const input = `${STORY}\n\nAccept !\n\n\nComments\n\n${STORY}\n\n\n`;
    expect(cleanPlainText(input)).toBe(`${STORY}\n\n${STORY}`);
  });

  it('keeps single line breaks between paragraphs that have no blank line', () => {
    expect(cleanPlainText(`${STORY}\n${STORY}`)).toBe(`${STORY}\n${STORY}`);
  });

  it('reports every removed line with its rule', () => {
    const result = cleanPlainTextDetailed(`${STORY}\nShare this\nDonate Here`);
    expect(result.removed).toEqual([
      { ruleId: 'boilerplate.share', line: 'Share this' },
      { ruleId: 'boilerplate.donate-button', line: 'Donate Here' },
    ]);
  });

  it('returns an empty string for empty or junk-only input', () => {
    expect(cleanPlainText('')).toBe('');
    expect(cleanPlainText('\n\n  \nAccept !\n34\n')).toBe('');
  });
});
