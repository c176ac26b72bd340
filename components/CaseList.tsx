import type { Case } from '../lib/schema';
import { SlaBadge } from './SlaBadge';

export function CaseList({ cases, limit }: { cases: Case[]; limit?: number }) {
  const shown = limit === undefined ? cases : cases.slice(0, limit);
  return (
    <section class="tdm-section" aria-label="Open cases">
      <h3>
        Open cases <span class="tdm-count">{cases.length}</span>
      </h3>
      {shown.length === 0 ? (
        <p class="tdm-muted">No open cases.</p>
      ) : (
        <ul class="tdm-cases">
          {shown.map((c) => (
            <li key={c.id} class="tdm-case" data-testid="tandem-case">
              <div class="tdm-case__subject">{c.subject}</div>
              <div class="tdm-case__meta">
                <span class={`tdm-priority tdm-priority--${c.priority}`}>{c.priority}</span>
                <span>{c.channel}</span>
                <span>{c.status}</span>
                <SlaBadge dueAt={c.slaDueAt} clock={c.slaClock} teamId={c.teamId} />
              </div>
              {c.notes?.map((note) => (
                // A broadcast incident's workaround, noted by the server on the cases linked to it (docs/incidents.md).
                <p
                  key={`${note.kind}-${note.incidentId ?? note.createdAt}`}
                  style={{ margin: '2px 0 0', fontSize: '12px', whiteSpace: 'pre-wrap' }}
                  data-testid="tandem-case-note"
                >
                  <strong>Workaround:</strong> {note.text}
                </p>
              ))}
            </li>
          ))}
        </ul>
      )}
      {shown.length < cases.length && <p class="tdm-muted">and {cases.length - shown.length} more in the side panel</p>}
    </section>
  );
}
