import type { PrivateMatters } from '../lib/sites/public-reply';

/**
 * Shown while the agent is in a public reply box for a customer with private matters. It informs and
 * never blocks: the page keeps the focus and the agent keeps typing.
 */
export function PublicReplyWarning({ matters, onDismiss }: { matters: PrivateMatters; onDismiss?: () => void }) {
  const { customerName, privateCases, privateInteractions } = matters;
  return (
    <div class="tdm-warning" role="status" aria-live="polite" data-testid="tandem-public-warning">
      <p>
        <strong>This reply is public.</strong> {customerName} has private matters: do not mention them here, move the conversation to a private channel.
      </p>
      <ul>
        {privateCases.slice(0, 3).map((c) => (
          <li key={c.subject}>
            Open case “{c.subject}” ({c.channel})
          </li>
        ))}
        {privateCases.length > 3 && <li>and {privateCases.length - 3} more private cases</li>}
        {privateInteractions > 0 && (
          <li>
            {privateInteractions} private {privateInteractions === 1 ? 'message' : 'messages'} in the recent timeline
          </li>
        )}
      </ul>
      {onDismiss && (
        <button type="button" onClick={onDismiss}>
          Got it
        </button>
      )}
    </div>
  );
}
