import { describe, expect, it } from 'vitest';
import { findActors } from '../../../src/extract/actors/find-actors.js';
import { isNamedGroup } from '../../../src/extract/segment/segment-incidents.js';
import { projectKnowledge } from '../../helpers/knowledge.js';

function actorsIn(text: string) {
  return findActors({ index: 0, paragraph: 0, start: 0, end: text.length, text }, projectKnowledge().actors);
}

describe('isNamedGroup', () => {
  it('reads the data\'s namesNoGroup flag: a collective name never stands for "the group"', () => {
    const [bla] = actorsIn('The Baloch Liberation Army said it attacked the camp.');
    expect(bla && isNamedGroup(bla)).toBe(true);
    const [gunmen] = actorsIn('Unidentified gunmen attacked the camp.');
    expect(gunmen?.namesNoGroup).toBe(true);
    expect(gunmen && isNamedGroup(gunmen)).toBe(false);
    // the flag alone decides, whatever the actor's id
    expect(bla && isNamedGroup({ ...bla, namesNoGroup: true })).toBe(false);
  });
});
