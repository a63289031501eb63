// Everything an operator can do to one tile, as one list: the hover toolbar shows the first few,
// the context menu all of them.
import { useCallback, useState, type RefObject } from 'react';
import type { Camera } from '@common/contract/index.js';
import { useT, useTError } from '../../i18n/use-t.js';
import { saveSnapshot } from '../../services/streams.js';
import { useStore, wallsSelectors } from '../../store/index.js';
import { openTourDialog } from '../tour/TourDialog.js';
import { openSnapshotFolder, snapshotFolder } from './SnapshotFolder.js';
import { tileSnapshot, wallSnapshot } from './snapshot.js';
import type { Profile } from './stream-choice.js';
import type { TileAction } from './TileToolbar.js';

interface TileActionInput {
  index: number;
  camera: Camera | undefined;
  slotRef: RefObject<HTMLElement | null>;
  tileRef: RefObject<HTMLElement | null>;
  override: Profile | undefined;
  setOverride(p: Profile | undefined): void;
  statsOn: boolean;
  setStatsOn(on: boolean): void;
  zoomed: boolean;
  zoomIn(width: number, height: number): void;
  zoomReset(): void;
  tourOnTile: boolean;
}

/** The tile's picture on top (the one a make-before-break successor has not replaced yet). */
const frontVideo = (slot: HTMLElement | null) => [...(slot?.querySelectorAll('video') ?? [])].filter((v) => !v.classList.contains('sw-video-under')).at(-1);

export function useTileActions(o: TileActionInput): { toolbar: TileAction[]; menu: TileAction[]; notice: string | undefined } {
  const t = useT();
  const tError = useTError();
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const maximised = useStore((s) => wallsSelectors.maximisedTile(s) === o.index);
  const audible = useStore((s) => s.audibleTile === o.index);
  const say = useCallback((text: string) => {
    setNotice(text);
    setTimeout(() => setNotice((n) => (n === text ? undefined : n)), 6000);
  }, []);
  const send = useCallback(
    async (png: string | undefined, meta: { cameraId?: string; subject: string; takenAt: number }) => {
      if (!png) return say(t('tile.snapshot.noPicture'));
      const folder = snapshotFolder();
      try {
        say(t('tile.snapshot.saved', { path: await saveSnapshot(png, { ...meta, ...(folder ? { folder } : {}) }) }));
      } catch (e) {
        const reason = e && typeof e === 'object' && 'code' in e ? tError(e as { code: string }) : String(e);
        say(t('tile.snapshot.failed', { reason }));
      }
    },
    [say, t, tError],
  );

  const { index, camera } = o;
  const s = useStore.getState;
  const maximise: TileAction = { id: 'maximise', label: t(maximised ? 'tile.action.restore' : 'tile.action.maximise'), pressed: maximised, run: () => s().toggleMaximise(index) };
  const snapshot: TileAction = {
    id: 'snapshot',
    label: t('tile.action.snapshot'),
    disabled: !camera,
    run: () => {
      if (!camera) return;
      const at = Date.now();
      const video = frontVideo(o.slotRef.current);
      void send(video ? tileSnapshot(video, camera.name, at) : undefined, { cameraId: camera.id, subject: camera.name, takenAt: at });
    },
  };
  const audio: TileAction = { id: 'audio', label: t(audible ? 'tile.action.audioOff' : 'tile.action.audioOn'), pressed: audible, disabled: !camera, run: () => s().setAudibleTile(audible ? undefined : index) };
  const tour: TileAction = { id: 'tour', label: t('tour.action.tile'), pressed: o.tourOnTile, run: () => openTourDialog({ kind: 'tile', tile: index }) };
  const zoom: TileAction = o.zoomed
    ? { id: 'zoom-reset', label: t('tile.action.zoomReset'), pressed: true, run: o.zoomReset }
    : {
        id: 'zoom',
        label: t('tile.action.zoomIn'),
        disabled: !camera,
        run: () => {
          const r = o.tileRef.current?.getBoundingClientRect();
          if (r) o.zoomIn(r.width, r.height);
        },
      };
  const menu: TileAction[] = [
    maximise,
    {
      id: 'full-screen',
      label: t('tile.action.fullScreen'),
      run: () => {
        if (!maximised) s().toggleMaximise(index);
        s().setWallFullScreen(true);
        if (!document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => undefined);
      },
    },
    { id: 'main', label: t('tile.action.main'), pressed: o.override === 'main', disabled: !camera, run: () => o.setOverride(o.override === 'main' ? undefined : 'main') },
    { id: 'sub', label: t('tile.action.sub'), pressed: o.override === 'sub', disabled: !camera, run: () => o.setOverride(o.override === 'sub' ? undefined : 'sub') },
    snapshot,
    {
      id: 'wall-snapshot',
      label: t('tile.action.wallSnapshot'),
      run: () => {
        const grid = o.tileRef.current?.closest<HTMLElement>('[data-testid=wall-grid]');
        const at = Date.now();
        const name = s().wall?.name ?? 'wall';
        if (grid) void send(wallSnapshot(grid, at), { subject: name, takenAt: at });
      },
    },
    { id: 'snapshot-folder', label: t('tile.action.snapshotFolder'), run: openSnapshotFolder },
    audio,
    zoom,
    { id: 'stats', label: t('tile.action.stats'), pressed: o.statsOn, disabled: !camera, run: () => o.setStatsOn(!o.statsOn) },
    tour,
    { id: 'clear', label: t('tile.action.clear'), disabled: !camera || o.tourOnTile, run: () => s().askRemove(index) },
  ];
  const toolbar = camera ? [maximise, snapshot, audio, ...(o.zoomed ? [zoom] : []), tour] : [tour];
  return { toolbar, menu, notice };
}
