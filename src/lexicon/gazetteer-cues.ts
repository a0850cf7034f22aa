import type { CuesTable } from './gazetteer-tables.js';
import type { PlaceCues } from './gazetteer-types.js';
import { normalisePlaceName } from './gazetteer-normalise.js';

const CUE_FIELDS = {
  'cue.district': 'district',
  'cue.tehsil': 'tehsil',
  'cue.town': 'town',
  'cue.area': 'area',
  'cue.province': 'province',
  'cue.road': 'road',
  'cue.locative': 'locative',
  'cue.organisation': 'organisation',
  'cue.function': 'function',
  'cue.jurisdiction': 'jurisdiction',
  'cue.name-suffix': 'nameSuffix',
  'cue.district-modifier': 'districtModifier',
} as const;

type CueField = (typeof CUE_FIELDS)[keyof typeof CUE_FIELDS];

/** Builds the cue sets from cues.json; an unknown rule id is a data error the caller reports. */
export function buildPlaceCues(table: CuesTable): PlaceCues {
  const sets = new Map<CueField, Set<string>>();
  for (const field of Object.values(CUE_FIELDS)) sets.set(field, new Set());
  for (const rule of table.rules) {
    const field = (CUE_FIELDS as Record<string, CueField | undefined>)[rule.id];
    if (!field) throw new Error(`unknown cue rule id ${rule.id}`);
    const set = sets.get(field) as Set<string>;
    // Cue words are matched token by token, so "sub-division" is stored as its tokens' join.
    for (const word of rule.words) set.add(normalisePlaceName(word));
  }
  const get = (field: CueField): ReadonlySet<string> => sets.get(field) as Set<string>;
  const names = (list: readonly string[]): ReadonlySet<string> => new Set(list.map(normalisePlaceName));
  const breakers = ['function', 'district', 'tehsil', 'town', 'area', 'province', 'road'] as const;
  return {
    district: get('district'),
    tehsil: get('tehsil'),
    town: get('town'),
    area: get('area'),
    province: get('province'),
    road: get('road'),
    locative: get('locative'),
    organisation: get('organisation'),
    function: get('function'),
    jurisdiction: get('jurisdiction'),
    nameSuffix: get('nameSuffix'),
    districtModifier: get('districtModifier'),
    needsCue: names(table.needsCue.names),
    notPlaces: names(table.notPlaces.names),
    capitals: names(table.capitals.names),
    nameBreakers: new Set(breakers.flatMap((field) => [...get(field)])),
  };
}
