// What the generated masking test (server/routes/authorization.test.ts, "masks on every route") needs besides the route
// table: a policy that masks names, phones, emails and email texts for a role, the values it must keep on the server,
// and where an answer carries one of them. Test support only: nothing in the app imports it.
import type { Role } from '../../lib/schema/entities';
import type { SetFieldPolicyRequest } from '../../lib/schema/privacy';
import type { Queryable } from '../db/database';

export const MASKING_ROLES: readonly Role[] = ['agent', 'manager', 'admin'];

/**
 * Routes that answer customer data as stored whatever the caller's policy, on purpose: an admin's data requests
 * (find the customer a request names, Art. 15 export of everything held about them; docs/privacy.md). Admins only.
 */
export const EXEMPT_FROM_MASKING: ReadonlySet<string> = new Set(['GET /privacy/customers', 'GET /privacy/customers/:id/export']);

/** Names, phones and emails masked in every team, email texts masked, nobody may reveal. */
export function maskingPolicy(role: Role): SetFieldPolicyRequest {
  return { role, teamId: null, customer: { name: 'masked', phone: 'masked', email: 'masked' }, interactions: { email: 'masked' }, mayReveal: false };
}

/** The same rule emptied: saving it removes the rule. */
export function unmasked(policy: SetFieldPolicyRequest): SetFieldPolicyRequest {
  return { ...policy, customer: {}, interactions: {}, mayReveal: undefined };
}

export interface MaskedValues {
  /** Values no answer may carry in full while maskingPolicy holds. */
  secrets: string[];
}

/**
 * What maskingPolicy masks, as stored: every live customer's phones, emails and name (a name also borne by a user is
 * left out: users' names are not customer data), and the texts of email interactions (long enough to be unmistakable;
 * a text the demo repeats on another channel is shown there, so it is left out too).
 */
export async function maskedValues(db: Queryable): Promise<MaskedValues> {
  const { rows } = await db.query<{ value: string }>(
    `select i->>'value' as value from customers, jsonb_array_elements(data->'identities') i
      where not deleted and i->>'kind' in ('phone', 'email')
     union select data->>'name' from customers
      where not deleted and data->>'name' like '% %' and data->>'name' not in (select name from users)
     union select data->>'text' from interactions
      where not deleted and data->>'channel' = 'email' and length(data->>'text') > 20
        and data->>'text' not in (select data->>'text' from interactions where data->>'channel' <> 'email')`,
  );
  return { secrets: rows.map((r) => r.value) };
}

/** One line per answer that carries a masked value in full (the first it carries). */
export function leaksIn(answers: readonly { what: string; body: string }[], { secrets }: MaskedValues): string[] {
  return answers.flatMap(({ what, body }) => {
    const leaked = secrets.find((secret) => body.includes(secret) || body.includes(JSON.stringify(secret).slice(1, -1)));
    return leaked === undefined ? [] : [`${what} carried "${leaked}"`];
  });
}
