import type { Category } from '../../domain/index.js';
import type { MetricCue, PersonNoun } from '../../lexicon/casualty-lexicon.js';
import { DroppableMap } from '../match/document-memory.js';
import { POSSESSIVE_RULE, readQuantity } from './quantity.js';
import { grammar, isPunct, match } from './tokens.js';
import type { Match, Tokens } from './tokens.js';

/** One counted part of a figure: "13 police personnel", "a civilian", "Sepoy Khalid", "another 41". */
export interface Element {
  readonly start: number;
  readonly end: number;
  readonly low: number;
  readonly high: number;
  readonly best: number;
  readonly approximate: boolean;
  readonly range: boolean;
  readonly category: Category;
  /** No category of its own ("others", a bare number): takes the one of the figure before it. */
  readonly inherit: boolean;
  readonly bare: boolean;
  /** A capitalised name with no title: a person only where the grammar says so. */
  readonly weak: boolean;
  readonly hasOther: boolean;
  readonly ellipsis: boolean;
  /** Counted by an article alone ("a soldier", "another"): see `Quantity.bareArticle`. */
  readonly bareArticle: boolean;
  /** "seven fatalities": the noun is itself the metric. */
  readonly metricNoun: Match<MetricCue> | null;
  /** Counted by a noun of one category ("policemen", not "people"): an aside naming others lists its members
   * ("three policemen, including their driver"), and never changes whom the figure counts. */
  readonly specific: boolean;
  readonly ruleId: string;
}

export interface Group {
  readonly elements: readonly Element[];
  readonly start: number;
  /** Token index just past the group, its appositions and parentheses. */
  readonly end: number;
}

const MAX_RUN = 5;
const MAX_SKIP = 30;
const MAX_ELEMENTS = 12;
const MAX_APPOSITION = 6;

interface Run {
  readonly end: number;
  readonly head: PersonNoun | null;
  readonly cats: readonly Category[];
  readonly hasOther: boolean;
  readonly metricNoun: Match<MetricCue> | null;
  /** Words neither lexicon knows were passed over. */
  readonly loose: boolean;
}

/** A verb or an adverb by its ending ("firing", "reportedly"). */
function endsInIngOrLy(word: string): boolean {
  return word.endsWith('ing') || word.endsWith('ly');
}

function isStop(t: Tokens, k: number): boolean {
  return grammar(t, 'stop', k) !== null;
}

/** The words after a quantity up to the head noun: "14 Pakistani soldiers", "two FC security posts" (no head). */
function readRun(t: Tokens, j: number): Run {
  let k = j;
  let head: PersonNoun | null = null;
  let headEnd = j;
  const cats: Category[] = [];
  let hasOther = false;
  let loose = false;
  for (let steps = 0; steps < MAX_RUN; steps += 1) {
    // "seven Frontier Corps (FC) personnel": an acronym in brackets inside the phrase says nothing new
    if (isPunct(t, k, '(') && t.tokens[k + 1]?.kind === 'word' && isPunct(t, k + 2, ')') && k > j) {
      k += 3;
      continue;
    }
    const tok = t.tokens[k];
    if (!tok || tok.kind !== 'word' || isStop(t, k) || t.lexicon.numbers.has(t.words[k] ?? '')) break;
    const metric = t.metricAt.get(k);
    if (metric) {
      const next = t.tokens[metric.end];
      const closes = !next || next.kind !== 'word' || isStop(t, metric.end) || t.metricAt.has(metric.end);
      if (metric.value.form === 'noun' && closes) {
        if (head && !head.generic && !head.inherit) cats.push(head.category);
        return { end: metric.end, head: null, cats, hasOther, metricNoun: metric, loose };
      }
      if (metric.value.form !== 'noun') break;
    }
    // "terrorists affiliated with ...": the noun phrase ends where whom they belong to begins
    if (head && grammar(t, 'postmodifier', k)) break;
    const hedge = grammar(t, 'hedge', k);
    if (hedge) {
      k = hedge.end;
      continue;
    }
    const noun = match(t, t.lexicon.nouns, k);
    const cat = noun ? null : match(t, t.lexicon.categoryWords, k);
    if (head && !head.generic && !head.inherit) cats.push(head.category);
    if (noun) {
      if (noun.value.inherit) hasOther = true;
      head = noun.value;
      k = noun.end;
      headEnd = k;
      continue;
    }
    // A verb, an adverb or a cue after the head ends the phrase; any other word makes a compound ("police stations").
    if (!cat && (endsInIngOrLy(t.words[k] ?? '') || grammar(t, 'gap', k) || match(t, t.lexicon.cues, k)))
      break;
    head = null;
    if (cat) {
      cats.push(cat.value.category);
      k = cat.end;
      continue;
    }
    if (t.words[k] === 'more' || t.words[k] === 'additional' || t.words[k] === 'further') hasOther = true;
    else loose = true;
    k += 1;
  }
  // written out rather than spread: this runs at every word that may start a figure
  return head
    ? { cats, hasOther, metricNoun: null, loose, end: headEnd, head }
    : { cats, hasOther, metricNoun: null, loose, end: j, head: null };
}

function ofCategory(t: Tokens, k: number): { category: Category; end: number } | null {
  if (t.words[k] !== 'of') return null;
  const m = match(t, t.lexicon.categoryWords, k + 1) ?? match(t, t.lexicon.categoryWords, k + 2);
  return m ? { category: m.value.category, end: m.end } : null;
}

function capRun(t: Tokens, k: number, max = 4): number {
  let end = k;
  while (end - k < max && t.tokens[end]?.cap && !isStop(t, end) && !t.metricAt.has(end)) end += 1;
  return end;
}

const DEFINITE: ReadonlySet<string> = new Set(['the', 'these', 'those', 'this', 'that']);

/**
 * One person, counted by a title, a pronoun or a name ("Sepoy Khalid", "he", "Khushdil Khan"). Written out
 * field by field: spreading two constant objects here was the costliest line of the casualty pass.
 */
function onePerson(start: number, end: number, category: Category, ruleId: string, weak: boolean): Element {
  return {
    low: 1,
    high: 1,
    best: 1,
    approximate: false,
    range: false,
    inherit: false,
    bare: false,
    weak,
    hasOther: false,
    ellipsis: false,
    bareArticle: false,
    metricNoun: null,
    specific: false,
    start,
    end,
    category,
    ruleId,
  };
}

// A group reads the element after each comma or "and", and the figure scan tries every word that may start one:
// the same (sentence, token, allowWeak) is read many times over. Elements are never changed once read, so the
// readings of the sentence being read are remembered (cleared when the next sentence is read).
let memoTokens: Tokens | null = null;
const memo = new DroppableMap<number, Element | null>();

/** Reads one counted element at token `i`, or null. */
export function readElement(t: Tokens, i: number, allowWeak: boolean): Element | null {
  if (memoTokens !== t) {
    memoTokens = t;
    memo.drop();
  }
  const key = allowWeak ? 2 * i + 1 : 2 * i;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const element = readElementFresh(t, i, allowWeak);
  memo.set(key, element);
  return element;
}

function readElementFresh(t: Tokens, i: number, allowWeak: boolean): Element | null {
  const tok = t.tokens[i];
  if (!tok || tok.kind === 'punct') return null;
  const ellipsis = grammar(t, 'ellipsis', i);
  if (ellipsis) {
    const q = readQuantity(t, ellipsis.end);
    if (q && q.kind === 'number') {
      const inner = readElement(t, ellipsis.end, false);
      if (inner) return { ...inner, start: i, ellipsis: true };
    }
    // "two militants were killed and another injured": one more of the figure before, the verb right after
    if (t.words[ellipsis.end - 1] === 'another' && t.metricAt.has(ellipsis.end)) {
      const one = onePerson(i, ellipsis.end, 'unknown', 'figure.another', false);
      return { ...one, inherit: true, bare: true, ellipsis: true };
    }
  }
  const title = match(t, t.lexicon.titles, i);
  if (title && t.tokens[title.end]?.cap) {
    const end = capRun(t, title.end);
    return onePerson(i, end, title.value.category, title.value.id, false);
  }
  const titled = titledNames(t, i);
  if (titled) return titled;
  const pronoun = match(t, t.lexicon.pronouns, i);
  if (pronoun) return onePerson(i, pronoun.end, 'unknown', pronoun.value.id, false);
  const q = readQuantity(t, i);
  if (q) {
    let j = q.end;
    if (t.words[j] === 'of' && q.kind !== 'article')
      j += ['the', 'these', 'those'].includes(t.words[j + 1] ?? '') ? 2 : 1;
    if (t.words[j] === 'them' || t.words[j] === 'whom') j += 1;
    const run = readRun(t, j);
    const base: Element = {
      start: i,
      end: q.end,
      low: q.low,
      high: q.high,
      best: q.best,
      approximate: q.approximate,
      range: q.range,
      category: 'unknown',
      inherit: false,
      bare: false,
      weak: false,
      hasOther: run.hasOther,
      ellipsis: false,
      bareArticle: q.bareArticle,
      specific: false,
      metricNoun: null,
      ruleId: q.ruleId,
    };
    // "the bodies", "the deaths", "a ... casualties": a definite or plural noun after an article counts nobody
    const countless =
      q.kind === 'article' &&
      run.metricNoun !== null &&
      (DEFINITE.has(t.words[q.start] ?? '') || /s$/.test(t.words[run.metricNoun.end - 1] ?? ''));
    if (countless) return null;
    // "his driver" is one person; "his death", "his men", "his way" count nobody
    if (q.ruleId === POSSESSIVE_RULE && (run.metricNoun || !run.head || run.head.plural || run.head.generic))
      return null;
    if (run.metricNoun && !(q.kind === 'article' && run.loose)) {
      const category = run.cats[0] ?? 'unknown';
      return { ...base, end: run.metricNoun.start, category, metricNoun: run.metricNoun };
    }
    if (q.nounOnly) return null;
    if (run.head) {
      const word = t.words[q.start];
      if (q.kind === 'article' && run.head.plural && !run.head.generic && word !== 'one') return null;
      if (word === 'the' && run.head.plural) return null;
      const of = run.head.generic ? ofCategory(t, run.end) : null;
      let category =
        of?.category ?? (run.head.generic ? (run.cats[0] ?? run.head.category) : run.head.category);
      let end = of?.end ?? run.end;
      // "dozens of civilians and security personnel": one quantity over two nouns.
      const coordinated = j > q.end || /of$/.test(t.words[q.end - 1] ?? '') ? readRun(t, end + 1) : null;
      if (t.words[end] === 'and' && coordinated?.head) {
        if (coordinated.head.category !== category) category = 'unknown';
        end = coordinated.end;
      }
      const specific = !run.head.generic && !run.head.inherit && category !== 'unknown';
      return { ...base, end, category, inherit: run.head.inherit && !of, specific };
    }
    const word = t.words[q.start] ?? '';
    const bareOk =
      q.kind === 'vague' || (q.kind === 'number' && !q.yearLike) || word === 'another' || word === 'one';
    if (!bareOk || j !== q.end) return null;
    return { ...base, end: q.end, category: 'unknown', inherit: true, bare: true };
  }
  if (allowWeak && tok.cap && !isStop(t, i) && !match(t, t.lexicon.nouns, i)) {
    const end = capRun(t, i);
    if (end > i) return onePerson(i, end, 'unknown', 'figure.name', true);
  }
  return null;
}

/** Nouns that name a whole force, not its members, even when written before names ("Police Inspector Ali"). */
const COLLECTIVE: ReadonlySet<string> = new Set(['police', 'levies', 'personnel']);
/** The most names one plural title is read over. */
const MAX_TITLED_NAMES = 6;

/**
 * "Constables Imran and Rashid", "Sepoys Ali, Aslam and Javed": a plural title written before names counts the
 * names. At least two names, joined by commas and "and", each a run of capitalised words.
 */
function titledNames(t: Tokens, i: number): Element | null {
  if (!t.tokens[i]?.cap) return null;
  const noun = match(t, t.lexicon.nouns, i);
  if (!noun || !noun.value.plural || noun.value.generic || noun.value.inherit) return null;
  if (COLLECTIVE.has(t.words[i] ?? '')) return null;
  let names = 0;
  let k = noun.end;
  let end = k;
  while (names < MAX_TITLED_NAMES) {
    const nameEnd = capRun(t, k);
    if (nameEnd === k) break;
    names += 1;
    end = nameEnd;
    if (isPunct(t, nameEnd, ',') && t.words[nameEnd + 1] === 'and') k = nameEnd + 2;
    else if (isPunct(t, nameEnd, ',') || t.words[nameEnd] === 'and') k = nameEnd + 1;
    else break;
  }
  if (names < 2) return null;
  const element = onePerson(i, end, noun.value.category, 'figure.titled-names', false);
  return { ...element, low: names, high: names, best: names };
}

/**
 * "Lance Naik Ahmed Khan, 28, a resident of Swabi, embraced shahadat": an age and a home, each set off by commas,
 * describe the one person before them. Returns the token after the last comma of the details, or `k` itself.
 */
function skipPersonDetails(t: Tokens, k: number): number {
  let at = k;
  for (let n = 0; n < 3 && isPunct(t, at, ','); n += 1) {
    const end = ageEnd(t, at + 1) ?? homeEnd(t, at + 1);
    if (end === null || !isPunct(t, end, ',')) break;
    at = end;
  }
  const details = at === k ? k : at + 1;
  return skipHaving(t, details) ?? details;
}

/** The longest participle clause read as an aside: "having fought gallantly" and the like are short. */
const MAX_HAVING = 5;

/**
 * "Sepoy Ali, having fought bravely, embraced shahadat": a perfect participle clause between the person and the
 * verb says how they died, not who; skipped up to its closing comma, unless it holds a casualty word of its own.
 */
function skipHaving(t: Tokens, k: number): number | null {
  const open = isPunct(t, k, ',') ? k + 1 : k;
  if (t.words[open] !== 'having') return null;
  for (let m = open + 1; m < t.tokens.length && m - open <= MAX_HAVING; m += 1) {
    if (t.metricAt.has(m)) return null;
    if (isPunct(t, m, ',')) return m + 1;
    if (t.tokens[m]?.kind !== 'word') return null;
  }
  return null;
}

/** "28", "28-year-old", "aged 28": an age, up to where it ends, or null. */
function ageEnd(t: Tokens, i: number): number | null {
  const j = t.words[i] === 'aged' ? i + 1 : i;
  const tok = t.tokens[j];
  if (!tok || tok.kind !== 'num') return null;
  const years = Number.parseInt(tok.text, 10);
  return years > 0 && years < 120 && /^\d+(?:-year-old)?$/i.test(tok.text) ? j + 1 : null;
}

/** "a resident of Swabi", "resident of North Waziristan", "a native of Kohat": a home, up to where it ends. */
function homeEnd(t: Tokens, i: number): number | null {
  const j = t.words[i] === 'a' ? i + 1 : i;
  if (!['resident', 'native'].includes(t.words[j] ?? '') || t.words[j + 1] !== 'of') return null;
  const end = capRun(t, j + 2);
  return end > j + 2 ? end : null;
}

/** A claim cue whose claimant stands to its left ("said", "told Dawn") begins at token `k`. */
function speaks(t: Tokens, k: number): boolean {
  return match(t, t.lexicon.cues, k)?.value.claimant === 'left';
}

function skipParenthesis(t: Tokens, k: number): number {
  if (!isPunct(t, k, '(')) return k;
  for (let m = k + 1; m < t.tokens.length && m - k < MAX_SKIP; m += 1) if (isPunct(t, m, ')')) return m + 1;
  return k;
}

/** Lower-case words that join the parts of a name ("Fitna al Khawarij", "Jaish ul Adl"). */
const NAME_JOINTS: ReadonlySet<string> = new Set(['al', 'ul', 'ud', 'ur', 'e', 'i', 'bin', 'ibn']);

/** The token a metric starts at right after a capitalised name at k (with its auxiliaries: "were", "had been"),
 * or null. */
function verbAfterName(t: Tokens, k: number): number | null {
  let end = capRun(t, k);
  if (end === k) return null;
  // "Fitna al Khawarij", "Lashkar-e-Jhangvi": a short lower-case joint between capitalised words
  while (NAME_JOINTS.has(t.words[end] ?? '') && t.tokens[end + 1]?.cap) end = capRun(t, end + 1);
  let m = end;
  for (
    let n = 0;
    n < 3 && !t.metricAt.has(m) && (grammar(t, 'passive-aux', m) || grammar(t, 'gap', m));
    n += 1
  )
    m += 1;
  return t.metricAt.has(m) ? end : null;
}

/** Words that open the next person of an aside's list after "and": "and their driver", "and a constable". */
const LIST_DETERMINERS: ReadonlySet<string> = new Set(['the', 'a', 'an', 'his', 'their']);

/** Whether the token at k opens another person of a list (a title or a noun of people, with no number before
 * it; or "and" before one): not the verb, a new figure ("and two civilians") or a join ("along with"). */
function listGoesOn(t: Tokens, k: number): boolean {
  let m = k;
  if (t.words[m] === 'and') m += 1;
  if (LIST_DETERMINERS.has(t.words[m] ?? '')) return m > k;
  const person = match(t, t.lexicon.titles, m) ?? match(t, t.lexicon.nouns, m);
  // ", police said": the teller of the figure, not one more of the list
  return person !== null && !speaks(t, person.end);
}

/** Past "of police", "of the Levies" after a person's noun ("an inspector of police and two constables"): the force
 * the person serves in, part of the noun, so that the next person joined to it is read. */
function skipForceOf(t: Tokens, k: number): number {
  if (t.words[k] !== 'of') return k;
  const at = t.words[k + 1] === 'the' ? k + 2 : k + 1;
  const force = match(t, t.lexicon.nouns, at);
  return force && !force.value.generic && force.value.category !== 'civilians' ? force.end : k;
}

/** Skips "…, including X and Y," or "…, who …,"; returns the end and the categories named inside. */
function skipAside(t: Tokens, k: number): { end: number; cats: Category[] } | null {
  if (!isPunct(t, k, ',-–—')) return null;
  const opener = grammar(t, 'apposition', k + 1) ?? grammar(t, 'relative', k + 1);
  if (!opener) return null;
  const cats: Category[] = [];
  for (let m = opener.end; m < t.tokens.length && m - k < MAX_SKIP; m += 1) {
    // "including a superintendent of police (SP),": a bracket inside the aside does not end it
    if (isPunct(t, m, '(')) {
      const close = skipParenthesis(t, m);
      if (close > m) {
        m = close - 1;
        continue;
      }
    }
    if (isPunct(t, m, ',')) {
      // "including four commanders of the proxy, Fitna al Khawarij were killed": the name set off by the comma
      // restates the aside's last noun, and the comma that would close it is missing; the aside runs to the verb
      const verb = verbAfterName(t, m + 1);
      if (verb !== null) return { end: verb, cats };
    }
    // "including Havaldar Gul Zaman, constables Asif and Nadir, and their driver, along with ...": a comma
    // before the next person of the list goes on with the aside
    if (isPunct(t, m, ',') && listGoesOn(t, m + 1)) continue;
    if (isPunct(t, m, ',;)–—') || (isPunct(t, m, '-') && m > opener.end))
      return { end: m + (isPunct(t, m, ';') ? 0 : 1), cats };
    if (t.metricAt.has(m)) return { end: m, cats };
    const noun = match(t, t.lexicon.nouns, m) ?? match(t, t.lexicon.titles, m);
    if (noun && !('inherit' in noun.value && noun.value.inherit)) cats.push(noun.value.category);
  }
  return null;
}

function total(elements: readonly Element[]): number {
  return elements.reduce((sum, e) => sum + e.low, 0);
}

/** Reads an enumeration of elements at `i` with its asides: "Four soldiers and four assailants". */
export function readGroup(t: Tokens, i: number, allowWeak = true, nested = false): Group | null {
  const first = readElement(t, i, allowWeak);
  if (!first) return null;
  const elements: Element[] = [];
  let current: Element | null = first;
  let k = first.end;
  while (current) {
    k = skipParenthesis(t, skipForceOf(t, current.end));
    if (current.low === 1 && !current.bare) k = skipPersonDetails(t, k);
    if (isPunct(t, k, ',') && !current.bare && current.low === 1 && t.tokens[k + 1]?.cap) {
      // "One official, Khushdil Khan, was killed": a name set off by commas restates the person.
      const nameEnd = capRun(t, k + 1);
      if (isPunct(t, nameEnd, ',')) k = nameEnd + 1;
    }
    if (isPunct(t, k, ',') && !current.bare && current.low === 1) {
      // "Abdul Qadir, an Ahmadi doctor, was killed": a singular description restates the person.
      const same = readElement(t, k + 1, false);
      const closes = same && isPunct(t, same.end, ',') && t.words[same.end + 1] !== 'and';
      if (same && closes && same.low === 1 && same.bareArticle && !readElement(t, same.end + 1, false)) {
        if (current.category === 'unknown') current = { ...current, category: same.category, weak: false };
        k = same.end + 1;
      }
    }
    const aside = skipAside(t, k);
    if (aside) {
      const mixed = aside.cats.some((c) => c !== current?.category && c !== 'unknown');
      if (mixed && !current.bare && !current.specific) current = { ...current, category: 'unknown' };
      k = aside.end;
    } else if (!nested && isPunct(t, k, ',') && !current.bare && !current.approximate && current.low > 1) {
      // "Two people, a police officer and a tribal leader, were injured": the list restates the figure.
      const list = readGroup(t, k + 1, false, true);
      if (list && total(list.elements) === current.low && isPunct(t, list.end, ',')) {
        const head = current.category;
        elements.push(...list.elements.map((e) => (e.category === 'unknown' ? { ...e, category: head } : e)));
        current = null;
        k = list.end + 1;
        break;
      }
    }
    elements.push(current);
    let next = k;
    if (isPunct(t, next, ',')) next += 1;
    next = grammar(t, 'join', next)?.end ?? next;
    if (next === k || elements.length >= (nested ? MAX_APPOSITION : MAX_ELEMENTS)) break;
    const element = readElement(t, next, false);
    if (!element || element.metricNoun || element.bare) break;
    // "injuring four soldiers, a security official said": the one a speech verb follows gives the figure
    if (next > k && speaks(t, element.end)) break;
    current = element;
  }
  if (first.weak && !(elements[1]?.hasOther ?? elements.length === 1)) return null;
  return { elements, start: i, end: k };
}
