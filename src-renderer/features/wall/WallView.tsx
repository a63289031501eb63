import { useT } from '../../i18n/use-t.js';
import { useStore, wallsSelectors } from '../../store/index.js';
import { Tile } from '../tile/Tile.js';

const LAYOUTS = [1, 2, 3, 4, 5, 6, 8];

export function WallView() {
  const t = useT();
  const wall = useStore(wallsSelectors.wall);
  const selected = useStore(wallsSelectors.selectedTile);
  const select = useStore((s) => s.selectTile);
  const setLayout = useStore((s) => s.setLayout);
  const defaultName = useStore(wallsSelectors.defaultNameNumber);
  if (!wall) return null;
  return (
    <section className="sw-wall" data-testid="wall">
      <div className="sw-wall-bar">
        <h2>{defaultName ? t('wall.defaultName', { n: defaultName }) : wall.name}</h2>
        <label className="sw-muted">
          {t('wall.layout')}{' '}
          <select data-testid="layout-select" value={`${wall.rows}x${wall.cols}`} onChange={(e) => void setLayout(Number(e.target.value.split('x')[0]))}>
            {LAYOUTS.map((n) => (
              <option key={n} value={`${n}x${n}`}>
                {n}×{n}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="sw-grid" style={{ gridTemplateColumns: `repeat(${wall.cols}, 1fr)`, gridTemplateRows: `repeat(${wall.rows}, 1fr)` }}>
        {wall.tiles.map((tile, i) => (
          <Tile key={i} index={i} cameraId={tile.cameraId} profile={tile.profile} selected={i === selected} onSelect={() => select(i)} />
        ))}
      </div>
    </section>
  );
}
