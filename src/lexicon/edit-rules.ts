import type { EditRules } from '../domain/index.js';
import type { Gazetteer } from './gazetteer.js';
import { normalisePlaceName } from './gazetteer.js';

/** The checks of a person's edit that need the gazetteer: a district must be one it knows, in its province. */
export function editRules(gazetteer: Gazetteer): EditRules {
  return {
    knownDistrict: ({ country, admin1, admin2 }) => {
      const province = admin1 === null ? null : normalisePlaceName(admin1);
      return (gazetteer.districtsByName.get(normalisePlaceName(admin2)) ?? []).some(
        (d) =>
          d.country === country && (province === null || normalisePlaceName(d.admin1 ?? '') === province),
      );
    },
  };
}
