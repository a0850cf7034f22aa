import type { EventLexicon, TargetRule } from '../../lexicon/event-lexicon.js';
import { compilePhrases, matchAll } from '../match/phrase-matcher.js';
import { wordTokens } from '../match/word-tokens.js';
import type { PhraseEntry, PhraseMatcher, Token } from '../match/phrase-matcher.js';
import type { Sentence, TargetMention } from '../types.js';

interface CompiledTargets {
  readonly matcher: PhraseMatcher;
  readonly rules: readonly TargetRule[];
  readonly subjectVerbs: ReadonlySet<string>;
}

const SPACE_ONLY = /^\s{1,3}$/;
const AUXILIARIES: ReadonlySet<string> = new Set(['has', 'have', 'had', 'also', 'then', 'later']);

const cache = new WeakMap<EventLexicon, CompiledTargets>();

function compiled(lexicon: EventLexicon): CompiledTargets {
  let c = cache.get(lexicon);
  if (!c) {
    const entries: PhraseEntry[] = [];
    lexicon.targets.forEach((rule, key) => {
      const rank = rule.target === null ? 1 : 0;
      for (const phrase of rule.phrases)
        entries.push({ phrase, key, rank, caseSensitive: rule.caseSensitive });
    });
    c = {
      matcher: compilePhrases(entries),
      rules: lexicon.targets,
      subjectVerbs: new Set(lexicon.subjectVerbs.map((v) => v.toLowerCase())),
    };
    cache.set(lexicon, c);
  }
  return c;
}

/** The words after a target are a verb of its own action: it is the attacker here. */
function isSubject(text: string, tokens: readonly Token[], k: number, verbs: ReadonlySet<string>): boolean {
  const spaced = (i: number): boolean => {
    const a = tokens[i - 1];
    const b = tokens[i];
    return a !== undefined && b !== undefined && SPACE_ONLY.test(text.slice(a.end, b.start));
  };
  let i = k;
  if (AUXILIARIES.has(tokens[i]?.lower ?? '') && spaced(i)) i += 1;
  return verbs.has(tokens[i]?.lower ?? '') && spaced(i);
}

/**
 * What the sentence says was attacked, in order of appearance: "a military convoy" is security
 * forces, "a gas pipeline" infrastructure. Militants are a target only after a verb of attack
 * ("killed five militants"), so that militants as attackers are not read as their own target.
 */
export function findTargets(sentence: Sentence, lexicon: EventLexicon): readonly TargetMention[] {
  const c = compiled(lexicon);
  const text = sentence.text;
  const out: TargetMention[] = [];
  const tokens = wordTokens(text);
  for (const m of matchAll(c.matcher, tokens)) {
    const rule = c.rules[m.key];
    if (!rule || rule.target === null || isSubject(text, tokens, m.tokenEnd, c.subjectVerbs)) continue;
    out.push({
      span: [sentence.start + m.start, sentence.start + m.end],
      text: text.slice(m.start, m.end),
      ruleId: `targets/${rule.id}`,
      target: rule.target,
    });
  }
  return out;
}
