import { useT } from '../i18n/use-t.js';
import { hasKey } from '../i18n/translate.js';
import { appSelectors, useStore } from '../store/index.js';

/** Storage and vault problems found at start-up: shown until the operator acknowledges them. */
export function ProblemBanner() {
  const t = useT();
  const problems = useStore(appSelectors.problems);
  const dismiss = useStore((s) => s.dismissProblem);
  if (problems.length === 0) return null;
  return (
    <div className="sw-problems" role="status" data-testid="problems">
      {problems.map((p, i) => {
        // Some problems have a variant per detail (e.g. which weak protection the vault uses).
        const variant = `problems.${p.code}.${p.params?.protection ?? ''}`;
        const key = hasKey(variant) ? variant : `problems.${p.code}`;
        return (
          <div key={i} className="sw-problem">
            <span>{hasKey(key) ? t(key, p.params) : p.code}</span>
            <button onClick={() => dismiss(p)}>{t('problems.dismiss')}</button>
          </div>
        );
      })}
    </div>
  );
}
