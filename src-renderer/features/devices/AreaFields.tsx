// The four area levels a device stands in: county, township, village, site (县, 乡镇, 村, 点位).
import { AREA_LEVELS } from '@common/model/device.js';
import { useT } from '../../i18n/use-t.js';
import type { MessageKey } from '../../i18n/translate.js';

const LEVEL_TEXT: Record<(typeof AREA_LEVELS)[number], MessageKey> = {
  county: 'devices.area.county',
  township: 'devices.area.township',
  village: 'devices.area.village',
  site: 'devices.area.site',
};

export function AreaFields({ value, invalidLevel, onChange }: { value: string[]; invalidLevel?: number; onChange(next: string[]): void }) {
  const t = useT();
  return (
    <fieldset className="sw-area-fields">
      <legend>{t('devices.area')}</legend>
      {AREA_LEVELS.map((level, i) => (
        <label key={level} className={`sw-field${invalidLevel === i ? ' invalid' : ''}`}>
          <span>{t(LEVEL_TEXT[level])}</span>
          <input
            data-testid={`form-area-${level}`}
            value={value[i] ?? ''}
            maxLength={64}
            aria-invalid={invalidLevel === i || undefined}
            onChange={(e) => onChange(AREA_LEVELS.map((_, j) => (j === i ? e.target.value : (value[j] ?? ''))))}
          />
        </label>
      ))}
    </fieldset>
  );
}
