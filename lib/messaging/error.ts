// Kept free of imports so content scripts can throw and catch it without pulling in zod.

/** An error that crossed the channel, with a stable code the UI can branch on. */
export class MessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}
