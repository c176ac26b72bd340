// The admins' privacy routes (server/routes/privacy-admin.ts): retention periods and runs, finding, erasing and exporting a customer.
import {
  CustomerExport,
  EraseCustomerRequest,
  ErasureResponse,
  PrivacyCustomersResponse,
  RetentionResponse,
  RetentionRunResponse,
  RunRetentionRequest,
  SetRetentionRequest,
} from '../schema/privacy';
import { type Http, path } from './http';

/** Erasing a customer with years of history rewrites many records: more than the default 15 s. */
const PRIVACY_TIMEOUT_MS = 60_000;

export function privacyAdminRoutes(http: Http) {
  return {
    retention: () => http.call(RetentionResponse, { path: '/privacy/retention' }),
    setRetention: (teamId: string, days: number | null) =>
      http.call(RetentionResponse, { method: 'PUT', path: path`/privacy/retention/${teamId}`, json: { schema: SetRetentionRequest, value: { days } } }),
    runRetention: (teamId?: string) =>
      http.call(RetentionRunResponse, {
        method: 'POST',
        path: '/privacy/retention/run',
        json: { schema: RunRetentionRequest, value: teamId ? { teamId } : {} },
        timeoutMs: PRIVACY_TIMEOUT_MS,
      }),
    findCustomers: (q: string) => http.call(PrivacyCustomersResponse, { path: '/privacy/customers', query: { q } }),
    eraseCustomer: (customerId: string, reason: string) =>
      http.call(ErasureResponse, {
        method: 'POST',
        path: path`/privacy/customers/${customerId}/erase`,
        json: { schema: EraseCustomerRequest, value: { reason } },
        timeoutMs: PRIVACY_TIMEOUT_MS,
      }),
    exportCustomer: (customerId: string) => http.call(CustomerExport, { path: path`/privacy/customers/${customerId}/export`, timeoutMs: PRIVACY_TIMEOUT_MS }),
  };
}
