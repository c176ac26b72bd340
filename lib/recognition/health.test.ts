import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ApiClientError } from '../api/client';
import { useTestDatabase } from '../db/test-fixtures';
import type { PageContext } from '../schema';
import type { RecognitionPage, RecognitionReport } from '../schema/recognition';
import { zendesk } from '../sites/zendesk';
import { flushRecognitionHealth, notePage } from './health';
import { createPageTally } from './page-tally';

const db = useTestDatabase();
const at = new Date('2026-11-20T09:00:00.000Z');
const TICKET = 'https://tandemdemo.zendesk.com/agent/tickets/4600';

const page = (recognised: boolean, url = TICKET): RecognitionPage => ({ site: 'zendesk', url, recognised, named: true, found: recognised ? ['adapter'] : [] });

function collectingApi(fail?: ApiClientError) {
  const sent: RecognitionReport[] = [];
  return {
    sent,
    api: {
      recognitionReport: async (report: RecognitionReport) => {
        sent.push(report);
        if (fail) throw fail;
        return { duplicate: false };
      },
    },
  };
}

describe('recognition health on this device', () => {
  it('counts pages per site and day and keeps a miss as its address pattern, never the address', async () => {
    await notePage(db(), page(true), at);
    await notePage(db(), page(false, 'https://tandemdemo.zendesk.com/agent/tickets/4601?ref=Jane'), at);
    const { sent, api } = collectingApi();
    await flushRecognitionHealth(db(), api);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.days).toEqual([{ site: 'zendesk', day: '2026-11-20', seen: 2, recognised: 1, missed: 1 }]);
    expect(sent[0]!.misses).toEqual([
      { site: 'zendesk', at: at.toISOString(), urlPattern: '/agent/tickets/:id?ref=:id', layers: ['adapter', 'field', 'link', 'panel'], named: true },
    ]);
    expect(JSON.stringify(sent)).not.toMatch(/4601|Jane|tandemdemo/);
    // Sent: nothing left to send.
    await flushRecognitionHealth(db(), api);
    expect(sent).toHaveLength(1);
  });

  it('sends a batch the server could not take again under the same id, with what came since in the next', async () => {
    await notePage(db(), page(false), at);
    const offline = collectingApi(new ApiClientError('offline', 'Cannot reach the server.', null));
    await flushRecognitionHealth(db(), offline.api);
    await notePage(db(), page(true), at);
    const { sent, api } = collectingApi();
    await flushRecognitionHealth(db(), api);
    expect(sent[0]!.batchId).toBe(offline.sent[0]!.batchId);
    expect(sent[0]!.days).toEqual([{ site: 'zendesk', day: '2026-11-20', seen: 1, recognised: 0, missed: 1 }]);
    await flushRecognitionHealth(db(), api);
    expect(sent[1]!.days).toEqual([{ site: 'zendesk', day: '2026-11-20', seen: 1, recognised: 1, missed: 0 }]);
  });

  it('drops a batch the server refuses rather than failing every sync', async () => {
    await notePage(db(), page(false), at);
    await flushRecognitionHealth(db(), collectingApi(new ApiClientError('not_found', 'No such route.', 404)).api);
    const { sent, api } = collectingApi();
    await flushRecognitionHealth(db(), api);
    expect(sent).toEqual([]);
  });
});

describe('the content script’s tally of a record page', () => {
  const context = (identities: PageContext['identities'], displayName: string | null = null): PageContext => ({
    site: 'zendesk',
    url: TICKET,
    identities,
    displayName,
    recordId: '4600',
    subject: null,
    conversation: '',
    visibility: 'private',
    hasReplyBox: false,
  });

  function tally() {
    const reported: RecognitionPage[] = [];
    let settle: (() => void) | null = null;
    const t = createPageTally({
      report: (p) => reported.push(p),
      settle: (done) => {
        settle = done;
        return () => (settle = null);
      },
    });
    return { t, reported, settled: () => settle?.() };
  }

  it('reports a miss when the page named nobody by the time it settled, once per visit', () => {
    const { t, reported, settled } = tally();
    t.observe(zendesk, new URL(TICKET), null);
    t.observe(zendesk, new URL(TICKET), context([], 'Olivia H.'));
    settled();
    // The page keeps changing after it settled: the same visit, not counted again.
    t.observe(zendesk, new URL(TICKET), context([]));
    settled();
    expect(reported).toEqual([{ site: 'zendesk', url: TICKET, recognised: false, named: true, found: [] }]);
  });

  it('reports a page recognised when a later reading (the page still rendering) found someone', () => {
    const { t, reported, settled } = tally();
    t.observe(zendesk, new URL(TICKET), null);
    t.observe(zendesk, new URL(TICKET), context([{ kind: 'email', value: 'olivia@example.org' }]));
    settled();
    expect(reported).toEqual([{ site: 'zendesk', url: TICKET, recognised: true, named: false, found: ['adapter'] }]);
  });

  it('reports the visit when the agent moves to another ticket, and counts nothing off record pages', () => {
    const { t, reported } = tally();
    t.observe(zendesk, new URL('https://tandemdemo.zendesk.com/agent/dashboard'), null);
    expect(reported).toEqual([]);
    t.observe(zendesk, new URL(TICKET), null);
    t.observe(zendesk, new URL('https://tandemdemo.zendesk.com/agent/tickets/4601'), null);
    expect(reported.map((r) => r.url)).toEqual([TICKET]);
  });
});
