import { useT } from '../../i18n/use-t.js';
import { useAppStore } from '../../store/app-store.js';
import { Tile } from '../tile/Tile.js';

export function WallView() {
  const t = useT();
  const wall = useAppStore((s) => s.wall);
  const selected = useAppStore((s) => s.selectedTile);
  const select = useAppStore((s) => s.selectTile);
  if (!wall) return null;
  const defaultName = /^Wall (\d+)$/.exec(wall.name);
  return (
    <section className="sw-wall" data-testid="wall">
      <h2>{defaultName ? t('wall.defaultName', { n: defaultName[1]! }) : wall.name}</h2>
      <div className="sw-grid" style={{ gridTemplateColumns: `repeat(${wall.cols}, 1fr)`, gridTemplateRows: `repeat(${wall.rows}, 1fr)` }}>
        {wall.tiles.map((tile, i) => (
          <Tile key={i} index={i} cameraId={tile.cameraId} profile={tile.profile} selected={i === selected} onSelect={() => select(i)} />
        ))}
      </div>
    </section>
  );
}
