import { useT } from '../../i18n/use-t.js';
import type { TileTourView } from './tour-state.js';

/** On the tile's plate: a tour runs here, where it stands, and a way on when the operator paused it. */
export function TourChip({ tour, onResume }: { tour: TileTourView; onResume(): void }) {
  const t = useT();
  const where = t(tour.kind === 'wall' ? 'tour.chip.wall' : 'tour.chip.tile', { n: tour.step + 1, total: tour.steps });
  return (
    <span className={`sw-tour-chip${tour.paused ? ' paused' : ''}`} data-testid="tile-tour">
      {tour.paused ? t('tour.chip.paused', { where }) : where}
      {tour.paused && (
        <button
          data-testid="tile-tour-resume"
          onPointerDown={(e) => e.stopPropagation()}
          onClick={(e) => {
            e.stopPropagation();
            onResume();
          }}
        >
          {t('tour.resume')}
        </button>
      )}
    </span>
  );
}
