import { useEffect, useRef, useState } from 'preact/hooks';
import { ContextView } from '../../components/ContextView';
import { collapsed, lastError, pageContext, resolution, scheme } from './state';

function title(): string {
  const r = resolution.value;
  if (r?.status === 'matched') return r.view.customer.name;
  if (r?.status === 'unknown') return pageContext.value?.displayName ?? 'Unknown person';
  return 'No customer in view';
}

/** The overlay: a small, movable, collapsible card in the page's corner. */
export function OverlayApp({ initialOffset, onMoved }: { initialOffset: { right: number; bottom: number }; onMoved(offset: { right: number; bottom: number }): void }) {
  const [offset, setOffset] = useState(initialOffset);
  const drag = useRef<{ x: number; y: number; right: number; bottom: number } | null>(null);
  const context = pageContext.value;
  const current = resolution.value;

  useEffect(() => {
    const move = (e: PointerEvent) => {
      const start = drag.current;
      if (!start) return;
      setOffset({
        right: Math.max(0, Math.min(window.innerWidth - 80, start.right - (e.clientX - start.x))),
        bottom: Math.max(0, Math.min(window.innerHeight - 40, start.bottom - (e.clientY - start.y))),
      });
    };
    const up = () => {
      if (!drag.current) return;
      drag.current = null;
      setOffset((o) => {
        onMoved(o);
        return o;
      });
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    return () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
  }, [onMoved]);

  // Keyboard: arrow keys on the header move the card, as a pointer drag would.
  const onHeaderKey = (e: KeyboardEvent) => {
    const step = e.shiftKey ? 40 : 10;
    const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const delta = moves[e.key];
    if (!delta) return;
    e.preventDefault();
    const next = { right: Math.max(0, offset.right + delta[0]), bottom: Math.max(0, offset.bottom + delta[1]) };
    setOffset(next);
    onMoved(next);
  };

  return (
    <div
      class="tdm-root tdm-overlay"
      data-scheme={scheme.value}
      data-testid="tandem-overlay"
      style={{ right: `${offset.right}px`, bottom: `${offset.bottom}px` }}
      role="complementary"
      aria-label="Tandem customer context"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !collapsed.value) collapsed.value = true;
      }}
    >
      <div
        class="tdm-overlay__bar"
        tabIndex={0}
        title="Drag or use the arrow keys to move"
        onPointerDown={(e) => {
          if ((e.target as HTMLElement).closest('button')) return;
          drag.current = { x: e.clientX, y: e.clientY, ...offset };
        }}
        onKeyDown={onHeaderKey}
      >
        <span class="tdm-overlay__brand">Tandem</span>
        <span class="tdm-overlay__title" data-testid="tandem-overlay-title">
          {title()}
        </span>
        <button
          type="button"
          aria-expanded={!collapsed.value}
          aria-label={collapsed.value ? 'Expand Tandem' : 'Collapse Tandem'}
          onClick={() => (collapsed.value = !collapsed.value)}
        >
          {collapsed.value ? '▴' : '▾'}
        </button>
      </div>
      {!collapsed.value && (
        <div class="tdm-overlay__body">
          {lastError.value && <p class="tdm-error">{lastError.value}</p>}
          {context && current ? <ContextView context={context} resolution={current} compact /> : <p class="tdm-muted">Reading this page…</p>}
        </div>
      )}
    </div>
  );
}
