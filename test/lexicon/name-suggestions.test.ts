import { describe, expect, it } from 'vitest';
import {
  closestName,
  didYouMean,
  editDistance,
  suggestActor,
  suggestPlace,
} from '../../src/lexicon/name-suggestions.js';
import { projectKnowledge } from '../helpers/knowledge.js';

describe('editDistance', () => {
  it('counts an adjacent swap as one edit and stops past its bound', () => {
    expect(editDistance('kehc', 'kech', 2)).toBe(1);
    expect(editDistance('kech', 'kech', 2)).toBe(0);
    expect(editDistance('quetta', 'queta', 2)).toBe(1);
    expect(editDistance('turbat', 'gwadar', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});

describe('closestName', () => {
  it('prefers the nearer name, then the shorter, and gives nothing when none is near', () => {
    const names = [
      ['kech', 'Kech'],
      ['kachhi', 'Kachhi'],
      ['kohat', 'Kohat'],
    ] as const;
    expect(closestName('kehc', names)).toBe('Kech');
    expect(closestName('kachi', names)).toBe('Kachhi');
    expect(closestName('atlantis', names)).toBeNull();
  });
});

describe('suggestions from the project knowledge', () => {
  const k = projectKnowledge();
  it('suggests a district or province for a misspelt one', () => {
    expect(suggestPlace(k.gazetteer, 'district', 'Kehc')).toBe('Kech');
    expect(suggestPlace(k.gazetteer, 'province', 'Balochstan')).toBe('Balochistan');
    expect(suggestPlace(k.gazetteer, 'district', 'Xyzzyplugh')).toBeNull();
  });

  it('suggests an actor by name, alias or acronym', () => {
    expect(suggestActor(k.actors, 'Baloch Liberation Amry')).toBe('Baloch Liberation Army');
    expect(suggestActor(k.actors, 'Qwertyuiop Front')).toBeNull();
    expect(didYouMean('Kech')).toBe('; did you mean Kech?');
    expect(didYouMean(null)).toBe('');
  });
});
