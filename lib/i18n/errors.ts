// Error lines in the reader's language. The server (and the background) answer `{ code, message }` with an English
// sentence; each known code has its own catalog message, so a German reader gets a German sentence, and an English
// reader the code's short summary followed by the server's sentence, which says more (which role, which field).
import type { ApiErrorCode } from '../schema/api';
import { type MessageKey, t, uiLocale } from './t';

/** Every code the server can send (lib/schema/api.ts API_ERROR_CODES): typecheck fails when one has no message. */
const SERVER_ERRORS = {
  invalid_json: 'ckb_error_invalid_json',
  invalid_request: 'ckb_error_invalid_request',
  payload_too_large: 'ckb_error_payload_too_large',
  unauthorized: 'ckb_error_unauthorized',
  forbidden: 'ckb_error_forbidden',
  not_found: 'ckb_error_not_found',
  invalid_credentials: 'ckb_error_invalid_credentials',
  rate_limited: 'ckb_error_rate_limited',
  conflict: 'ckb_error_conflict',
  unknown_team: 'ckb_error_unknown_team',
  email_taken: 'ckb_error_email_taken',
  invalid_invitation: 'ckb_error_invalid_invitation',
  too_many_events: 'ckb_error_too_many_events',
  cannot_change_self: 'ckb_error_cannot_change_self',
  unsupported_media_type: 'ckb_error_unsupported_media_type',
  too_many_mutations: 'ckb_error_too_many_mutations',
  scope_changed: 'ckb_error_scope_changed',
  cursor_ahead: 'ckb_error_cursor_ahead',
  internal: 'ckb_error_internal',
  unavailable: 'ckb_error_unavailable',
} as const satisfies Record<ApiErrorCode, MessageKey>;

/** The codes the extension makes itself: the API client (lib/api/http.ts), the message router and the background. */
const EXTENSION_ERRORS = {
  offline: 'ckb_error_offline',
  network: 'ckb_error_network',
  aborted: 'ckb_error_aborted',
  bad_response: 'ckb_error_bad_response',
  http_error: 'ckb_error_http_error',
  server_changed: 'ckb_error_server_changed',
  signed_out: 'ckb_error_signed_out',
  private_mode: 'ckb_error_private_mode',
  never_capture: 'ckb_error_never_capture',
  no_reply: 'ckb_error_no_reply',
  claimed: 'ckb_error_claimed',
  managed_server: 'ckb_error_managed_server',
  screenshot_failed: 'ckb_error_screenshot_failed',
  screenshot_not_visible: 'ckb_error_screenshot_not_visible',
  screenshot_off_screen: 'ckb_error_screenshot_off_screen',
  screenshot_unavailable: 'ckb_error_screenshot_unavailable',
  screenshot_not_allowed: 'ckb_error_screenshot_not_allowed',
  invalid_sender: 'ckb_error_invalid_sender',
  forbidden_sender: 'ckb_error_forbidden_sender',
  invalid_message: 'ckb_error_invalid_message',
  unknown_message: 'ckb_error_unknown_message',
} as const satisfies Record<string, MessageKey>;

const ERROR_MESSAGES: Readonly<Record<string, MessageKey>> = { ...SERVER_ERRORS, ...EXTENSION_ERRORS };

/** The catalog message of an error code; undefined for a code this build does not know. */
export function errorMessageKey(code: string): MessageKey | undefined {
  return Object.hasOwn(ERROR_MESSAGES, code) ? ERROR_MESSAGES[code] : undefined;
}

/** The language the server and the background write their error sentences in. */
const DETAIL_LANGUAGE = 'en';

/**
 * What an error line shows for a failure: a MessageError or ApiClientError (anything with a string `code`) by its code,
 * in the reader's language; an unknown code or a plain Error by its own message.
 */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : null;
  const key = code === null ? undefined : errorMessageKey(code);
  if (!key) return message;
  const readsDetail = uiLocale().toLowerCase().split(/[-_]/)[0] === DETAIL_LANGUAGE;
  return readsDetail && message ? t('ckb_error_with_detail', t(key), message) : t(key);
}
