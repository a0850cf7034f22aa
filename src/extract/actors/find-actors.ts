import type { ActorMention, Sentence } from '../types.js';
import type { ActorEntry, ActorTable, ContextualTerm } from '../../lexicon/actor-table.js';
import { compilePhrases, matchAt } from '../match/phrase-matcher.js';
import { wordTokens } from '../match/word-tokens.js';
import type { PhraseEntry, PhraseMatcher, Token } from '../match/phrase-matcher.js';

type Via = 'alias' | 'acronym' | 'framed-alias' | 'contextual' | 'blocked';

interface Surface {
  readonly via: Via;
  readonly actor: ActorEntry | null;
  readonly term: ContextualTerm | null;
  readonly framed: boolean;
}

interface CompiledActors {
  readonly main: PhraseMatcher;
  readonly surfaces: readonly Surface[];
  readonly heads: PhraseMatcher;
  readonly headFramed: readonly boolean[];
  readonly links: PhraseMatcher;
  /** lower-cased context word → context index. */
  readonly contextWords: ReadonlyMap<string, number>;
}

const cache = new WeakMap<ActorTable, CompiledActors>();

function compile(table: ActorTable): CompiledActors {
  const surfaces: Surface[] = [];
  const entries: PhraseEntry[] = [];
  const add = (phrase: string, s: Surface, caseSensitive: boolean): void => {
    entries.push({ phrase, key: surfaces.length, caseSensitive, rank: s.via === 'acronym' ? 1 : 0 });
    surfaces.push(s);
  };
  for (const actor of table.actors) {
    for (const p of actor.aliases) add(p, { via: 'alias', actor, term: null, framed: false }, false);
    for (const p of actor.acronyms) add(p, { via: 'acronym', actor, term: null, framed: false }, true);
    for (const p of actor.framedAliases)
      add(p, { via: 'framed-alias', actor, term: null, framed: true }, false);
  }
  for (const term of table.contextualTerms) {
    for (const p of term.phrases)
      add(p, { via: 'contextual', actor: null, term, framed: term.framed }, false);
  }
  for (const p of table.blocked) add(p, { via: 'blocked', actor: null, term: null, framed: false }, false);
  const headFramed: boolean[] = [];
  const headEntries: PhraseEntry[] = [];
  for (const h of table.headNouns) {
    for (const p of h.phrases) {
      headEntries.push({ phrase: p, key: headFramed.length });
      headFramed.push(h.framed);
    }
  }
  const contextWords = new Map<string, number>();
  table.contexts.forEach((c, i) => c.words.forEach((w) => contextWords.set(w.toLowerCase(), i)));
  return {
    main: compilePhrases(entries),
    surfaces,
    heads: compilePhrases(headEntries),
    headFramed,
    links: compilePhrases(table.memberLinks.map((phrase, key) => ({ phrase, key }))),
    contextWords,
  };
}

function compiled(table: ActorTable): CompiledActors {
  let c = cache.get(table);
  if (!c) {
    c = compile(table);
    cache.set(table, c);
  }
  return c;
}

interface Draft {
  start: number;
  end: number;
  tokenEnd: number;
  surface: Surface;
  actor: ActorEntry | null;
  framed: boolean;
  ruleId: string;
}

const SPACE_GAP = /^\s{1,3}$/;
const POSSESSIVE_GAP = /^['\u2019]$/;
const OPEN_PAREN_GAP = /^\s*[([]\s*$/;
const CLOSE_PAREN = /^\s*[)\]]/;

function isNamed(a: ActorEntry | null): boolean {
  return a !== null && a.claimantKind === 'armed_group' && !a.generic;
}

/** Token index after an optional possessive "'s" that directly follows token k-1. */
function skipPossessive(text: string, tokens: readonly Token[], k: number): number {
  const prev = tokens[k - 1];
  const tok = tokens[k];
  if (prev && tok && tok.lower === 's' && POSSESSIVE_GAP.test(text.slice(prev.end, tok.start))) return k + 1;
  return k;
}

function gapIs(text: string, tokens: readonly Token[], k: number, re: RegExp): boolean {
  const prev = tokens[k - 1];
  const tok = tokens[k];
  return (
    prev !== undefined &&
    tok !== undefined &&
    tok.start - prev.end <= 8 &&
    re.test(text.slice(prev.end, tok.start))
  );
}

/** "Baloch Liberation Army (BLA)" and "BLA (Baloch Liberation Army)": the bracketed name is absorbed. */
function absorbBracketed(c: CompiledActors, text: string, tokens: readonly Token[], d: Draft): void {
  if (!d.actor || !gapIs(text, tokens, d.tokenEnd, OPEN_PAREN_GAP)) return;
  const inner = matchAt(c.main, tokens, d.tokenEnd);
  if (!inner || c.surfaces[inner.key]?.actor?.id !== d.actor.id) return;
  const close = CLOSE_PAREN.exec(text.slice(inner.end, inner.end + 4));
  if (!close) return;
  d.end = inner.end + close[0].length;
  d.tokenEnd = inner.tokenEnd;
}

/** "BLA militants", "the BLA's fighters", "FC personnel": one mention of the named actor. */
function absorbHead(c: CompiledActors, text: string, tokens: readonly Token[], d: Draft): void {
  if (!d.actor || d.actor.generic) return;
  const k = skipPossessive(text, tokens, d.tokenEnd);
  if (!gapIs(text, tokens, k, SPACE_GAP)) return;
  const head = matchAt(c.heads, tokens, k);
  if (!head) return;
  d.end = head.end;
  d.tokenEnd = head.tokenEnd;
  d.framed = d.framed || (c.headFramed[head.key] ?? false);
}

/** "militants of the BLF", "terrorists of Fitna al-Hindustan": the generic noun names the group. */
function absorbMemberLink(c: CompiledActors, text: string, tokens: readonly Token[], d: Draft): void {
  const own = d.actor;
  if (own && !own.generic && own.claimantKind !== 'other') return;
  if (!gapIs(text, tokens, d.tokenEnd, SPACE_GAP)) return;
  const link = matchAt(c.links, tokens, d.tokenEnd);
  if (!link || !gapIs(text, tokens, link.tokenEnd, SPACE_GAP)) return;
  const group = matchAt(c.main, tokens, link.tokenEnd);
  const surface = group ? c.surfaces[group.key] : undefined;
  const actor = surface?.actor;
  if (!group || !surface || !actor || actor.claimantKind !== 'armed_group' || actor.id === own?.id) return;
  d.end = group.end;
  d.tokenEnd = group.tokenEnd;
  d.actor = actor;
  d.framed = d.framed || surface.framed;
  d.ruleId = 'actors/member-link';
}

function yields(d: Draft): boolean {
  return d.surface.via === 'contextual' || d.framed || (d.actor?.generic ?? false);
}

/**
 * Actors named in one sentence, leftmost-longest. Framing words resolve to a neutral actor and are
 * flagged `framed`. An ambiguous or generic term ("terrorists", "freedom fighters", "Baloch
 * militants") resolves to the one named group of the sentence when there is exactly one; otherwise
 * a contextual term resolves to its context's actor when a context word is present ("Balochistan" →
 * Baloch separatists), else to its default (the unidentified armed group).
 */
export function findActors(sentence: Sentence, table: ActorTable): readonly ActorMention[] {
  const c = compiled(table);
  const text = sentence.text;
  const tokens = wordTokens(text);
  const drafts: Draft[] = [];
  let i = 0;
  while (i < tokens.length) {
    const m = matchAt(c.main, tokens, i);
    const surface = m ? c.surfaces[m.key] : undefined;
    if (!m || !surface) {
      i += 1;
      continue;
    }
    if (surface.via === 'blocked') {
      i = m.tokenEnd;
      continue;
    }
    const ruleId = surface.term ? `actors/contextual/${surface.term.id}` : `actors/${surface.via}`;
    const d: Draft = {
      start: m.start,
      end: m.end,
      tokenEnd: m.tokenEnd,
      surface,
      actor: surface.actor,
      framed: surface.framed,
      ruleId,
    };
    absorbBracketed(c, text, tokens, d);
    absorbMemberLink(c, text, tokens, d);
    absorbBracketed(c, text, tokens, d);
    absorbHead(c, text, tokens, d);
    drafts.push(d);
    i = d.tokenEnd;
  }
  if (drafts.length === 0) return [];

  const namedIds = new Set(drafts.filter((d) => isNamed(d.actor)).map((d) => d.actor?.id));
  const named = namedIds.size === 1 ? drafts.find((d) => isNamed(d.actor))?.actor : undefined;
  let context: number | undefined;
  for (const t of tokens) {
    context = c.contextWords.get(t.lower);
    if (context !== undefined) break;
  }

  const out: ActorMention[] = [];
  for (const d of drafts) {
    let actor = d.actor;
    let ruleId = d.ruleId;
    if (named && yields(d) && !isNamed(actor)) {
      actor = named;
      ruleId = 'actors/named-in-sentence';
    } else if (!actor && d.surface.term) {
      const term = d.surface.term;
      const ctx = context === undefined ? undefined : table.contexts[context];
      const ctxId = ctx && term.contextIds.includes(ctx.id) ? ctx.actorId : null;
      actor = table.byId.get(ctxId ?? term.defaultActorId) ?? null;
      if (ctxId && ctx) ruleId = `actors/context/${ctx.id}`;
    }
    if (!actor) continue;
    const parent = actor.type === null && actor.parent !== null ? table.byId.get(actor.parent) : undefined;
    out.push({
      span: [sentence.start + d.start, sentence.start + d.end],
      text: text.slice(d.start, d.end),
      ruleId,
      actorId: actor.id,
      name: actor.name,
      type: actor.type,
      claimantKind: actor.claimantKind,
      framed: d.framed,
      namesNoGroup: actor.namesNoGroup,
      ...(parent?.type ? { speaksFor: { actorId: parent.id, name: parent.name, type: parent.type } } : {}),
    });
  }
  return out;
}
