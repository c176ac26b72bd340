import { beforeAll, describe, expect, it } from 'vitest';
import { ManagedItem, SiteRulesResponse } from '../../lib/schema/manager';
import { DEMO_CLOCK } from '../seed/demo';
import { appForSuite, ENGINES, expectError, expectOk } from '../testing';

const rule = (name: string, teamIds: string[]) => ({
  name,
  urlPattern: 'https://*.acmecrm.example/*',
  selectors: { email: '.contact-card [data-field="email"]', name: 'h1.contact-name' },
  targeting: { teamIds },
});

describe.each(ENGINES)('GET /site-rules on %s', (engine) => {
  const { api } = appForSuite(engine, { now: () => DEMO_CLOCK });
  let manager: string;
  let careAgent: string;
  let billingAgent: string;

  beforeAll(async () => {
    manager = await api.signIn('manager@tandem.demo');
    careAgent = await api.signIn('agent@tandem.demo');
    billingAgent = await api.signIn('billing@tandem.demo');
    const create = async (body: unknown, publish: boolean) => {
      const item = await expectOk(await api.post('/manager/site-rules', manager, body), ManagedItem, 201);
      if (publish) await expectOk(await api.post(`/manager/site-rules/${item.record.id}/publish`, manager, {}), ManagedItem);
    };
    await create(rule('Acme CRM for care', ['team-care']), true);
    await create(rule('Acme CRM for billing', ['team-billing']), true);
    await create(rule('Acme CRM draft', ['team-care']), false);
  });

  const names = async (token: string) => (await expectOk(await api.get('/site-rules', token), SiteRulesResponse)).rules.map((r) => r.name).sort();

  it('gives each agent the published rules targeted at their teams, never drafts', async () => {
    expect(await names(careAgent)).toEqual(['Acme CRM for care']);
    expect(await names(billingAgent)).toEqual(['Acme CRM for billing']);
  });

  it('needs a session', async () => {
    await expectError(await api.get('/site-rules'), 401, 'unauthorized');
  });
});
