import { presetLayout, PRESET_COUNTS, type PresetCount } from '@common/model/wall-layout.js';
import type { MessageKey } from '../../i18n/translate.js';
import { useT } from '../../i18n/use-t.js';
import { useStore, wallsSelectors } from '../../store/index.js';

const PRESET_NAMES: Record<PresetCount, MessageKey> = {
  1: 'wall.layout.preset.1',
  4: 'wall.layout.preset.4',
  6: 'wall.layout.preset.6',
  8: 'wall.layout.preset.8',
  9: 'wall.layout.preset.9',
  10: 'wall.layout.preset.10',
  13: 'wall.layout.preset.13',
  16: 'wall.layout.preset.16',
  25: 'wall.layout.preset.25',
  36: 'wall.layout.preset.36',
  49: 'wall.layout.preset.49',
  64: 'wall.layout.preset.64',
};

/** The picker's value for a preset: "3x3" for squares (as before merged presets existed), "p6" for the others. */
function presetValue(n: PresetCount): string {
  const l = presetLayout(n);
  return l.cells.length === l.rows * l.cols ? `${l.rows}x${l.cols}` : `p${n}`;
}

/** The layout choice: the presets by tile count, then the operator's saved layouts, and the editor. */
export function LayoutPicker() {
  const t = useT();
  const preset = useStore(wallsSelectors.preset);
  const custom = useStore(wallsSelectors.customLayout);
  const customLayouts = useStore(wallsSelectors.customLayouts);
  const setLayout = useStore((s) => s.setLayout);
  const openEditor = useStore((s) => s.setLayoutEditorOpen);
  const value = custom ? `c:${custom.id}` : preset === undefined ? 'custom' : presetValue(preset);
  return (
    <>
      <label className="sw-muted">
        {t('wall.layout')}{' '}
        <select
          data-testid="layout-select"
          value={value}
          onChange={(e) => {
            const n = PRESET_COUNTS.find((c) => presetValue(c) === e.target.value);
            if (n !== undefined) return void setLayout(presetLayout(n));
            const saved = customLayouts.find((l) => `c:${l.id}` === e.target.value);
            if (saved) void setLayout(saved);
          }}
        >
          {PRESET_COUNTS.map((n) => (
            <option key={n} value={presetValue(n)}>
              {t(PRESET_NAMES[n])}
            </option>
          ))}
          {customLayouts.length > 0 && (
            <optgroup label={t('wall.layout.customGroup')}>
              {customLayouts.map((l) => (
                <option key={l.id} value={`c:${l.id}`}>
                  {l.name}
                </option>
              ))}
            </optgroup>
          )}
          {value === 'custom' && <option value="custom">{t('wall.layout.custom')}</option>}
        </select>
      </label>
      <button data-testid="layout-edit" onClick={() => openEditor(true)}>
        {t('wall.layout.edit')}
      </button>
    </>
  );
}
