import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../i18n/use-t.js';
import type { TileAction } from './TileToolbar.js';

/**
 * The tile's context menu at the pointer (viewport coordinates; drawn over the page so a small
 * tile does not cut it off): every action; Esc, a click elsewhere or a choice closes it.
 */
export function TileMenu({ at, index, actions, onClose }: { at: { x: number; y: number }; index: number; actions: TileAction[]; onClose(): void }) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState(at);
  useLayoutEffect(() => {
    const r = ref.current?.getBoundingClientRect();
    if (r) setPlace({ x: Math.max(0, Math.min(at.x, window.innerWidth - r.width - 4)), y: Math.max(0, Math.min(at.y, window.innerHeight - r.height - 4)) });
  }, [at]);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const away = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', away, true);
    return () => document.removeEventListener('pointerdown', away, true);
  }, [onClose]);
  return createPortal(
    <div
      ref={ref}
      className="sw-tile-menu"
      role="menu"
      aria-label={t('tile.menu.label', { n: index + 1 })}
      data-testid="tile-menu"
      style={{ left: place.x, top: place.y }}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
          const i = items.indexOf(document.activeElement as HTMLButtonElement);
          items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
        }
      }}
    >
      {actions.map((a) => (
        <button
          key={a.id}
          role="menuitemcheckbox"
          aria-checked={a.pressed ?? false}
          data-testid={`tile-menu-${a.id}`}
          disabled={a.disabled}
          onClick={() => {
            onClose();
            a.run();
          }}
        >
          <span className="sw-tile-menu-check">{a.pressed ? '✓' : ''}</span>
          {a.label}
        </button>
      ))}
    </div>,
    document.body,
  );
}
