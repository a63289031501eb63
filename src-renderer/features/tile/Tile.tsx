import { useEffect, useRef, useState } from 'react';
import type { StreamState } from '@common/contract/stream.js';
import { useT } from '../../i18n/use-t.js';
import { devicesSelectors, settingsSelectors, useStore } from '../../store/index.js';
import { useTileStream } from './use-tile-stream.js';
import { TileStats } from './TileStats.js';

interface TileProps {
  index: number;
  cameraId: string | null;
  profile: 'main' | 'sub';
  selected: boolean;
  onSelect(): void;
}

const DARK_KEYS = {
  h265_unsupported: 'tile.dark.h265_unsupported',
  codec_unsupported: 'tile.dark.codec_unsupported',
  player_cap: 'tile.dark.player_cap',
} as const;
const BAD_STATES: StreamState[] = ['auth_failed', 'unsupported', 'offline', 'stalled'];
const STATE_KEYS = {
  connecting: 'tile.state.connecting',
  live: 'tile.state.live',
  stalled: 'tile.state.stalled',
  reconnecting: 'tile.state.reconnecting',
  auth_failed: 'tile.state.auth_failed',
  unsupported: 'tile.state.unsupported',
  offline: 'tile.state.offline',
} as const satisfies Record<StreamState, string>;

export function Tile({ index, cameraId, profile, selected, onSelect }: TileProps) {
  const t = useT();
  const camera = useStore((s) => devicesSelectors.cameraById(s, cameraId));
  const showStats = useStore(settingsSelectors.showTileStats);
  const slotRef = useRef<HTMLDivElement>(null);
  const tileRef = useRef<HTMLDivElement>(null);
  const visible = useVisibility(tileRef);
  const stream = useTileStream(camera ? camera.id : null, profile, slotRef, visible, camera);
  useReportTile(index, camera?.id, stream.state, stream.darkReason);

  const stateText = (() => {
    if (!stream.state) return '';
    if (stream.state === 'reconnecting') return t('tile.state.reconnecting', { s: Math.ceil((stream.retryInMs ?? 0) / 1000) });
    return t(STATE_KEYS[stream.state]);
  })();

  return (
    <div
      ref={tileRef}
      className={`sw-tile${selected ? ' selected' : ''}`}
      data-testid="tile"
      data-index={index}
      data-state={stream.state ?? 'empty'}
      onClick={onSelect}
    >
      <div ref={slotRef} className="sw-tile-video" />
      {!camera && <div className="sw-tile-empty">{t('tile.empty')}</div>}
      {camera && <div className="sw-tile-label">{camera.name}</div>}
      {camera && stream.state && (
        <div className={`sw-tile-state ${stream.state === 'live' ? 'live' : BAD_STATES.includes(stream.state) ? 'bad' : ''}`} data-testid="tile-state">
          {stateText}
        </div>
      )}
      {stream.darkReason && (
        <div className="sw-tile-dark" data-testid="tile-dark">
          {t(DARK_KEYS[stream.darkReason])}
        </div>
      )}
      {camera && isG711(stream.stats?.audioNotPlayed) && (
        <div className="sw-tile-notice" data-testid="tile-audio-notice">
          {t('tile.audio.g711')}
        </div>
      )}
      {camera && showStats && <TileStats stats={stream.stats} />}
    </div>
  );
}

/** G.711 is common on NVRs and no browser decoder plays it: say it is dropped, not broken. */
function isG711(codec: string | undefined): boolean {
  return codec === 'pcma' || codec === 'pcmu';
}

/** Tells the store what this tile shows, for wall-wide views (how many tiles are live). */
function useReportTile(index: number, cameraId: string | undefined, state: StreamState | undefined, darkReason: string | undefined): void {
  const report = useStore((s) => s.reportTile);
  useEffect(() => {
    report(index, cameraId ? { cameraId, ...(state ? { state } : {}), ...(darkReason ? { darkReason } : {}) } : undefined);
  }, [report, index, cameraId, state, darkReason]);
  useEffect(() => () => report(index, undefined), [report, index]);
}

/** Off-screen or hidden tiles stop their players: no decode work nobody sees. */
function useVisibility(ref: React.RefObject<HTMLElement | null>): boolean {
  const [inView, setInView] = useState(true);
  const [pageVisible, setPageVisible] = useState(document.visibilityState !== 'hidden');
  useEffect(() => {
    const onVis = () => setPageVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onVis);
    const el = ref.current;
    const io = el ? new IntersectionObserver((entries) => setInView(entries.some((e) => e.isIntersecting))) : undefined;
    if (el && io) io.observe(el);
    return () => {
      document.removeEventListener('visibilitychange', onVis);
      io?.disconnect();
    };
  }, [ref]);
  return inView && pageVisible;
}
