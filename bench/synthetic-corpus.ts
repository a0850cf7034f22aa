import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One generated article: a page or plain text about ~5 KB, with the publication date it claims. */
export interface SyntheticArticle {
  readonly name: string;
  readonly format: 'html' | 'text';
  readonly content: string;
  /** ISO date (YYYY-MM-DD). */
  readonly published: string;
}

type Rng = () => number;
type Stance = 'neutral' | 'state' | 'insurgent';

// mulberry32: tiny, fast and good enough to vary templates; determinism matters more than quality here.
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

// Lists are '|'-separated in template literals so they stay compact and formatter-proof.
const list = (text: string): readonly string[] =>
  text
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const triples = (text: string): readonly (readonly [string, string, string])[] =>
  list(text).map((t) => {
    const [a = '', b = '', c = ''] = t.split('/');
    return [a, b, c] as const;
  });

// town/district/province; spelling variants are deliberate, so the gazetteer sees them.
const PLACES = triples(`Turbat/Kech/Balochistan | Tump/Kech/Balochistan | Dashtuk/Kech/Balochistan |
  Zamuran/Kech/Balochistan | Panjgur/Panjgur/Balochistan | Khuzdar/Khuzdar/Balochistan | Zehri/Khuzdar/Balochistan |
  Sibi/Sibi/Balochistan | Sibbi/Sibi/Balochistan | Sui/Dera Bugti/Balochistan | Dera Bugti/Dera Bugti/Balochistan |
  Kohlu/Kohlu/Balochistan | Kahan/Kohlu/Balochistan | Quetta/Quetta/Balochistan | Gwadar/Gwadar/Balochistan |
  Pasni/Gwadar/Balochistan | Mastung/Mastung/Balochistan | Noshki/Noshki/Balochistan | Nushki/Noshki/Balochistan |
  Kalat/Kalat/Balochistan | Jhau/Awaran/Balochistan | Mach/Kachhi/Balochistan | Dhadar/Bolan/Balochistan |
  Bannu/Bannu/Khyber Pakhtunkhwa | Mir Ali/North Waziristan/Khyber Pakhtunkhwa |
  Miranshah/North Waziristan/Khyber Pakhtunkhwa | Dera Ismail Khan/Dera Ismail Khan/Khyber Pakhtunkhwa |
  Khar/Bajaur/Khyber Pakhtunkhwa | Lakki Marwat/Lakki Marwat/Khyber Pakhtunkhwa | Tank/Tank/Khyber Pakhtunkhwa`);

// name/acronym/province it fights in
const GROUPS =
  triples(`Baloch Liberation Army/BLA/Balochistan | Balochistan Liberation Front/BLF/Balochistan |
  Baloch Republican Army/BRA/Balochistan | Baloch Raaji Aajoi Sangar/BRAS/Balochistan |
  United Baloch Army/UBA/Balochistan | Baloch Liberation Tigers/BLT/Balochistan |
  Tehreek-e-Taliban Pakistan/TTP/Khyber Pakhtunkhwa | Islamic State Pakistan Province/ISPP/Khyber Pakhtunkhwa`);
const GROUPS_BY_PROVINCE = new Map(
  ['Balochistan', 'Khyber Pakhtunkhwa'].map((p) => [p, GROUPS.filter((g) => g[2] === p)] as const),
);

const OUTLETS = triples(`Indus Wire Service/neutral/ | Makran Herald/neutral/ | Frontier Ledger/neutral/ |
  Kalat Courier/neutral/ | The National Sentinel/state/ | Daily Crescent Post/state/ | Sarzameen Review/insurgent/ |
  Baloch Horizon Online/insurgent/`).map(([name, stance]) => [name, stance as Stance] as const);

const ATTACKERS: Readonly<Record<Stance, readonly string[]>> = {
  neutral: list('militants | gunmen | separatist fighters | armed men | insurgents'),
  state: list('terrorists | Indian-sponsored terrorists | terrorists of Fitna al-Hindustan | khawarij'),
  insurgent: list('freedom fighters | Sarmachars | fighters of the national resistance'),
};
const TROOPS: Readonly<Record<Stance, readonly string[]>> = {
  neutral: list('soldiers | Frontier Corps personnel | policemen | Levies personnel'),
  state: list('soldiers | jawans | brave policemen | FC personnel'),
  insurgent: list('occupying soldiers | personnel of the occupation army | Frontier Corps personnel'),
};

const TARGETS = list(`a Frontier Corps post | a police checkpost | a military convoy | a Levies station |
  a bomb disposal squad | a passenger coach carrying soldiers | a gas pipeline | a section of railway track |
  a mobile phone tower | a customs office | a coast guard camp | a supply truck`);
const WEAPONS =
  list(`a remote-controlled bomb | a roadside IED | automatic rifles | rocket-propelled grenades |
  a hand grenade | a suicide bomber on a motorcycle | a small quadcopter drone | mortar shells | a landmine |
  sniper fire`);
const TOLLS = list(`{n} {troops} were killed | the attack killed {n} {troops} |
  {n} {troops} lost their lives and {m} were injured | at least {n} people were killed |
  {n} civilians were killed and {m} wounded | a few {troops} were killed | dozens of {troops} were killed or wounded |
  there were no casualties | no one was hurt | the attackers abducted {n} people | {m} passers-by were wounded`);
const CLAIMANTS = list(`police said | the military's media wing said | a hospital official said |
  the deputy commissioner said | residents said | the chief minister told reporters |
  officials said on condition of anonymity | the provincial home department said`);
const GROUP_CLAIMANTS = list('the {acr} claimed in a statement | a spokesman for the {group} said');
const COUNTERS =
  list(`The {group} said its fighters had killed {k} {troops}, a figure the military rejected. |
  The {acr} claimed responsibility and put the toll at {k}; officials said it was far lower. |
  No group claimed responsibility, though officials blamed the {acr}. | The {acr} denied any role in the attack.`);
const GROUP_COUNTERS =
  list(`The military acknowledged only a few casualties and dismissed the figure as propaganda. |
  Officials confirmed the attack but said the toll given by the {acr} was exaggerated. |
  The military did not comment on the claim.`);
const ANALYSIS =
  list(`Analysts say the {acr} has grown more confident in {province} over the past two years. |
  Roads between {town} and the district headquarters have been closed at night for months. |
  Mobile internet in {district} has been suspended repeatedly since the start of the year. |
  Traders in {town} say the checkpoints have cut their business by half. |
  Security officials describe the area around {town} as one of the hardest to patrol in {province}. |
  The provincial government says development spending in {district} has doubled. |
  Rights groups say enforced disappearances in {district} feed support for armed groups. |
  A retired officer said the attacks showed the limits of a strategy built on checkpoints. |
  Residents of {town} said they had grown used to hearing gunfire after dark. |
  Schools in {district} stayed shut for a second day as parents kept their children home. |
  Transporters on the highway through {district} said convoys were now escorted in both directions. |
  The last attack of a comparable scale in {district} took place more than a year ago. |
  Officials said they would seek more funds from Islamabad to pay for security in {province}. |
  Local elders called for talks and warned that heavy-handed operations would alienate the young. |
  The {group} has been banned in Pakistan for years and its leaders are believed to live abroad. |
  Independent verification was impossible because journalists are rarely allowed into {district}.`);
const STATEMENTS =
  list(`"Those who attack our people will find no refuge anywhere," the chief minister said. |
  "The struggle will continue until the last soldier of the occupation leaves our land," the {acr} said. |
  "We appeal to both sides to spare civilians," a human rights activist in {town} said. |
  A think tank in Islamabad counted more than {big} attacks in {province} last year, the highest in a decade.`);
const JUNK = list(`We use cookies to improve your experience. Accept all or manage preferences. |
  Also Read: {town} traders demand early reopening of the border market |
  Donate to independent journalism: Account no. 0000-{id}, Example Bank |
  Share on Facebook - Share on X - Share on WhatsApp | Comments are closed. |
  Subscribe to our newsletter for the day's top stories`);
const WEEKDAYS = list('Sunday | Monday | Tuesday | Wednesday | Thursday | Friday | Saturday');
const MONTHS = list(`January | February | March | April | May | June | July | August | September | October |
  November | December`);
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2023, 0, 1) / DAY_MS;
const SPAN_DAYS = 1186; // through 2026-03-31

function fill(template: string, vars: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => vars[key] ?? whole);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A date phrase for an incident `back` days before publication, in one of several styles. */
function datePhrase(rng: Rng, published: number, back: number): string {
  const d = new Date((published - back) * DAY_MS);
  const day = d.getUTCDate();
  const month = MONTHS[d.getUTCMonth()] as string;
  const year = d.getUTCFullYear();
  const style = int(rng, 0, 6);
  if (style === 0 && back < 7) return `on ${WEEKDAYS[d.getUTCDay()]}`;
  if (style === 1 && back === 2) return 'two days ago';
  if (style === 1 && back >= 7 && back < 14) return 'last week';
  if (style === 2 && back < new Date(published * DAY_MS).getUTCDate() - 1) return 'earlier this month';
  if (style === 3) return `on ${month} ${day}`;
  if (style === 4)
    return day < 28 ? `on the night of ${month} ${day}-${day + 1}` : `on the night of ${month} ${day}`;
  if (style === 5) return `on ${month} ${day}, ${year}`;
  return `on ${day} ${month} ${year}`;
}

interface Incident {
  readonly town: string;
  readonly text: string;
}

function incidentParagraph(rng: Rng, stance: Stance, published: number): Incident {
  const [town, district, province] = pick(rng, PLACES);
  const [group, acr] = pick(rng, GROUPS_BY_PROVINCE.get(province) ?? GROUPS);
  const troops = pick(rng, TROOPS[stance]);
  const n = String(int(rng, 1, 30));
  const vars = { town, district, province, group, acr, troops, n, m: String(int(rng, 1, 20)) };
  const when = datePhrase(rng, published, int(rng, 1, 20));
  const byGroup = rng() < 0.3;
  const claimant = fill(pick(rng, byGroup ? GROUP_CLAIMANTS : CLAIMANTS), vars);
  const counter = fill(pick(rng, byGroup ? GROUP_COUNTERS : COUNTERS), {
    ...vars,
    k: String(int(rng, 5, 60)),
  });
  const text =
    `${cap(pick(rng, ATTACKERS[stance]))} attacked ${pick(rng, TARGETS)} in ${town}, ${district} district, ` +
    `${when} with ${pick(rng, WEAPONS)}. ${cap(fill(pick(rng, TOLLS), vars))}, ${claimant}. ${counter} ` +
    fill(pick(rng, ANALYSIS), vars);
  return { town, text };
}

/** Three to five distinct sentences of analysis or statement about one place: no incident in them. */
function fillerParagraph(rng: Rng): string {
  const [town, district, province] = pick(rng, PLACES);
  const [group, acr] = pick(rng, GROUPS_BY_PROVINCE.get(province) ?? GROUPS);
  const vars = { town, district, province, group, acr, big: String(int(rng, 150, 900)) };
  const chosen = new Set<string>();
  for (let want = int(rng, 3, 5), tries = 0; chosen.size < want && tries < 20; tries++)
    chosen.add(pick(rng, rng() < 0.15 ? STATEMENTS : ANALYSIS));
  return [...chosen].map((t) => fill(t, vars)).join(' ');
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function isoDay(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

function renderHtml(
  title: string,
  outlet: string,
  published: string,
  url: string,
  paras: string[],
  junk: string[],
): string {
  const body = paras.map((p, i) => {
    const box = i === 2 ? `<aside class="also-read"><p>${escapeHtml(junk[1] ?? '')}</p></aside>\n` : '';
    return `${box}<p>${escapeHtml(p)}</p>`;
  });
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)} - ${escapeHtml(outlet)}</title>`,
    `<meta property="og:site_name" content="${escapeHtml(outlet)}">`,
    `<meta property="og:url" content="${url}">`,
    `<meta property="article:published_time" content="${published}">`,
    '</head><body>',
    `<div class="cookie-banner">${escapeHtml(junk[0] ?? '')}</div>`,
    '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/opinion">Opinion</a></nav>',
    `<article><h1>${escapeHtml(title)}</h1>`,
    ...body,
    `<div class="share">${escapeHtml(junk[3] ?? '')}</div><div class="donate">${escapeHtml(junk[2] ?? '')}</div>`,
    '</article>',
    `<footer>&copy; ${escapeHtml(outlet)}. Synthetic page for benchmarks.</footer>`,
    '</body></html>',
    '',
  ].join('\n');
}

/** Options of the generator; the defaults give the benchmark's ~5 KB articles. */
export interface SyntheticOptions {
  /** Body length to stop at (characters): short articles (the crash test's) extract faster. */
  readonly bodyChars?: number;
}

function article(rng: Rng, index: number, seed: number, options: SyntheticOptions): SyntheticArticle {
  const [outlet, stance] = pick(rng, OUTLETS);
  const day = FIRST_DAY + int(rng, 0, SPAN_DAYS);
  const published = isoDay(day);
  const format = index % 2 === 0 ? 'html' : 'text';
  const name = `synthetic-${seed}-${String(index).padStart(6, '0')}`;
  const id = String(index).padStart(7, '0');
  const first = incidentParagraph(rng, stance, day);
  const town = first.town;
  const junk = JUNK.map((j) => fill(j, { town, id }));
  const paras: string[] = [first.text];
  const target = Math.min(int(rng, 4300, 5300), options.bodyChars ?? Number.POSITIVE_INFINITY);
  let size = first.text.length;
  for (let i = 0; size < target && i < 40; i++) {
    const p = rng() < 0.4 ? incidentParagraph(rng, stance, day).text : fillerParagraph(rng);
    paras.push(p);
    size += p.length + 2;
  }
  const title = `${cap(pick(rng, ATTACKERS[stance]))} strike in ${town} as violence spreads`;
  const content =
    format === 'html'
      ? renderHtml(title, outlet, published, `https://synthetic.example.org/${seed}/${index}`, paras, junk)
      : [
          title,
          '',
          `${outlet} | ${published}`,
          '',
          // An in-body "Also Read" line, as pasted pages have, so the text cleaner meets one mid-article.
          ...paras.flatMap((p, i) => (i === 2 ? [junk[1] ?? '', '', p, ''] : [p, ''])),
          ...junk,
          `Story ID ${id}`,
          '',
        ].join('\n');
  return { name, format, content, published };
}

/** Deterministic stream of `count` articles: the same seed always gives the same texts. */
export function* syntheticArticles(
  count: number,
  seed: number,
  options: SyntheticOptions = {},
): Generator<SyntheticArticle> {
  const n = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0;
  const s = Number.isFinite(seed) ? Math.trunc(seed) : 0;
  const rng = mulberry32(s);
  for (let i = 0; i < n; i++) yield article(rng, i, s, options);
}

/** Writes each article as `<name>.html` or `<name>.txt` into `dir`, one at a time, never holding the corpus. */
export async function writeSyntheticCorpus(
  dir: string,
  count: number,
  seed: number,
  options: SyntheticOptions = {},
): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const a of syntheticArticles(count, seed, options)) {
    await writeFile(join(dir, `${a.name}.${a.format === 'html' ? 'html' : 'txt'}`), a.content, 'utf8');
  }
}
