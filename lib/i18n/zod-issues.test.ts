import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useBrowserLanguage } from './test-setup';
import { issueMessage } from './zod-issues';

afterEach(() => useBrowserLanguage('en'));

/** The messages a form would show for what `schema` says of `value`. */
function shown(schema: z.ZodType, value: unknown): string[] {
  const parsed = schema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map(issueMessage);
}

const Form = z.strictObject({
  title: z.string().min(1),
  summary: z.string().min(3).max(5),
  code: z.string().length(3),
  tags: z.array(z.string()).min(2).max(3),
  count: z.int().min(1).max(10),
  ratio: z.number().gt(0).lt(1),
  email: z.email(),
  url: z.url(),
  at: z.iso.datetime(),
  tier: z.enum(['standard', 'vip']),
  shortcut: z.string().regex(/^;[a-z]+$/, 'A shortcut is ";" and lowercase letters.'),
  even: z.number().refine((n) => n % 2 === 0, 'Use an even number.'),
});

const BAD = {
  title: '',
  summary: 'ab',
  code: 'abcd',
  tags: ['a'],
  count: 11,
  ratio: 1,
  email: 'no',
  url: 'no',
  at: 'soon',
  tier: 'gold',
  shortcut: 'x',
  even: 3,
};

describe('zod issues in the reader’s language', () => {
  it('says in German what each kind of issue wants, with its limit, and never zod’s English sentence', () => {
    useBrowserLanguage('de');
    expect(shown(Form, BAD)).toEqual([
      'Darf nicht leer sein.',
      'Mindestens 3 Zeichen.',
      'Genau 3 Zeichen.',
      'Mindestens 2 Einträge.',
      'Darf höchstens 10 sein.',
      'Muss kleiner als 1 sein.',
      'Keine gültige E-Mail-Adresse.',
      'Keine gültige Webadresse (URL).',
      'Kein gültiges Datum mit Uhrzeit.',
      'Wählen Sie eines von: standard, vip.',
      'Nicht im erwarteten Format.',
      'Dieser Wert wird nicht angenommen.',
    ]);
    expect(shown(Form, { ...BAD, summary: 'abcdefg', tags: ['a', 'b', 'c', 'd'], count: 0, ratio: 0, extra: 1 })).toEqual(
      expect.arrayContaining([
        'Höchstens 5 Zeichen.',
        'Höchstens 3 Einträge.',
        'Muss mindestens 1 sein.',
        'Muss größer als 0 sein.',
        'Unbekannte Felder: extra.',
      ]),
    );
    expect(shown(z.object({ name: z.string() }), {})).toEqual(['Fehlt oder hat die falsche Art.']);
  });

  it('gives an English reader the same sentences in English, and a schema’s own sentence as the schema wrote it', () => {
    expect(shown(Form, BAD)).toEqual([
      'Must not be empty.',
      'Use at least 3 characters.',
      'Use exactly 3 characters.',
      'Add at least 2 entries.',
      'Must be at most 10.',
      'Must be less than 1.',
      'Not a valid email address.',
      'Not a valid web address (URL).',
      'Not a valid date and time.',
      'Choose one of: standard, vip.',
      'A shortcut is ";" and lowercase letters.',
      'Use an even number.',
    ]);
    expect(shown(z.string().max(1), 'ab')).toEqual(['Use at most 1 character.']);
  });
});
