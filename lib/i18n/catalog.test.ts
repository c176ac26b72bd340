// Both catalogs are complete and agree: a key missing in German, an empty message or a placeholder that differs
// would show English, nothing, or a raw "$NAME$" to a German agent.
import { describe, expect, it } from 'vitest';
import german from '../../public/_locales/de/messages.json';
import english from '../../public/_locales/en/messages.json';
import { type Catalog, placeholderNames, resolveMessage } from './catalog';

const catalogs: Record<string, Catalog> = { en: english, de: german };

describe('the English and German catalogs', () => {
  it('have the same message names', () => {
    expect(Object.keys(german).sort()).toEqual(Object.keys(english).sort());
  });

  it.each(Object.keys(catalogs))('%s has no empty message', (locale) => {
    const empty = Object.entries(catalogs[locale] ?? {}).filter(([, entry]) => !entry.message.trim());
    expect(empty.map(([key]) => key)).toEqual([]);
  });

  it('use the same placeholders, each declared, in each message', () => {
    const problems = Object.entries(english as Catalog).flatMap(([key, en]) => {
      const de = (german as Catalog)[key];
      if (!de) return [];
      const declared = (entry: typeof en) => Object.keys(entry.placeholders ?? {}).sort();
      const used = placeholderNames(en);
      return [
        ...(JSON.stringify(placeholderNames(de)) === JSON.stringify(used) ? [] : [`${key}: de uses ${placeholderNames(de)}, en ${used}`]),
        ...(JSON.stringify(declared(en)) === JSON.stringify([...new Set(used)]) ? [] : [`${key}: en declares ${declared(en)}, uses ${used}`]),
        ...(JSON.stringify(de.placeholders ?? {}) === JSON.stringify(en.placeholders ?? {}) ? [] : [`${key}: placeholder contents differ`]),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('name messages as the browser accepts them (letters, digits, _ and @)', () => {
    expect(Object.keys(english).filter((key) => !/^[A-Za-z0-9_@]+$/.test(key))).toEqual([]);
  });
});

describe('resolveMessage (the browser getMessage rules, for tests)', () => {
  const catalog: Catalog = {
    hello: { message: 'Hallo $NAME$, $COUNT$ neue Fälle ($$ frei)', placeholders: { name: { content: '$1' }, count: { content: '$2' } } },
  };
  it('fills placeholders by name, case-insensitively, and unescapes $$', () => {
    expect(resolveMessage(catalog, 'hello', ['Bea', '3'])).toBe('Hallo Bea, 3 neue Fälle ($ frei)');
  });
  it('answers "" for a missing message, as the browser does', () => {
    expect(resolveMessage(catalog, 'missing')).toBe('');
  });
});
