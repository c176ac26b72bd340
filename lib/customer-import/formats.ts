// Ready mappings for the contact exports of the CRMs Tandem rides along, each from the vendor's public
// documentation (docs/import.md names the pages), and a guess for any other CSV. A mapping says which column
// feeds each customer field; the console shows it and the admin can change any of it before importing.
import type { IdentityKind } from '../schema/entities';

export const TARGET_FIELDS = [
  'name',
  'firstName',
  'lastName',
  'email',
  'phone',
  'mobile',
  'twitter',
  'facebook',
  'crmId',
  'tier',
  'lifetimeValue',
  'tags',
  'language',
] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

/** Column for each target field; a field without one is not imported. */
export type Mapping = Partial<Record<TargetField, string>>;

export interface ImportFormat {
  id: string;
  label: string;
  /** The identity kind a CRM record id becomes (a Zendesk user id is a `zendesk` identity). */
  crmKind: IdentityKind | null;
  /** Column names (any case) for each field, first match wins. */
  columns: Partial<Record<TargetField, readonly string[]>>;
  /** Columns whose presence says the file is this export. */
  signature: readonly string[];
  /** The record's role when the export lists it as no customer (a Zendesk export lists agents too), or null. */
  nonCustomerRole?(record: Record<string, string>): string | null;
}

export const FORMATS: readonly ImportFormat[] = [
  {
    id: 'zendesk-users',
    label: 'Zendesk users (JSON export or API)',
    crmKind: 'zendesk',
    columns: { name: ['name'], email: ['email'], phone: ['phone'], crmId: ['id'], tags: ['tags'], language: ['locale'] },
    signature: ['id', 'name', 'role', 'url'],
    nonCustomerRole: (r) => (r.role && r.role !== 'end-user' ? r.role : null),
  },
  {
    id: 'hubspot-contacts',
    label: 'HubSpot contacts (CSV export)',
    crmKind: 'hubspot',
    columns: {
      firstName: ['First Name'],
      lastName: ['Last Name'],
      email: ['Email'],
      phone: ['Phone Number'],
      mobile: ['Mobile Phone Number'],
      twitter: ['Twitter Username'],
      crmId: ['Record ID', 'Contact ID'],
    },
    signature: ['Record ID', 'First Name', 'Last Name'],
  },
  {
    id: 'salesforce-contacts',
    label: 'Salesforce contacts (Data Loader CSV)',
    crmKind: 'salesforce',
    columns: { firstName: ['FirstName'], lastName: ['LastName'], name: ['Name'], email: ['Email'], phone: ['Phone'], mobile: ['MobilePhone'], crmId: ['Id'] },
    signature: ['Id', 'FirstName', 'LastName', 'AccountId'],
  },
  {
    id: 'freshdesk-contacts',
    label: 'Freshdesk contacts (CSV export)',
    crmKind: 'freshdesk',
    columns: {
      name: ['Name', 'Full name'],
      email: ['Email'],
      phone: ['Work phone'],
      mobile: ['Mobile phone'],
      twitter: ['Twitter ID', 'Twitter'],
      crmId: ['Contact ID'],
      tags: ['Tags'],
      language: ['Language'],
    },
    signature: ['Work phone', 'Mobile phone'],
  },
  {
    id: 'csv',
    label: 'Other CSV (map the columns)',
    crmKind: null,
    columns: {
      name: ['name', 'full name', 'customer', 'contact name'],
      firstName: ['first name', 'firstname', 'given name'],
      lastName: ['last name', 'lastname', 'surname', 'family name'],
      email: ['email', 'e-mail', 'email address'],
      phone: ['phone', 'phone number', 'telephone', 'work phone'],
      mobile: ['mobile', 'mobile phone', 'cell'],
      twitter: ['twitter', 'x handle', 'twitter handle', 'handle'],
      facebook: ['facebook'],
      tier: ['tier', 'plan', 'level'],
      lifetimeValue: ['lifetime value', 'ltv', 'value'],
      tags: ['tags', 'labels'],
      language: ['language', 'locale'],
    },
    signature: [],
  },
];

const lower = (s: string) => s.trim().toLowerCase();

/** The export this file most likely is: the first format whose signature columns are all there, else plain CSV. */
export function detectFormat(headers: readonly string[]): ImportFormat {
  const present = new Set(headers.map(lower));
  const generic = FORMATS[FORMATS.length - 1] as ImportFormat;
  return FORMATS.find((f) => f.signature.length > 0 && f.signature.every((c) => present.has(lower(c)))) ?? generic;
}

/** The format's mapping onto this file's actual column names. */
export function mappingFor(format: ImportFormat, headers: readonly string[]): Mapping {
  const byLower = new Map(headers.map((h) => [lower(h), h]));
  const mapping: Mapping = {};
  for (const field of TARGET_FIELDS) {
    const column = format.columns[field]?.map((c) => byLower.get(lower(c))).find((c) => c !== undefined);
    if (column) mapping[field] = column;
  }
  return mapping;
}
