import type { ReactNode } from 'react';

export interface TileAction {
  id: string;
  label: string;
  run(): void;
  pressed?: boolean;
  disabled?: boolean;
}

/** The tile's actions on hover (top right); the same list feeds its context menu. */
export function TileToolbar({ actions }: { actions: TileAction[] }): ReactNode {
  return (
    <div className="sw-tile-toolbar" data-testid="tile-toolbar" role="toolbar">
      {actions.map((a) => (
        <button
          key={a.id}
          data-testid={`tile-action-${a.id}`}
          aria-pressed={a.pressed}
          disabled={a.disabled}
          onClick={(e) => {
            e.stopPropagation();
            a.run();
          }}
          onDoubleClick={(e) => e.stopPropagation()}
        >
          {a.label}
        </button>
      ))}
    </div>
  );
}
