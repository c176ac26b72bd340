import { describe, expect, it, vi } from 'vitest';
import { MESSAGES, type MessageName } from '../schema/messages';
import { DEFAULT_REDACTION } from '../schema/redaction';
import { CONTENT_SCRIPT_MESSAGES, dispatch, type Handlers, MessageError, request, senderKind } from './dispatch';

const policy = { extensionId: 'ext-id', extensionOrigin: 'chrome-extension://ext-id/' };
const extensionPage = { id: 'ext-id', url: 'chrome-extension://ext-id/sidepanel.html' };
const contentScript = { id: 'ext-id', url: 'https://tandemdemo.zendesk.com/agent/tickets/4521', tab: { id: 7 } };
/** The overlay frame in that tab, at a per-session origin as use_dynamic_url may give it. */
const overlayFrame = { id: 'ext-id', url: 'chrome-extension://9f1c2d3e-dynamic/overlay-frame.html?scheme=light', tab: { id: 7 } };
/** Options or the manager console opened in a tab: one of Tandem's own pages, with a tab. */
const extensionPageInTab = { id: 'ext-id', url: 'chrome-extension://ext-id/options.html', tab: { id: 8 } };

const status = {
  signedIn: false,
  user: null,
  backendUrl: 'http://127.0.0.1:8787',
  online: true,
  lastSyncAt: null,
  syncing: false,
  counts: {},
  pending: 0,
  failed: [],
  conflicts: 0,
  retryAt: null,
  live: false,
  error: null,
  notice: null,
};

const adminsOnly = async (): Promise<never> => {
  throw new MessageError('forbidden', 'Admins only.');
};

function handlers(): Handlers {
  return {
    'context.report': vi.fn(async () => ({ status: 'none' as const })),
    'overlay.replyFocus': vi.fn(async () => ({})),
    'overlay.capture': vi.fn(async () => ({ opened: true })),
    'overlay.state': vi.fn(async () => ({ context: null, resolution: null, publicReplyWarning: null, replyFocused: false, claimedBy: null, readAt: null })),
    'overlay.page': vi.fn(async () => ({ ok: true })),
    'staleSend.held': vi.fn(async () => ({})),
    'staleSend.sent': vi.fn(async () => ({})),
    'staleSend.resolve': vi.fn(async () => ({ ok: true })),
    'context.forTab': vi.fn(async () => ({ context: null, resolution: null })),
    'context.pick': vi.fn(async () => ({})),
    'recognition.page': vi.fn(async () => ({})),
    'manager.recognitionHealth': vi.fn(async () => ({ from: '2026-11-12', sites: [] })),
    'status.get': vi.fn(async () => status),
    'auth.signIn': vi.fn(async () => status),
    'auth.signOut': vi.fn(async () => status),
    'sync.now': vi.fn(async () => status),
    'capture.create': vi.fn(async () => {
      throw new MessageError('signed_out', 'Sign in first.');
    }),
    'capture.find': vi.fn(async () => ({ caseId: null, pending: false })),
    'capture.screenshot': vi.fn(async () => ({
      id: '00000000-0000-4000-8000-000000000001',
      caseId: 'case-1',
      kind: 'screenshot' as const,
      mime: 'image/webp' as const,
      width: 600,
      height: 200,
      size: 1234,
      createdAt: '2026-11-20T09:00:00.000Z',
      uploaded: false,
      error: null,
    })),
    'attachments.forCases': vi.fn(async () => ({ attachments: [] })),
    'presence.reply': vi.fn(async () => ({ claimedBy: null })),
    'contact.create': vi.fn(async () => {
      throw new MessageError('signed_out', 'Sign in first.');
    }),
    'cases.recent': vi.fn(async () => ({ cases: [] })),
    'cases.teamMoveOffer': vi.fn(async () => ({ customerId: 'c-1', customerName: null, offered: false, otherOpenCases: 0, suggested: false })),
    'cases.moveToTeam': vi.fn(async () => ({ moved: false, customerMoved: false })),
    'cases.note': vi.fn(async () => ({ note: { kind: 'note' as const, text: 'n', incidentId: null, createdAt: '2026-11-20T09:00:00.000Z' } })),
    'knowledge.suggest': vi.fn(async () => ({ suggestions: [] })),
    'knowledge.search': vi.fn(async () => ({ results: [] })),
    'knowledge.article': vi.fn(async () => ({ article: null })),
    'knowledge.expand': vi.fn(async () => ({ text: null, snippetId: null })),
    'usage.record': vi.fn(async () => ({ recorded: 0 })),
    'conflicts.list': vi.fn(async () => ({ conflicts: [] })),
    'conflicts.resolve': vi.fn(async () => status),
    // Manager console messages (lib/manager/background.ts).
    'manager.teams': vi.fn(async () => ({ teams: [] })),
    'manager.list': vi.fn(async () => ({ kind: 'articles' as const, items: [], total: 0, limit: 50, offset: 0 })),
    'manager.get': vi.fn(async () => {
      throw new MessageError('not_found', 'No such item.');
    }),
    'manager.create': vi.fn(async () => {
      throw new MessageError('forbidden', 'This needs the manager or admin role.');
    }),
    'manager.edit': vi.fn(async () => {
      throw new MessageError('forbidden', 'This needs the manager or admin role.');
    }),
    'manager.setStatus': vi.fn(async () => {
      throw new MessageError('forbidden', 'This needs the manager or admin role.');
    }),
    'manager.rollback': vi.fn(async () => {
      throw new MessageError('forbidden', 'This needs the manager or admin role.');
    }),
    'manager.versions': vi.fn(async () => ({ kind: 'articles' as const, id: 'a', versions: [] })),
    'manager.compare': vi.fn(async () => {
      throw new MessageError('not_found', 'No such version.');
    }),
    'manager.slaPolicies': vi.fn(async () => {
      throw new MessageError('forbidden', 'Managers only.');
    }),
    'manager.setSlaPolicy': vi.fn(async () => {
      throw new MessageError('forbidden', 'Managers only.');
    }),
    'manager.setSlaCalendar': vi.fn(async () => {
      throw new MessageError('forbidden', 'Managers only.');
    }),
    'manager.clearSlaCalendar': vi.fn(async () => {
      throw new MessageError('forbidden', 'Managers only.');
    }),
    'manager.slaReport': vi.fn(async () => {
      throw new MessageError('forbidden', 'Managers only.');
    }),
    'manager.effortReport': vi.fn(async () => {
      throw new MessageError('forbidden', 'Managers only.');
    }),
    'manager.slaEscalation': vi.fn(async () => {
      throw new MessageError('forbidden', 'Managers only.');
    }),
    'manager.setSlaEscalation': vi.fn(async () => {
      throw new MessageError('forbidden', 'Managers only.');
    }),
    'manager.analytics': vi.fn(async () => {
      throw new MessageError('forbidden', 'This needs the manager or admin role.');
    }),
    'manager.importCustomers': vi.fn(async () => ({ written: true, created: 0, updated: 0, unchanged: 1, refused: [] })),
    'manager.importHistory': vi.fn(async () => ({ written: true, created: 0, updated: 0, unchanged: 1, refused: [] })),
    'broadcasts.active': vi.fn(async () => ({ broadcasts: [] })),
    'broadcasts.acknowledge': vi.fn(async () => ({ kept: true as const })),
    'broadcasts.reads': vi.fn(async () => ({ broadcasts: [] })),
    'sla.calendars': vi.fn(async () => ({ calendars: [] })),
    // Team queue messages (lib/queue/background.ts).
    'queue.list': vi.fn(async () => ({ me: null, cases: [], presence: [], teammates: [], live: false })),
    'queue.changes': vi.fn(async () => ({
      kind: 'snapshot' as const,
      feed: 'f',
      version: 0,
      snapshot: { me: null, cases: [], presence: [], teammates: [], live: false },
    })),
    'queue.assign': vi.fn(async () => ({ pending: true })),
    'queue.presence': vi.fn(async () => ({ sent: false })),
    'orgHosts.list': vi.fn(async () => ({ hosts: [] })),
    'orgHosts.save': vi.fn(async () => ({ hosts: [] })),
    // Privacy (lib/privacy, lib/manager).
    'manager.fieldPolicy': vi.fn(async () => {
      throw new MessageError('forbidden', 'Admins only.');
    }),
    'manager.setFieldPolicy': vi.fn(async () => {
      throw new MessageError('forbidden', 'Admins only.');
    }),
    'manager.accessLog': vi.fn(async () => ({ entries: [], retentionDays: 365 })),
    'privacy.reveal': vi.fn(async () => ({ field: 'phone', values: [] })),
    'capturePrivacy.get': vi.fn(async () => ({ neverCapture: [], teams: [] })),
    'capturePrivacy.setNeverCapture': vi.fn(async () => ({ hosts: [] })),
    'capturePrivacy.setRedaction': vi.fn(async () => ({ teamId: 'team-care', options: DEFAULT_REDACTION, updatedAt: null })),
    'capture.redactPreview': vi.fn(async () => ({ items: [] })),
    'privateMode.get': vi.fn(async () => ({ private: false })),
    'privateMode.set': vi.fn(async () => ({ private: false })),
    'privateMode.here': vi.fn(async () => ({ private: false })),
    'privacy.retention': vi.fn(async () => ({ teams: [] })),
    'privacy.setRetention': vi.fn(async () => ({ teams: [] })),
    'privacy.runRetention': vi.fn(async () => ({ ranAt: new Date(0).toISOString(), teams: [] })),
    'privacy.findCustomers': vi.fn(async () => ({ customers: [] })),
    'privacy.eraseCustomer': vi.fn(async () => {
      throw new Error('not in this test');
    }),
    'privacy.exportCustomer': vi.fn(async () => {
      throw new Error('not in this test');
    }),
    // Possible incidents (lib/incidents): managers only.
    'incidents.list': vi.fn(async () => ({ incidents: [] })),
    'incidents.toBroadcast': vi.fn(async () => {
      throw new MessageError('forbidden', 'Managers only.');
    }),
    'incidents.setStatus': vi.fn(async () => {
      throw new MessageError('forbidden', 'Managers only.');
    }),
    'incidents.followUp': vi.fn(async () => {
      throw new MessageError('forbidden', 'Managers only.');
    }),
    'incidents.offer': vi.fn(async () => ({ offer: null })),
    'assignment.status': vi.fn(async () => ({ status: 'available' as const, reason: 'manual' as const, since: null, autoAwayMinutes: null })),
    'assignment.setStatus': vi.fn(async () => ({ status: 'away' as const, reason: 'manual' as const, since: null, autoAwayMinutes: null })),
    'assignment.team': vi.fn(async () => {
      throw new MessageError('forbidden', 'Managers only.');
    }),
    'assignment.setTeam': vi.fn(async () => {
      throw new MessageError('forbidden', 'Managers only.');
    }),
    'integrations.tokens': vi.fn(adminsOnly),
    'integrations.createToken': vi.fn(adminsOnly),
    'integrations.revokeToken': vi.fn(adminsOnly),
    'integrations.webhooks': vi.fn(adminsOnly),
    'integrations.createWebhook': vi.fn(adminsOnly),
    'integrations.deleteWebhook': vi.fn(adminsOnly),
    'integrations.deliveries': vi.fn(adminsOnly),
    'knowledgeReview.intervals': vi.fn(async () => ({ teams: [] })),
    'knowledgeReview.setInterval': vi.fn(async () => ({ teams: [] })),
    'knowledgeReview.toVerify': vi.fn(async () => ({ at: new Date(0).toISOString(), items: [] })),
    'knowledgeReview.verify': vi.fn(async () => ({ at: new Date(0).toISOString(), items: [] })),
    'knowledgeReview.flags': vi.fn(async () => ({ flags: [] })),
    'knowledgeReview.resolveFlag': vi.fn(async () => ({ flags: [] })),
    'knowledgeReview.gaps': vi.fn(async () => ({ days: 30, groups: [] })),
    'knowledge.flag': vi.fn(async () => ({ kept: true as const })),
    'knowledge.articleFromCase': vi.fn(async () => ({ caseId: 'k-1', title: 'Refund', body: '' })),
  };
}

const context = {
  site: 'zendesk',
  url: 'https://tandemdemo.zendesk.com/agent/tickets/4521',
  identities: [{ kind: 'email', value: 'jane.doe@example.com' }],
  displayName: 'Jane Doe',
  recordId: '4521',
  subject: 'Roaming charge',
  conversation: 'Hello',
  visibility: 'private',
  hasReplyBox: true,
};

describe('dispatch', () => {
  it('answers a valid message from an extension page with the parsed response', async () => {
    const h = handlers();
    const reply = await dispatch({ name: 'status.get', payload: {} }, extensionPage, h, policy);
    expect(reply).toEqual({ ok: true, value: status });
    expect(h['status.get']).toHaveBeenCalledOnce();
  });

  it('refuses messages from another extension', async () => {
    const h = handlers();
    const reply = await dispatch({ name: 'status.get', payload: {} }, { ...extensionPage, id: 'evil' }, h, policy);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(h['status.get']).not.toHaveBeenCalled();
  });

  it('lets a content script report context but not sign in or read status', async () => {
    const h = handlers();
    expect(await dispatch({ name: 'context.report', payload: { context } }, contentScript, h, policy)).toMatchObject({ ok: true });
    const signIn = { backendUrl: 'http://127.0.0.1:1', email: 'a@b.co', password: 'x' };
    expect(await dispatch({ name: 'auth.signIn', payload: signIn }, contentScript, h, policy)).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(h['auth.signIn']).not.toHaveBeenCalled();
  });

  it('lets a content script ask for a screenshot with a sane rect, and only the side panel list screenshots', async () => {
    const h = handlers();
    const shot = { caseId: 'case-1', rect: { x: 10, y: 20, width: 600, height: 200 }, devicePixelRatio: 2 };
    expect(await dispatch({ name: 'capture.screenshot', payload: shot }, contentScript, h, policy)).toMatchObject({ ok: true, value: { width: 600 } });
    for (const bad of [
      { ...shot, rect: { ...shot.rect, width: 0 } },
      { ...shot, rect: { ...shot.rect, x: Number.NaN } },
      { ...shot, devicePixelRatio: 40 },
      { ...shot, extra: true },
    ]) {
      expect(await dispatch({ name: 'capture.screenshot', payload: bad }, contentScript, h, policy)).toMatchObject({ error: { code: 'invalid_request' } });
    }
    expect(h['capture.screenshot']).toHaveBeenCalledOnce();
    expect(await dispatch({ name: 'attachments.forCases', payload: { caseIds: ['case-1'] } }, contentScript, h, policy)).toMatchObject({
      error: { code: 'forbidden_sender' },
    });
    expect(await dispatch({ name: 'attachments.forCases', payload: { caseIds: ['case-1'] } }, extensionPage, h, policy)).toMatchObject({ ok: true });
  });

  it('refuses unknown names and invalid payloads without calling a handler', async () => {
    const h = handlers();
    expect(await dispatch({ name: 'db.dropAll', payload: {} }, extensionPage, h, policy)).toMatchObject({ error: { code: 'unknown_message' } });
    expect(await dispatch('hello', extensionPage, h, policy)).toMatchObject({ error: { code: 'invalid_message' } });
    const bad = { context: { ...context, url: 'not a url' } };
    expect(await dispatch({ name: 'context.report', payload: bad }, contentScript, h, policy)).toMatchObject({ error: { code: 'invalid_request' } });
    expect(h['context.report']).not.toHaveBeenCalled();
  });

  it('does not let a handler return something outside its response schema', async () => {
    const h = handlers();
    h['status.get'] = async () => ({ signedIn: 'yes' }) as never;
    expect(await dispatch({ name: 'status.get', payload: {} }, extensionPage, h, policy)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('passes a MessageError code through to the caller', async () => {
    const h = handlers();
    h['sync.now'] = async () => {
      throw new MessageError('signed_out', 'Sign in first.');
    };
    expect(await dispatch({ name: 'sync.now', payload: {} }, extensionPage, h, policy)).toEqual({
      ok: false,
      error: { code: 'signed_out', message: 'Sign in first.' },
    });
  });
});

describe('sender policy, for every declared message', () => {
  const names = Object.keys(MESSAGES) as MessageName[];

  it('refuses a content script each frame and extension message, without calling its handler, and lets it send each content one', async () => {
    for (const name of names) {
      const h = handlers();
      const reply = await dispatch({ name, payload: {} }, contentScript, h, policy);
      if (MESSAGES[name].from !== 'content') {
        expect(reply, name).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
        expect(h[name], name).not.toHaveBeenCalled();
      } else {
        expect(reply, name).not.toMatchObject({ error: { code: 'forbidden_sender' } });
      }
    }
  });

  it('lets the overlay frame send content and frame messages, and refuses it every extension one', async () => {
    for (const name of names) {
      const h = handlers();
      const reply = await dispatch({ name, payload: {} }, overlayFrame, h, policy);
      if (MESSAGES[name].from === 'extension') {
        expect(reply, name).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
        expect(h[name], name).not.toHaveBeenCalled();
      } else {
        expect(reply, name).not.toMatchObject({ error: { code: 'forbidden_sender' } });
      }
    }
  });

  it("lets Tandem's own pages send every message, in a tab too", async () => {
    for (const name of names) {
      for (const page of [extensionPage, extensionPageInTab]) {
        expect(await dispatch({ name, payload: {} }, page, handlers(), policy), name).not.toMatchObject({ error: { code: 'forbidden_sender' } });
      }
    }
  });

  it('tells the frame from a page merely named like it: another scheme, or no tab, is a content sender', () => {
    expect(senderKind(overlayFrame, policy)).toBe('frame');
    expect(senderKind({ ...overlayFrame, tab: undefined }, policy)).toBe('content');
    expect(senderKind({ ...overlayFrame, url: 'https://evil.example/overlay-frame.html' }, policy)).toBe('content');
    expect(senderKind(contentScript, policy)).toBe('content');
    expect(senderKind(extensionPageInTab, policy)).toBe('extension');
  });

  it('opens to content scripts only reading the page and asking for the frame: no writes, no customer data', () => {
    expect([...CONTENT_SCRIPT_MESSAGES].sort()).toEqual([
      'broadcasts.active',
      'capture.find',
      'capture.screenshot',
      'context.report',
      'knowledge.expand',
      'overlay.capture',
      'overlay.replyFocus',
      'privateMode.here',
      'recognition.page',
      // The stale-send guard's press held or let through: answered nothing; what is newer goes to the frame.
      'staleSend.held',
      'staleSend.sent',
      'usage.record',
    ]);
  });
});

describe('request', () => {
  it('round-trips through dispatch and throws MessageError on refusal', async () => {
    const h = handlers();
    const transport = (envelope: unknown) => dispatch(envelope, extensionPage, h, policy);
    await expect(request(transport, 'status.get', {})).resolves.toEqual(status);
    h['sync.now'] = async () => {
      throw new MessageError('offline', 'The server cannot be reached.');
    };
    await expect(request(transport, 'sync.now', {})).rejects.toMatchObject({ code: 'offline' });
  });

  it('explains a missing answer', async () => {
    await expect(request(async () => undefined, 'status.get', {})).rejects.toMatchObject({ code: 'no_reply' });
  });
});
