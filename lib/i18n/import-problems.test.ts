import { afterEach, describe, expect, it } from 'vitest';
import { detectFormat, mappingFor } from '../customer-import/formats';
import { mapRecords } from '../customer-import/map';
import { readTable } from '../customer-import/table';
import { readTicketExport } from '../history-import/read';
import { mapZendeskTickets } from '../history-import/zendesk';
import type { KnownImportRowProblem } from '../schema/customer-import';
import { importFileErrorText, importProblemText } from './import-problems';
import { useBrowserLanguage } from './test-setup';

afterEach(() => useBrowserLanguage('en'));

/** One problem of every code, with the params the server and the mapping code give it. */
const EVERY_CODE: Record<KnownImportRowProblem['code'], KnownImportRowProblem> = {
  invalid_identity: { row: 4, code: 'invalid_identity', message: 'Not a valid phone "12".', params: { identities: [{ kind: 'phone', value: '12' }] } },
  ambiguous_match: {
    row: 5,
    code: 'ambiguous_match',
    message: 'Its identities belong to 2 different customers (Jane Doe, Kari Nordmann); merge them first or split the row.',
    params: { customers: ['Jane Doe', 'Kari Nordmann'] },
  },
  unknown_customer: {
    row: 6,
    code: 'unknown_customer',
    message: "No customer of the team has the requester's email a@example.com or zendesk 42; import the customers first.",
    params: {
      identities: [
        { kind: 'email', value: 'a@example.com' },
        { kind: 'zendesk', value: '42' },
      ],
    },
  },
  not_a_customer: { row: 7, code: 'not_a_customer', message: 'not a customer: the export lists them as agent', params: { role: 'agent' } },
  invalid_row: {
    row: 8,
    code: 'invalid_row',
    message: 'tier: "diamond" is not one of standard, gold; messages.1.text: Too small',
    params: {
      issues: [
        { field: 'tier', code: 'invalid_value', values: ['standard', 'gold'], message: '"diamond" is not one of standard, gold' },
        { field: 'messages.1.text', code: 'too_small', origin: 'string', minimum: 1, inclusive: true, message: 'Too small' },
      ],
    },
  },
};

describe('import problems in the reader’s language', () => {
  it('words every problem code in German from its params', () => {
    useBrowserLanguage('de');
    expect(Object.values(EVERY_CODE).map(importProblemText)).toEqual([
      'Ungültig: Telefon „12“.',
      'Diese Identitäten gehören zu 2 verschiedenen Kunden (Jane Doe, Kari Nordmann); führen Sie die Kunden zuerst zusammen oder teilen Sie die Zeile auf.',
      'Kein Kunde des Teams passt zur anfragenden Person (E-Mail „a@example.com“ oder Zendesk „42“); importieren Sie zuerst die Kunden.',
      'Kein Kunde: Der Export führt die Person als agent.',
      'Stufe: Wählen Sie eines von: standard, gold. Nachricht 2: Darf nicht leer sein.',
    ]);
  });

  it('words every problem code in English from its params', () => {
    expect(Object.values(EVERY_CODE).map(importProblemText)).toEqual([
      'Not a valid Phone "12".',
      'These identities belong to 2 different customers (Jane Doe, Kari Nordmann); merge them first or split the row.',
      'No customer of the team has the requester\'s Email "a@example.com" or Zendesk "42"; import the customers first.',
      'Not a customer: the export lists them as agent.',
      'Tier: Choose one of: standard, gold. Message 2: Must not be empty.',
    ]);
  });

  it('shows a newer server’s unknown code, or an older server’s problem without params, by its message', () => {
    useBrowserLanguage('de');
    expect(importProblemText({ row: 1, code: 'quota_exceeded', message: 'The team has reached its customer quota.', params: { limit: 5 } })).toBe(
      'The team has reached its customer quota.',
    );
    expect(importProblemText({ row: 1, code: 'invalid_identity', message: 'Not a valid phone "12".' })).toBe('Not a valid phone "12".');
  });

  it('words the problems the console finds in a file before sending it, in German', () => {
    useBrowserLanguage('de');
    const table = readTable('list.csv', 'Full Name,E-mail,Tier,LTV\nBo,,silver,10\nCy,cy@example.com,diamond,x\n');
    const format = detectFormat(table.headers);
    const { problems } = mapRecords(table, format, mappingFor(format, table.headers));
    expect(problems.map(importProblemText)).toEqual([
      'Identitäten: Darf nicht leer sein.',
      'Stufe: Wählen Sie eines von: standard, silver, gold, platinum. Kundenwert: Kein Betrag.',
    ]);
    expect(mapZendeskTickets('[1]').problems.map(importProblemText)).toEqual(['Fehlt oder hat die falsche Art.']);
  });

  it('words why a file cannot be read, in German and in English', () => {
    const failure = (read: () => unknown) => {
      try {
        read();
      } catch (error) {
        return importFileErrorText(error);
      }
      return 'read';
    };
    const files = [
      () => readTable('x.csv', 'a,b\n"unclosed,1\n'),
      () => readTable('x.json', '{"id": 1}\nnot json'),
      () => readTable('x.json', '[{"id": 1}, 2]'),
      () => readTicketExport('contacts.csv', 'Name,Email\nAna,ana@example.com'),
    ];
    useBrowserLanguage('de');
    expect(files.map(failure)).toEqual([
      'Zeile 2 ist nicht lesbar. Ist das eine CSV-Datei?',
      'Zeile 2 ist kein JSON.',
      'Datensatz 2 ist kein Objekt.',
      'Kein Ticketexport: Eine Freshdesk-CSV-Datei hat die Spalten Ticket ID, Status und Created time.',
    ]);
    useBrowserLanguage('en');
    expect(files.slice(0, 3).map(failure)).toEqual(['Row 2 cannot be read. Is this a CSV file?', 'Line 2 is not JSON.', 'Record 2 is not an object.']);
  });
});
