import { useT } from '../../i18n/use-t.js';

/** On a tile that main holds to its sub-stream because the device's budget is full: says so, and why on hover. */
export function BudgetSubChip({ device }: { device: string }) {
  const t = useT();
  const why = t('budget.sub.why', { device });
  return (
    <span className="sw-tile-chip" data-testid="tile-budget-sub" title={why} aria-label={why}>
      {t('budget.sub')}
    </span>
  );
}
