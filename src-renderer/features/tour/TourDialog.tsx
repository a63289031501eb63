import { useState } from 'react';
import { create } from 'zustand';
import { TOUR_DWELL_MAX_S, TOUR_DWELL_MIN_S, type WallTours } from '@common/contract/tours.js';
import { useT } from '../../i18n/use-t.js';
import { useStore, wallsSelectors } from '../../store/index.js';
import { tileTourOf, wallTourPages } from './tour-plan.js';
import './tour.css';

type TourTarget = { kind: 'tile'; tile: number } | { kind: 'wall' };

/** Which tour the dialog edits (none: closed). */
const useTourDialogTarget = create<{ target: TourTarget | undefined }>(() => ({ target: undefined }));

export function openTourDialog(target: TourTarget): void {
  useTourDialogTarget.setState({ target });
}

const close = () => useTourDialogTarget.setState({ target: undefined });

export function TourDialog() {
  const target = useTourDialogTarget((s) => s.target);
  if (!target) return null;
  return <TourForm key={target.kind === 'tile' ? `tile:${target.tile}` : 'wall'} target={target} />;
}

/** Cameras ticked in order, the dwell; start, stop or leave. */
function TourForm({ target }: { target: TourTarget }) {
  const t = useT();
  const wall = useStore(wallsSelectors.wall);
  const devices = useStore((s) => s.devices);
  const setTours = useStore((s) => s.setTours);
  const tours: WallTours = wall?.tours ?? { tiles: [] };
  const existing = target.kind === 'wall' ? tours.wall : tileTourOf(tours, target.tile);
  const [picked, setPicked] = useState<string[]>(existing?.cameraIds ?? []);
  const [dwell, setDwell] = useState(String(existing?.dwellSec ?? 10));
  if (!wall) return null;
  const tileCount = wall.tiles.length;
  const least = target.kind === 'wall' ? 1 : 2;
  const dwellSec = Number(dwell);
  const dwellOk = Number.isInteger(dwellSec) && dwellSec >= TOUR_DWELL_MIN_S && dwellSec <= TOUR_DWELL_MAX_S;
  const problem = picked.length < least ? t(least === 1 ? 'tour.dialog.needOne' : 'tour.dialog.needTwo') : !dwellOk ? t('tour.dialog.badDwell', { min: TOUR_DWELL_MIN_S, max: TOUR_DWELL_MAX_S }) : undefined;
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const others = tours.tiles.filter((x) => target.kind === 'wall' || x.tile !== target.tile);

  const save = (on: boolean) => {
    const next: WallTours =
      target.kind === 'wall'
        ? { tiles: tours.tiles, ...(on ? { wall: { cameraIds: picked, dwellSec } } : {}) }
        : { tiles: on ? [...others, { tile: target.tile, cameraIds: picked, dwellSec }] : others, ...(tours.wall ? { wall: tours.wall } : {}) };
    close();
    void setTours(next);
  };

  return (
    <div className="sw-overlay" role="dialog" aria-modal="true" aria-labelledby="sw-tour-title" data-testid="tour-dialog" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div className="sw-dialog sw-tour-dialog">
        <h2 id="sw-tour-title">{target.kind === 'wall' ? t('tour.dialog.wall') : t('tour.dialog.tile', { tile: target.tile + 1 })}</h2>
        <p className="sw-muted">
          {target.kind === 'wall'
            ? t('tour.dialog.wallHint', { perPage: tileCount, pages: wallTourPages({ cameraIds: picked.length ? picked : ['x'], dwellSec: 10 }, tileCount) })
            : t('tour.dialog.tileHint')}
        </p>
        <p className="sw-muted">{t('tour.dialog.pauseHint')}</p>
        <fieldset className="sw-tour-cameras">
          <legend>{t('tour.dialog.cameras', { count: picked.length })}</legend>
          {devices.flatMap((d) =>
            d.cameras.map((c) => {
              const order = picked.indexOf(c.id);
              return (
                <label key={c.id} data-testid="tour-camera">
                  <input type="checkbox" checked={order >= 0} onChange={() => toggle(c.id)} />
                  <span className="sw-tour-order">{order >= 0 ? order + 1 : ''}</span>
                  <span>{c.name}</span>
                </label>
              );
            }),
          )}
        </fieldset>
        <label className="sw-tour-dwell">
          {t(target.kind === 'wall' ? 'tour.dialog.dwellWall' : 'tour.dialog.dwell')}
          <input data-testid="tour-dwell" type="number" min={TOUR_DWELL_MIN_S} max={TOUR_DWELL_MAX_S} value={dwell} onChange={(e) => setDwell(e.target.value)} />
        </label>
        {problem && (
          <p className="sw-tour-problem" data-testid="tour-problem">
            {problem}
          </p>
        )}
        <div className="sw-dialog-buttons">
          <button autoFocus onClick={close}>
            {t('tour.dialog.cancel')}
          </button>
          {existing && (
            <button data-testid="tour-stop" onClick={() => save(false)}>
              {t('tour.dialog.stop')}
            </button>
          )}
          <button data-testid="tour-start" disabled={!!problem} onClick={() => save(true)}>
            {t('tour.dialog.start')}
          </button>
        </div>
      </div>
    </div>
  );
}
