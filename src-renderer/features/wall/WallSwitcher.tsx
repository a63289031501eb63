import { useT } from '../../i18n/use-t.js';
import { useStore, wallsSelectors } from '../../store/index.js';
import { wallLabel } from './wall-label.js';

/** Which wall this window shows, chosen from every wall; 墙与预案… manages walls and scenes. */
export function WallSwitcher() {
  const t = useT();
  const wall = useStore(wallsSelectors.wall);
  const walls = useStore(wallsSelectors.walls);
  const showWall = useStore((s) => s.showWall);
  const openDialog = useStore((s) => s.setWallsDialogOpen);
  if (!wall) return null;
  // The list may lag a moment behind a new wall: this window's wall is always listed.
  const choices = walls.some((w) => w.id === wall.id) ? walls : [...walls, wall];
  return (
    <div className="sw-wall-switcher">
      <select data-testid="wall-select" aria-label={t('walls.switch')} value={wall.id} onChange={(e) => void showWall(e.target.value).catch(() => undefined)}>
        {choices.map((w) => (
          <option key={w.id} value={w.id}>
            {wallLabel(t, w.id === wall.id ? wall : w)}
          </option>
        ))}
      </select>
      <button data-testid="walls-manage" onClick={() => openDialog(true)}>
        {t('walls.manage')}
      </button>
    </div>
  );
}
