import { useT } from '../i18n/use-t.js';
import { useStore, type Store } from '../store/index.js';

/** Cameras on this window's wall (each counted once, however many tiles show it). */
function camerasOnWall(s: Store): number {
  return new Set(s.wall?.tiles.flatMap((t) => (t.cameraId ? [t.cameraId] : []))).size;
}

/** Of those, the ones a tile is playing live right now. */
function liveCameras(s: Store): number {
  return new Set(Object.values(s.tiles).flatMap((t) => (t.state === 'live' ? [t.cameraId] : []))).size;
}

/** The header's "how many cameras on the wall are live"; short of all, it says so in the problem colour. */
export function LiveCount() {
  const t = useT();
  const count = useStore(camerasOnWall);
  const live = useStore(liveCameras);
  if (count === 0) return null;
  return (
    <span className={`sw-live-count${live < count ? ' short' : ''}`} data-testid="live-count" data-live={live} data-count={count}>
      {t('app.liveCount', { live, count })}
    </span>
  );
}
