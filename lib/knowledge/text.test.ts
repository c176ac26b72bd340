import { describe, expect, it } from 'vitest';
import { lightStem, porterStem, processTerm } from './text';

describe('porterStem (English Porter2)', () => {
  // Pairs from the Snowball project's published English vocabulary sample (voc.txt → output.txt).
  const SNOWBALL_SAMPLE: Array<[string, string]> = [
    ['consign', 'consign'],
    ['consigned', 'consign'],
    ['consigning', 'consign'],
    ['consignment', 'consign'],
    ['consist', 'consist'],
    ['consisted', 'consist'],
    ['consistency', 'consist'],
    ['consistent', 'consist'],
    ['consistently', 'consist'],
    ['consolation', 'consol'],
    ['consolatory', 'consolatori'],
    ['consoles', 'consol'],
    ['consolidate', 'consolid'],
    ['consolidating', 'consolid'],
    ['consolingly', 'consol'],
    ['conspicuously', 'conspicu'],
    ['conspiracy', 'conspiraci'],
    ['conspirators', 'conspir'],
    ['constable', 'constabl'],
    ['constancy', 'constanc'],
  ];

  it('stems like the Snowball reference', () => {
    for (const [word, stem] of SNOWBALL_SAMPLE) expect(porterStem(word), word).toBe(stem);
  });

  it('conflates the forms of a support word that the light stemmer kept apart', () => {
    expect(new Set(['installation', 'installer', 'installing', 'installed'].map(porterStem))).toEqual(new Set(['instal']));
    expect(new Set(['installation', 'installer', 'installing'].map(lightStem)).size).toBeGreaterThan(1);
  });

  it('leaves identifiers, short words and other scripts alone', () => {
    for (const word of ['sqlcode-805', '4.1.1.2', 'jvm', 'odbc_ini', 'данные']) expect(porterStem(word)).toBe(word);
  });

  it('folds and drops stop words before stemming', () => {
    expect(processTerm('Configured')).toBe('configur');
    expect(processTerm('the')).toBeNull();
    expect(processTerm('Configured', lightStem)).toBe('configur');
  });
});
