import { afterEach, describe, expect, it } from 'vitest';
import type { CaseStatus } from '../schema/entities';
import { caseStatusLabel, identityKindLabel, redactionLabel, tierLabel } from './labels';
import { useBrowserLanguage } from './test-setup';

afterEach(() => useBrowserLanguage('en'));

describe('labels', () => {
  it('keep the stored value as the English label, so English screens read as before', () => {
    expect([tierLabel('gold'), caseStatusLabel('pending'), identityKindLabel('email'), redactionLabel('card')]).toEqual(['gold', 'pending', 'Email', 'Card']);
  });

  it('translate the words and leave sites’ names alone', () => {
    useBrowserLanguage('de');
    expect([tierLabel('platinum'), caseStatusLabel('solved'), identityKindLabel('email'), identityKindLabel('twitter'), redactionLabel('card')]).toEqual([
      'Platin',
      'gelöst',
      'E-Mail',
      'X',
      'Karte',
    ]);
  });

  it('show a value newer than this build as it came', () => {
    expect(caseStatusLabel('escalated' as CaseStatus)).toBe('escalated');
  });
});
