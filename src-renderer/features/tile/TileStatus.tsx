// What a tile says about its camera: a small badge on the name plate for every state, and a
// panel across the picture for what needs the operator (offline, refused credentials, a format
// or budget that cannot be shown). Colour only for problems: live and connecting stay neutral.
import type { StreamState } from '@common/contract/stream.js';
import { useT } from '../../i18n/use-t.js';
import type { TileView } from './tile-session.js';
import { hourMinuteText } from './use-clock.js';

const STATE_KEYS = {
  connecting: 'tile.state.connecting',
  live: 'tile.state.live',
  stalled: 'tile.state.stalled',
  reconnecting: 'tile.state.reconnecting',
  auth_failed: 'tile.state.auth_failed.short',
  unsupported: 'tile.state.unsupported.short',
  offline: 'tile.state.offline',
} as const satisfies Record<StreamState, string>;

const DARK_KEYS = {
  h265_unsupported: 'tile.dark.h265_unsupported',
  codec_unsupported: 'tile.dark.codec_unsupported',
  over_budget: 'tile.dark.over_budget',
  player_cap: 'tile.dark.player_cap',
} as const satisfies Record<NonNullable<TileView['darkReason']>, string>;

/** The stream budget's refusal (main's `over_budget` status), by the limit that is full. */
const BUDGET_KEYS = {
  streams: 'budget.refused.streams',
  bitrate: 'budget.refused.bitrate',
  transcodes: 'budget.refused.transcodes',
} as const;

export type Severity = 'none' | 'warn' | 'bad';

/** How loud a state is: nothing for a working tile, amber for a passing problem, red for a dead one. */
export function severityOf(view: TileView): Severity {
  if (view.darkReason) return 'bad';
  switch (view.state) {
    case 'stalled':
    case 'reconnecting':
      return 'warn';
    case 'offline':
    case 'auth_failed':
    case 'unsupported':
      return 'bad';
    default:
      return 'none';
  }
}

const seconds = (ms: number | undefined) => Math.ceil((ms ?? 0) / 1000);

export function TileBadge({ view }: { view: TileView }) {
  const t = useT();
  if (!view.state) return null;
  const text = view.overBudget
    ? t('budget.badge')
    : view.state === 'reconnecting'
      ? t('tile.state.reconnecting', { s: seconds(view.retryInMs) })
      : t(STATE_KEYS[view.state]);
  return (
    <span className={`sw-tile-state ${severityOf(view)}`} data-testid="tile-state">
      {text}
    </span>
  );
}

interface PanelProps {
  view: TileView;
  onReconnect(): void;
  onFixCredentials(): void;
}

/** The panel across the picture for states the operator must see from across the room. */
export function TileProblemPanel({ view, onReconnect, onFixCredentials }: PanelProps) {
  const t = useT();
  if (view.darkReason) {
    return (
      <div className="sw-tile-panel bad" data-testid="tile-dark">
        <p>{t(DARK_KEYS[view.darkReason])}</p>
      </div>
    );
  }
  if (view.overBudget) {
    const key = BUDGET_KEYS[view.overBudget.limit as keyof typeof BUDGET_KEYS] ?? 'error.over_budget';
    return (
      <div className="sw-tile-panel bad" data-testid="tile-over-budget">
        <strong>{t('budget.badge')}</strong>
        <p>{t(key, view.overBudget)}</p>
      </div>
    );
  }
  if (view.state === 'offline') {
    return (
      <div className="sw-tile-panel bad" data-testid="tile-offline">
        <strong className="sw-tile-big">{t('tile.state.offline')}</strong>
        {view.offlineSince !== undefined && <span data-testid="tile-offline-since">{t('tile.offline.since', { time: hourMinuteText(view.offlineSince) })}</span>}
        <span data-testid="tile-countdown">{view.retryInMs !== undefined ? t('tile.state.reconnecting', { s: seconds(view.retryInMs) }) : t('tile.state.connecting')}</span>
        <button
          data-testid="tile-reconnect"
          onClick={(e) => {
            e.stopPropagation();
            onReconnect();
          }}
        >
          {t('tile.action.reconnectNow')}
        </button>
      </div>
    );
  }
  if (view.state === 'auth_failed') {
    return (
      <div className="sw-tile-panel bad" data-testid="tile-auth-failed">
        <strong>{t('tile.state.auth_failed.short')}</strong>
        <p>{t('tile.state.auth_failed')}</p>
        <button
          data-testid="tile-fix-credentials"
          onClick={(e) => {
            e.stopPropagation();
            onFixCredentials();
          }}
        >
          {t('tile.action.fixCredentials')}
        </button>
      </div>
    );
  }
  if (view.state === 'unsupported') {
    return (
      <div className="sw-tile-panel bad" data-testid="tile-unsupported">
        <strong>{t('tile.state.unsupported.short')}</strong>
        <p>{t('tile.state.unsupported')}</p>
      </div>
    );
  }
  return null;
}
