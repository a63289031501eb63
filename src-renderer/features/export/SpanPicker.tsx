// Where the clip comes from and which span: the replay buffer (last 30 s, 2 min, 5 min) or the
// camera's recorder (last 2 min, 5 min, or a custom from/to, downloaded).
import { useT } from '../../i18n/use-t.js';
import { localText, type SpanChoice, type SpanForm, type SpanSource } from './export-span.js';

const CHOICES: Record<SpanSource, SpanChoice[]> = { buffer: ['30', '120', '300'], recorder: ['120', '300', 'custom'] };

export function SpanPicker({ form, onChange }: { form: SpanForm; onChange(next: SpanForm): void }) {
  const t = useT();
  const setSource = (source: SpanSource) => onChange({ ...form, source, choice: CHOICES[source].includes(form.choice) ? form.choice : '120' });
  const setChoice = (choice: SpanChoice) => {
    if (choice !== 'custom' || form.from) return onChange({ ...form, choice });
    // A custom span starts as the last 5 minutes, to be edited.
    const now = Date.now();
    onChange({ ...form, choice, from: localText(now - 300_000), to: localText(now) });
  };
  return (
    <fieldset className="sw-export-span">
      <label>
        {t('export.source')}
        <select data-testid="export-source" value={form.source} onChange={(e) => setSource(e.target.value as SpanSource)}>
          <option value="buffer">{t('export.source.buffer')}</option>
          <option value="recorder">{t('export.source.recorder')}</option>
        </select>
      </label>
      <label>
        {t('export.last')}
        <select data-testid="export-length" value={form.choice} onChange={(e) => setChoice(e.target.value as SpanChoice)}>
          {CHOICES[form.source].map((c) => (
            <option key={c} value={c}>
              {c === 'custom' ? t('export.span.custom') : t(`export.last.${c}`)}
            </option>
          ))}
        </select>
      </label>
      {form.choice === 'custom' && (
        <div className="sw-export-custom">
          <label>
            {t('export.span.from')}
            <input type="datetime-local" step={1} data-testid="export-from" value={form.from} onChange={(e) => onChange({ ...form, from: e.target.value })} />
          </label>
          <label>
            {t('export.span.to')}
            <input type="datetime-local" step={1} data-testid="export-to" value={form.to} onChange={(e) => onChange({ ...form, to: e.target.value })} />
          </label>
        </div>
      )}
    </fieldset>
  );
}
