import type { TandemDatabase } from '../db';
import type { Handlers } from '../messaging/dispatch';
import { pickRecord, rememberPick } from './picks';

/** The agent's pick between plausible people on a record, remembered for that record. */
export function createRecognitionHandlers({ db }: { db: TandemDatabase }): Pick<Handlers, 'context.pick'> {
  return {
    'context.pick': async ({ site, recordId, customerId }) => {
      const record = pickRecord({ site, recordId });
      if (record) await rememberPick(db, record, customerId);
      return {};
    },
  };
}
