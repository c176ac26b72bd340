// How a webhook delivery is signed, the way Stripe signs its events: `Tandem-Signature: t=<unix seconds>,v1=<hex>`,
// where v1 is HMAC-SHA256 over `<t>.<raw body>` with the webhook's secret. The timestamp inside the signed text lets a
// receiver refuse replays older than its tolerance. docs/webhooks.md shows a receiver.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'Tandem-Signature';

/** A new signing secret: 32 random bytes, prefixed so it is recognisable in a secrets scanner. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The signature header's value for this body at this time. */
export function signDelivery(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}

/**
 * What a receiver checks: the header is well formed, its timestamp is within `toleranceSeconds` of now, and one of
 * its v1 signatures matches (compared in constant time). Returns why not, or null when the delivery is genuine.
 */
export function signatureProblem(secret: string, header: string | null, body: string, now: Date, toleranceSeconds = 300): string | null {
  if (!header) return 'no signature header';
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const signatures = parts.filter(([k]) => k === 'v1').map(([, v]) => v ?? '');
  if (!Number.isInteger(t) || signatures.length === 0) return 'malformed signature header';
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return 'timestamp outside the tolerance';
  const expected = Buffer.from(hmac(secret, t, body), 'hex');
  const matches = signatures.some((s) => {
    const given = Buffer.from(s, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? null : 'signature does not match';
}
