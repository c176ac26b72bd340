// An import's per-row problem in the reader's language. The server and the mapping code give each problem a code and
// its values (`params`, lib/schema/customer-import.ts); the English `message` beside them is for API clients. A code
// this build does not know (a newer server), or a problem without params (an older one), is shown by its message. A
// file that cannot be read at all is worded from its ImportFileError's problem.
import { ImportFileError, type ImportFileProblem } from '../customer-import/table';
import { type ImportRowProblem, KnownImportRowProblem, type RowFieldIssue } from '../schema/customer-import';
import { errorMessage } from './errors';
import { formatList, formatNumber } from './format';
import { identityKindLabel } from './labels';
import { type MessageKey, t } from './t';
import { issueMessage } from './zod-issues';

/** What an import view shows for a row's problem (the row number is shown beside it). */
export function importProblemText(problem: ImportRowProblem): string {
  const known = KnownImportRowProblem.safeParse(problem);
  if (!known.success) return problem.message;
  const p = known.data;
  switch (p.code) {
    case 'invalid_identity':
      return t('de3_import_invalid_identity', formatList(p.params.identities.map(identityText), 'conjunction'));
    case 'ambiguous_match':
      return t('de3_import_ambiguous', formatNumber(p.params.customers.length), p.params.customers.join(', '));
    case 'unknown_customer':
      return t('de3_import_unknown_customer', formatList(p.params.identities.map(identityText), 'disjunction'));
    case 'not_a_customer':
      return t('de3_import_not_a_customer', p.params.role);
    case 'invalid_row':
      return p.params.issues.map(fieldIssueText).join(' ');
  }
}

function identityText({ kind, value }: { kind: string; value: string }): string {
  return t('de3_import_identity', identityKindLabel(kind), value);
}

function fieldIssueText(issue: RowFieldIssue): string {
  return issue.field ? t('de3_import_field_issue', fieldLabel(issue.field), issueMessage(issue)) : issueMessage(issue);
}

/** The names of an imported customer's and ticket's fields, as the import views call them. */
const FIELD_LABEL: Readonly<Record<string, MessageKey>> = {
  name: 'imp_field_name',
  identities: 'imp_col_identities',
  tier: 'imp_field_tier',
  lifetimeValueCents: 'imp_field_lifetimeValue',
  currency: 'de3_import_field_currency',
  language: 'imp_field_language',
  tags: 'imp_field_tags',
  ticketId: 'de3_import_field_ticketId',
  requester: 'de3_import_field_requester',
  subject: 'capture_subject',
  status: 'filter_status',
  priority: 'capture_priority',
  channel: 'filter_channel',
  createdAt: 'de3_import_field_createdAt',
  sourceUrl: 'de3_import_field_sourceUrl',
  messages: 'de3_import_field_messages',
};

/** "messages.2.text" → "Message 3": the field's name, and which entry of a list (counted from 1). */
function fieldLabel(path: string): string {
  const [head = '', index] = path.split('.');
  const key = FIELD_LABEL[head];
  const label = key ? t(key) : head;
  return index !== undefined && /^\d+$/.test(index) ? t('de3_import_field_item', label, formatNumber(Number(index) + 1)) : label;
}

const FILE_PROBLEM: Readonly<Record<ImportFileProblem, MessageKey>> = {
  not_csv: 'de3_file_not_csv',
  no_header: 'de3_file_no_header',
  line_not_json: 'de3_file_line_not_json',
  record_not_object: 'de3_file_record_not_object',
  not_ticket_export: 'imp_not_ticket_export',
};

/** Why an import view cannot read the chosen file; any other failure by its error code (errorMessage). */
export function importFileErrorText(error: unknown): string {
  if (!(error instanceof ImportFileError)) return errorMessage(error);
  return t(FILE_PROBLEM[error.problem], ...(error.at === null ? [] : [formatNumber(error.at)]));
}
