import type { EditRules } from '../domain/index.js';
import type { ActorTable } from './actor-table.js';
import type { Gazetteer } from './gazetteer.js';
import { normalisePlaceName } from './gazetteer.js';
import { suggestActor } from './name-suggestions.js';

/**
 * The checks of a person's edit that need knowledge: a district must be one the gazetteer knows, in its province;
 * an actor typed by name must be one the actor table knows, by its name, an alias or an acronym (never a framed
 * alias: a person's edit must not bring a framing word into the record).
 */
export function editRules(gazetteer: Gazetteer, actors: ActorTable): EditRules {
  const byName = new Map<string, { name: string; type: (typeof actors.actors)[number]['type'] }>();
  for (const a of actors.actors) {
    for (const n of [a.name, ...a.aliases, ...a.acronyms]) {
      const key = n.trim().toLowerCase();
      if (!byName.has(key)) byName.set(key, { name: a.name, type: a.type });
    }
  }
  return {
    knownDistrict: ({ country, admin1, admin2 }) => {
      const province = admin1 === null ? null : normalisePlaceName(admin1);
      return (gazetteer.districtsByName.get(normalisePlaceName(admin2)) ?? []).some(
        (d) =>
          d.country === country && (province === null || normalisePlaceName(d.admin1 ?? '') === province),
      );
    },
    actorNamed: (name) => byName.get(name.trim().toLowerCase()) ?? null,
    suggestActor: (name) => suggestActor(actors, name),
  };
}
