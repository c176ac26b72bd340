import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('CSV for the reports', () => {
  it('writes a header and rows with CRLF, numbers as they are', () => {
    expect(toCsv(['team', 'share'], [['team-care', 0.25]])).toBe('team,share\r\nteam-care,0.25\r\n');
  });

  it('quotes commas, quotes and line breaks, and defuses what a spreadsheet would run as a formula', () => {
    expect(toCsv(['tag'], [['a,b'], ['say "hi"'], ['two\nlines'], ['=HYPERLINK("x")'], ['-1+2']])).toBe(
      'tag\r\n"a,b"\r\n"say ""hi"""\r\n"two\nlines"\r\n"\'=HYPERLINK(""x"")"\r\n"\'-1+2"\r\n',
    );
  });
});
