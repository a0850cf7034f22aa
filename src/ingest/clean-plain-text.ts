import type { BoilerplateRules, LineRule } from '../lexicon/boilerplate-rules.js';
import { defaultBoilerplateRules } from '../lexicon/boilerplate-rules.js';
import { normalizeText } from './normalize-text.js';
import { latinShare } from './script-share.js';

/** One line that a boilerplate rule removed. */
export interface RemovedLine {
  readonly ruleId: string;
  readonly line: string;
}

export interface CleanedText {
  readonly text: string;
  readonly removed: readonly RemovedLine[];
}

const TOKEN_SPLIT = /[\s|,·•/]+/;
const SPACE_RUN = /[ \t]{2,}/g;
// Enough of a document to know its main script without scanning megabytes.
const SCRIPT_SAMPLE = 20_000;

interface LineContext {
  documentLatinShare: number | null;
  readonly text: string;
}

function docShare(ctx: LineContext): number {
  ctx.documentLatinShare ??= latinShare(ctx.text.slice(0, SCRIPT_SAMPLE)).share;
  return ctx.documentLatinShare;
}

function matches(rule: LineRule, line: string, lower: string, ctx: LineContext): boolean {
  if (line.length > rule.maxLength) return false;
  switch (rule.kind) {
    case 'pattern':
      return rule.regex.test(line);
    case 'vocabulary': {
      let hits = 0;
      for (const anchor of rule.anchors) if (lower.includes(anchor)) hits++;
      if (hits === 0) return false;
      for (const term of rule.terms) if (lower.includes(term) && ++hits >= rule.minHits) return true;
      return hits >= rule.minHits;
    }
    case 'token-set': {
      if (!rule.tokens.has(lower.split(TOKEN_SPLIT, 1)[0] ?? '')) return false;
      const tokens = lower.split(TOKEN_SPLIT).filter((t) => t !== '');
      return tokens.length >= rule.minTokens && tokens.every((t) => rule.tokens.has(t));
    }
    case 'non-latin-label': {
      const own = latinShare(line);
      if (own.other === 0 || 1 - own.share < rule.minShare) return false;
      return docShare(ctx) >= rule.documentLatinShare;
    }
  }
}

/** Which rule, if any, marks this (trimmed, non-empty) line as boilerplate. */
export function boilerplateRuleFor(line: string, rules: BoilerplateRules, ctx: LineContext): string | null {
  const lower = line.toLowerCase();
  for (const rule of rules.lineRules) if (matches(rule, line, lower, ctx)) return rule.id;
  return null;
}

/**
 * Normalises text and drops boilerplate lines, reporting which rule removed each one.
 * Paragraphs stay apart: runs of blank lines become one blank line.
 */
export function cleanPlainTextDetailed(
  text: string,
  rules: BoilerplateRules = defaultBoilerplateRules(),
): CleanedText {
  const normal = normalizeText(text);
  const ctx: LineContext = { documentLatinShare: null, text: normal };
  const out: string[] = [];
  const removed: RemovedLine[] = [];
  let blank = true;
  for (const raw of normal.split('\n')) {
    const line = raw.replace(SPACE_RUN, ' ').trim();
    if (line === '') {
      if (!blank) out.push('');
      blank = true;
      continue;
    }
    const ruleId = boilerplateRuleFor(line, rules, ctx);
    if (ruleId !== null) {
      removed.push({ ruleId, line });
      continue;
    }
    out.push(line);
    blank = false;
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return { text: out.join('\n'), removed };
}

/** Normalised text without cookie, donation, comment, share and cross-link lines. */
export function cleanPlainText(text: string, rules: BoilerplateRules = defaultBoilerplateRules()): string {
  return cleanPlainTextDetailed(text, rules).text;
}
