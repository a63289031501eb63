import { useCallback, useEffect, useMemo } from 'react';
import { layoutOf } from '@common/model/wall-layout.js';
import { useT } from '../../i18n/use-t.js';
import { useStore, wallsSelectors } from '../../store/index.js';
import { Tile } from '../tile/Tile.js';
import { dropAssignments } from '../tree/drag-data.js';
import { SnapshotFolderDialog } from '../tile/SnapshotFolder.js';
import { openTourDialog, TourDialog } from '../tour/TourDialog.js';
import { useTourDriver } from '../tour/tour-state.js';
import { LayoutEditor } from './LayoutEditor.js';
import { SceneNotice } from './SceneNotice.js';
import { WallsDialog } from './WallsDialog.js';
import { WallSwitcher } from './WallSwitcher.js';
import { LayoutPicker } from './LayoutPicker.js';
import { NumberEntry } from './NumberEntry.js';
import { RemoveConfirm } from './RemoveConfirm.js';
import { UndoNotice } from './UndoNotice.js';
import { useWallShortcuts } from './use-wall-shortcuts.js';
import { WallCell } from './WallCell.js';
import './wall.css';

export function WallView() {
  const t = useT();
  const wall = useStore(wallsSelectors.wall);
  const layout = useMemo(() => (wall ? layoutOf(wall) : undefined), [wall]);
  const selected = useStore(wallsSelectors.selectedTile);
  const maximised = useStore(wallsSelectors.maximisedTile);
  const fullScreen = useStore(wallsSelectors.wallFullScreen);
  const overflow = useStore(wallsSelectors.overflowCount);
  const defaultName = useStore(wallsSelectors.defaultNameNumber);
  const select = useStore((s) => s.selectTile);
  const toggleMaximise = useStore((s) => s.toggleMaximise);
  const placeCameras = useStore((s) => s.placeCameras);
  const swapTiles = useStore((s) => s.swapTiles);
  const toggleFullScreen = useFullScreen();
  useWallShortcuts(toggleFullScreen);
  useTourDriver();
  if (!wall || !layout) return null;
  return (
    <section className="sw-wall" data-testid="wall" data-full-screen={fullScreen}>
      <div className="sw-wall-bar">
        <h2 className="sw-visually-hidden">{defaultName ? t('wall.defaultName', { n: defaultName }) : wall.name}</h2>
        <WallSwitcher />
        {overflow > 0 && (
          <span className="sw-muted" data-testid="wall-overflow">
            {t('wall.overflow', { count: overflow })}
          </span>
        )}
        <LayoutPicker />
        <button data-testid="wall-tour" aria-pressed={!!wall.tours?.wall} onClick={() => openTourDialog({ kind: 'wall' })}>
          {t('tour.action.wall')}
        </button>
        <button data-testid="wall-full-screen" aria-pressed={fullScreen} title="F11" onClick={toggleFullScreen}>
          {t(fullScreen ? 'wall.fullScreen.leave' : 'wall.fullScreen')}
        </button>
      </div>
      <div
        className="sw-grid"
        data-testid="wall-grid"
        data-rows={layout.rows}
        data-cols={layout.cols}
        style={{ gridTemplateColumns: `repeat(${layout.cols}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))` }}
      >
        {wall.tiles.map((tile, i) => (
          <WallCell
            key={i}
            index={i}
            cell={layout.cells[i]!}
            hidden={maximised !== undefined && maximised !== i}
            maximised={maximised === i}
            hasCamera={tile.cameraId !== null}
            onMaximise={() => toggleMaximise(i)}
            onDropCameras={(payload) => void placeCameras(dropAssignments(payload, i, wall.tiles.map((t) => t.cameraId)), i)}
            onSwap={(from) => void swapTiles(from, i)}
          >
            <Tile index={i} cameraId={tile.cameraId} profile={tile.profile} selected={i === selected} onSelect={() => select(i)} />
          </WallCell>
        ))}
      </div>
      <NumberEntry />
      <UndoNotice />
      <SceneNotice />
      <RemoveConfirm />
      <TourDialog />
      <SnapshotFolderDialog />
      <LayoutEditor />
      <WallsDialog />
    </section>
  );
}

/** F11: the wall alone on the whole screen (the browser's full screen too, where it allows it). */
function useFullScreen(): () => void {
  useEffect(() => {
    // Leaving the browser's full screen by its own means (Esc in Chromium) leaves the wall mode too.
    const onChange = () => {
      if (!document.fullscreenElement && useStore.getState().wallFullScreen) useStore.getState().setWallFullScreen(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  return useCallback(() => {
    const on = !useStore.getState().wallFullScreen;
    useStore.getState().setWallFullScreen(on);
    if (on && !document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => undefined);
    if (!on && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  }, []);
}
