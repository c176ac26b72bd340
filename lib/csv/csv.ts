// CSV for the console's reports (RFC 4180, CRLF): one writer for every export, so quoting and the guard against
// spreadsheet formulas are done once. A field that starts like a formula (= + - @) is prefixed with an apostrophe:
// a tag a customer's words made must not run in the manager's spreadsheet.
export type CsvField = string | number;

const FORMULA_START = /^[=+\-@\t\r]/;

function field(value: CsvField): string {
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvField[])[]): string {
  return `${[header, ...rows].map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
