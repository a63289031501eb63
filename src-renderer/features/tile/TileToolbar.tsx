import type { ReactNode } from 'react';

export interface TileAction {
  id: string;
  label: string;
  run(): void;
  pressed?: boolean;
  disabled?: boolean;
}

/**
 * The tile's actions on hover (top right); the same list feeds its context menu. `pinned` (the
 * selected PTZ tile's 云台控制) comes first and stays shown without hover, in the same flow, so
 * the rows of actions wrap around it instead of under it.
 */
export function TileToolbar({ actions, pinned }: { actions: TileAction[]; pinned?: ReactNode }): ReactNode {
  return (
    <div className={`sw-tile-toolbar${pinned ? ' pinned' : ''}`} data-testid="tile-toolbar" role="toolbar">
      {pinned}
      {actions.map((a) => (
        <button
          key={a.id}
          className="sw-tile-action"
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
