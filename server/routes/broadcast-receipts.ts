// Broadcast read receipts (server/broadcasts/receipts.ts): any agent acknowledges what was broadcast to them; managers see,
// per broadcast, which of their teams' agents have and have not.
import { Hono } from 'hono';
import { BroadcastReadsResponse, MAX_RECEIPTS, ReceiptsRequest, ReceiptsSentResponse } from '../../lib/schema/broadcast-receipts';
import { broadcastReads, storeReceipts } from '../broadcasts/receipts';
import { batchLength, HttpError, parseInput, readJsonValue } from '../http';
import { type RouteDeps, type RouteEnv, requireRole, requireUser, teamsInView } from './access';

export function broadcastReceiptRoutes({ db, now }: RouteDeps) {
  const router = new Hono<RouteEnv>();
  router.use('*', requireUser(db, now));

  router.post('/receipts', async (c) => {
    const raw = await readJsonValue(c);
    const count = batchLength(raw, 'receipts');
    if (count > MAX_RECEIPTS) throw new HttpError(400, 'invalid_request', `Send at most ${MAX_RECEIPTS} receipts at a time; this batch has ${count}.`);
    const { receipts } = parseInput(ReceiptsRequest, raw);
    return c.json(ReceiptsSentResponse.parse(await storeReceipts(db, c.get('user'), receipts, now())));
  });

  router.get('/receipts', requireRole('manager', 'admin'), async (c) => {
    return c.json(BroadcastReadsResponse.parse({ broadcasts: await broadcastReads(db, await teamsInView(db, c.get('user'))) }));
  });

  return router;
}
