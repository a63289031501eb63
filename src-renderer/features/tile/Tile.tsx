import { useCallback, useEffect, useRef, useState } from 'react';
import type { StreamState } from '@common/contract/stream.js';
import { useT } from '../../i18n/use-t.js';
import { devicesSelectors, settingsSelectors, useStore, wallsSelectors } from '../../store/index.js';
import { chooseProfile, type Profile } from './stream-choice.js';
import { TileBadge, TileProblemPanel, severityOf } from './TileStatus.js';
import { TileStats } from './TileStats.js';
import { PtzTileSlot, PtzToggle, usePtzOpen } from '../ptz/PtzTileSlot.js';
import { useInstantReplay } from '../replay/use-instant-replay.js';
import { useManualRecording } from '../export/use-manual-recording.js';
import { clockText, useClock } from './use-clock.js';
import { useTileStream } from './use-tile-stream.js';
import type { TileTarget } from './tile-stage.js';
import { useVisibility } from './use-visibility.js';
import { TileMenu } from './TileMenu.js';
import { TilePath } from './TilePath.js';
import { TileToolbar } from './TileToolbar.js';
import { useDigitalZoom } from './use-digital-zoom.js';
import { useOverloaded, useReportRates } from './overload-monitor.js';
import { useTileActions } from './use-tile-actions.js';
import { TourChip } from '../tour/TourChip.js';
import { BudgetSubChip } from '../health/BudgetSubChip.js';
import { useBudgetCap } from '../health/use-budget-cap.js';
import { tourInteract, tourResume, useTileTour, type TileTourView } from '../tour/tour-state.js';
import './tile.css';

interface TileProps {
  index: number;
  cameraId: string | null;
  /** The wall's stored guess from the cell size; the tile measures its real size instead (stream-choice.ts). */
  profile?: Profile;
  selected: boolean;
  onSelect(): void;
}

export function Tile({ index, cameraId: ownCameraId, selected, onSelect }: TileProps) {
  const t = useT();
  // A running tour puts its own camera on the tile; the wall's assignment comes back when it stops.
  const tour = useTileTour(index);
  const cameraId = tour ? tour.cameraId : ownCameraId;
  const camera = useStore((s) => devicesSelectors.cameraById(s, cameraId));
  const device = useStore((s) => (cameraId ? s.devices.find((d) => d.cameras.some((c) => c.id === cameraId)) : undefined));
  const deviceId = device?.id;
  const platform = device?.kind === 'wvp' || device?.kind === 'artemis' || device?.kind === 'url';
  const showStats = useStore(settingsSelectors.showTileStats);
  const openDeviceEditor = useStore((s) => s.openDeviceEditor);
  const audible = useStore((s) => s.audibleTile === index);
  const slotRef = useRef<HTMLDivElement>(null);
  const tileRef = useRef<HTMLDivElement>(null);
  const visible = useVisibility(tileRef);
  const maximised = useStore((s) => wallsSelectors.maximisedTile(s) === index);
  // Measured per wall assignment, not per tour step: a tour's switch must not wait for a new size.
  const [override, setOverride] = useState<Profile | undefined>(undefined);
  const [statsOn, setStatsOn] = useState(false);
  const zoom = useDigitalZoom(!!camera && !camera.ptz);
  const { profile: wanted, measured } = useAutoProfile(tileRef, { maximised, zoomed: zoom.zoomed, override }, ownCameraId ?? undefined);
  // The device's stream budget may hold this tile to its sub-stream (main decides who moves).
  const budget = useBudgetCap(tileRef, { wants: wanted, selected, maximised });
  const profile: Profile = budget.capped ? 'sub' : wanted;
  // Nothing opens before the tile's size is known: a large tile starts on the main stream directly.
  const playing = !!camera && visible && measured;
  // Overload: the tiles not watched get keyframes only from the gateway; the selected and maximised keep every frame.
  const keyframesOnly = useOverloaded() && !selected && !maximised;
  // A new camera waiting for its measurement keeps the old picture; the stage then switches make-before-break.
  const target = useHeldTarget(playing ? { cameraId: camera.id, profile, viewer: budget.viewer } : null, !!camera && visible && !measured);
  const { view, showing, retryNow, prepare } = useTileStream(target, slotRef, camera, keyframesOnly);
  // The name on the plate is the camera whose picture is in front (the old one until the new one plays).
  const shownCamera = useStore((s) => devicesSelectors.cameraById(s, showing?.cameraId ?? null)) ?? camera;
  useReportRates(index, view.stats);
  useTourPrestart(tour, playing, profile, prepare);
  useReportTile(index, camera?.id, view.state, view.darkReason);
  const severity = severityOf(view);
  const replay = useInstantReplay(camera?.id, profile);
  const actions = useTileActions({ index, camera, slotRef, tileRef, override, setOverride, statsOn, setStatsOn, zoomed: zoom.zoomed, zoomIn: zoom.zoomIn, zoomReset: zoom.reset, tourOnTile: tour?.kind === 'tile' });
  const [menuAt, setMenuAt] = useState<{ x: number; y: number } | undefined>(undefined);
  const closeMenu = useCallback(() => setMenuAt(undefined), []);
  useAudible(slotRef, audible, view);
  const recording = useManualRecording(camera?.id, profile);
  // While the PTZ control is open the toolbar offers only its close button: the control has the tile.
  const ptzOpen = usePtzOpen(camera?.ptz ? camera.id : undefined);

  return (
    <div
      ref={tileRef}
      className={`sw-tile${selected ? ' selected' : ''}${camera ? '' : ' empty'}${severity !== 'none' ? ` problem-${severity}` : ''}`}
      data-testid="tile"
      data-index={index}
      data-state={view.state ?? 'empty'}
      data-problem={view.overBudget ? 'over_budget' : undefined}
      data-profile={camera ? profile : undefined}
      data-budget={camera && budget.capped ? 'sub' : undefined}
      data-camera-id={camera?.id}
      data-tour={tour ? (tour.paused ? 'paused' : 'running') : undefined}
      data-zoom={zoom.zoomed ? zoom.zoom.scale.toFixed(2) : undefined}
      data-audible={audible || undefined}
      aria-selected={selected}
      onClick={onSelect}
      onPointerDown={(e) => {
        tourInteract(index);
        zoom.onPointerDown(e);
      }}
      onPointerMove={zoom.onPointerMove}
      onPointerUp={zoom.onPointerUp}
      onMouseDown={(e) => zoom.zoomed && e.preventDefault() /* a zoomed tile pans: no tile drag */}
      onWheel={(e) => {
        tourInteract(index);
        zoom.onWheel(e);
      }}
      onContextMenu={(e) => {
        e.preventDefault();
        tourInteract(index);
        onSelect();
        setMenuAt({ x: e.clientX, y: e.clientY });
      }}
    >
      <div ref={slotRef} className="sw-tile-video" style={zoom.style} />
      {!camera && (
        <div className="sw-tile-empty">
          <span>{t('tile.empty')}</span>
          <span className="sw-tile-empty-hint">{t('tile.empty.hint')}</span>
        </div>
      )}
      {camera && (
        <div className="sw-tile-plate">
          <span className="sw-tile-name sw-tile-label" data-testid="tile-name">
            {shownCamera?.name}
          </span>
          {tour && <TourChip tour={tour} onResume={() => tourResume(index)} />}
          {zoom.zoomed && (
            <span className="sw-tile-chip" data-testid="tile-zoom">
              {t('tile.zoomed', { scale: zoom.zoom.scale.toFixed(1) })}
            </span>
          )}
          {platform && view.transport && <TilePath transport={view.transport} />}
          {view.stats?.keyframesOnly && (
            <span className="sw-tile-chip" data-testid="tile-keyframes-only" title={t('tile.keyframesOnly.hint')}>
              {t('tile.keyframesOnly')}
            </span>
          )}
          {budget.capped && device && <BudgetSubChip device={device.name} />}
          {audible && (
            <span className="sw-tile-chip" data-testid="tile-audible" aria-label={t('tile.action.audioOff')}>
              ♪
            </span>
          )}
          <TileClock />
          <TileBadge view={view} />
        </div>
      )}
      {camera && <TileProblemPanel view={view} onReconnect={retryNow} onFixCredentials={() => deviceId && openDeviceEditor(deviceId)} />}
      {camera && isG711(view.stats?.audioNotPlayed) && (
        <div className="sw-tile-notice" data-testid="tile-audio-notice">
          {t('tile.audio.g711')}
        </div>
      )}
      <TileToolbar
        actions={ptzOpen ? [] : [...actions.toolbar, ...(replay.action ? [replay.action] : []), ...(recording.action ? [recording.action] : [])]}
        pinned={camera?.ptz && selected ? <PtzToggle cameraId={camera.id} /> : undefined}
      />
      {menuAt && <TileMenu at={menuAt} index={index} actions={[...actions.menu, ...(replay.action ? [replay.action] : []), ...(recording.action ? [recording.action] : [])]} onClose={closeMenu} />}
      {actions.notice && (
        <div className="sw-tile-notice sw-tile-snapshot-notice" data-testid="tile-notice">
          {actions.notice}
        </div>
      )}
      {camera && (showStats || statsOn) && <TileStats stats={view.stats} />}
      {camera?.ptz && <PtzTileSlot cameraId={camera.id} selected={selected} />}
      {recording.overlay}
      {replay.overlay}
    </div>
  );
}

/** The wall clock on every tile: a frozen picture next to a running clock is seen at once. */
function TileClock() {
  const now = useClock();
  return (
    <span className="sw-tile-clock" data-testid="tile-clock">
      {clockText(now)}
    </span>
  );
}

/**
 * The stream this tile's size calls for, re-chosen whenever it is resized (hysteresis in
 * chooseProfile). A new camera waits for a fresh measurement: the tile may be mid-way through a
 * layout change, and opening on its old size would open one stream only to swap it for another.
 */
function useAutoProfile(ref: React.RefObject<HTMLElement | null>, wants: { maximised: boolean; zoomed: boolean; override: Profile | undefined }, cameraId: string | undefined): { profile: Profile; measured: boolean } {
  const [size, setSize] = useState<{ width: number; forCamera: string | undefined }>({ width: 0, forCamera: undefined });
  const chosen = useRef<Profile | undefined>(undefined);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // observe() always reports once, after the layout this render produced.
    const ro = new ResizeObserver((entries) => {
      const w = entries[entries.length - 1]?.contentRect.width;
      if (w !== undefined && w > 0) setSize({ width: Math.round(w), forCamera: cameraId });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, cameraId]);
  chosen.current = chooseProfile(chosen.current, { widthPx: size.width, ...wants });
  return { profile: chosen.current, measured: size.width > 0 && size.forCamera === cameraId };
}

/**
 * While `waiting` (the tile's camera changed and its size is being measured again), the target
 * on screen stays instead of none: dropping it would black the tile until the new camera plays.
 */
function useHeldTarget(target: TileTarget | null, waiting: boolean): TileTarget | null {
  const last = useRef<TileTarget | null>(null);
  if (!waiting) last.current = target;
  return waiting ? last.current : target;
}

/** A tour's next camera starts underneath before its turn, so the switch lands on a picture. */
function useTourPrestart(tour: TileTourView | undefined, playing: boolean, profile: Profile, prepare: (next: { cameraId: string; profile: Profile } | null) => void): void {
  const next = tour?.preparing && playing && tour.nextCameraId && tour.nextCameraId !== tour.cameraId ? tour.nextCameraId : null;
  useEffect(() => {
    prepare(next ? { cameraId: next, profile } : null);
  }, [prepare, next, profile]);
}

/** Sound from the one audible tile only: every other tile's videos stay muted. */
function useAudible(slotRef: React.RefObject<HTMLElement | null>, audible: boolean, view: unknown): void {
  useEffect(() => {
    slotRef.current?.querySelectorAll('video').forEach((v) => {
      v.muted = !audible || v.classList.contains('sw-video-under');
    });
  }, [slotRef, audible, view]);
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
