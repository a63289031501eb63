import type { PlayerStats } from '../../player/index.js';
import { useT } from '../../i18n/use-t.js';

/** Per-tile figures for the operator (and for whoever tunes the wall). */
export function TileStats({ stats }: { stats: PlayerStats | undefined }) {
  const t = useT();
  if (!stats) return null;
  const latency = stats.ingestToDisplayMs ?? stats.receiveToDisplayMs;
  return (
    <div className="sw-tile-stats" data-testid="tile-stats">
      {t('tile.stats.resolution')} {stats.width}×{stats.height} · {t('tile.stats.fps')} {stats.fps.toFixed(1)} · {t('tile.stats.bitrate')}{' '}
      {(stats.bitrateBps / 1e6).toFixed(2)} Mb/s · {t('tile.stats.latency')} {latency === null ? '–' : `${Math.round(latency)} ms`} (+{Math.round(stats.bufferAheadMs)} ms) ·{' '}
      {t('tile.stats.dropped')} {stats.droppedFrames}
    </div>
  );
}
