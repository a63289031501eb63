// Presets of the camera under control: list (number keys call them by number), call, save the
// current position with a name, rename, delete; and the patrol over ticked presets.
import { useCallback, useEffect, useState } from 'react';
import type { PtzPresetView } from '@common/contract/ptz.js';
import { useT } from '../../i18n/use-t.js';
import { ptzService } from '../../services/ptz.js';
import { usePtzStore } from '../../store/ptz/ptz-store.js';
import { reportPtzError } from './ptz-link.js';

export interface PresetList {
  list: PtzPresetView[];
  fromRegistry: boolean;
  reload(): void;
}

export function usePresetList(cameraId: string): PresetList {
  const [list, setList] = useState<PtzPresetView[]>([]);
  const [fromRegistry, setFromRegistry] = useState(false);
  const reload = useCallback(() => {
    ptzService
      .presets(cameraId)
      .then((r) => {
        setList(r.presets);
        setFromRegistry(r.deviceError !== undefined);
      })
      .catch(reportPtzError);
  }, [cameraId]);
  useEffect(reload, [reload]);
  return { list, fromRegistry, reload };
}

export function PtzPresets({ cameraId, presets }: { cameraId: string; presets: PresetList }) {
  const t = useT();
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ token: string; name: string } | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const [dwell, setDwell] = useState(10);
  const [resumeAfter, setResumeAfter] = useState(30);
  const [schedule, setSchedule] = useState({ on: false, from: '22:00', to: '06:00' });
  const patrol = usePtzStore((s) => s.states[cameraId]?.patrol);
  const label = (p: PtzPresetView) => p.name || t('ptz.preset.unnamed', { n: p.number });
  const act = (p: Promise<unknown>) => p.then(presets.reload, reportPtzError);

  return (
    <div className="sw-ptz-presets" data-testid="ptz-presets">
      <div className="sw-ptz-title">{t('ptz.presets')}</div>
      {presets.fromRegistry && <div className="sw-ptz-note">{t('ptz.presets.fromRegistry')}</div>}
      {presets.list.length === 0 && <div className="sw-ptz-note">{t('ptz.presets.empty')}</div>}
      <ul>
        {presets.list.map((p) => (
          <li key={p.token} data-testid="ptz-preset" data-token={p.token}>
            <input type="checkbox" aria-label={label(p)} checked={ticked.includes(p.token)} onChange={(e) => setTicked((l) => (e.target.checked ? [...l, p.token] : l.filter((x) => x !== p.token)))} />
            <span className="sw-ptz-num">{p.number}</span>
            {renaming?.token === p.token ? (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void act(ptzService.renamePreset(cameraId, p.token, renaming.name)).then(() => setRenaming(null));
                }}
              >
                <input value={renaming.name} maxLength={32} autoFocus onChange={(e) => setRenaming({ token: p.token, name: e.target.value })} />
              </form>
            ) : (
              <span className="sw-ptz-name">{label(p)}</span>
            )}
            <button type="button" onClick={() => void ptzService.gotoPreset(cameraId, p.token).catch(reportPtzError)}>
              {t('ptz.preset.call')}
            </button>
            <button type="button" onClick={() => setRenaming({ token: p.token, name: p.name })}>
              {t('ptz.preset.rename')}
            </button>
            <button type="button" onClick={() => window.confirm(t('ptz.preset.confirmRemove', { name: label(p) })) && void act(ptzService.removePreset(cameraId, p.token))}>
              {t('ptz.preset.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="sw-ptz-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void act(ptzService.savePreset(cameraId, name.trim())).then(() => setName(''));
        }}
      >
        <input value={name} maxLength={32} placeholder={t('ptz.preset.namePlaceholder')} data-testid="ptz-preset-name" onChange={(e) => setName(e.target.value)} />
        <button type="submit" data-testid="ptz-preset-save">
          {t('ptz.preset.save')}
        </button>
      </form>
      <div className="sw-ptz-title">{t('ptz.patrol')}</div>
      <div className="sw-ptz-row">
        <label>
          {t('ptz.patrol.dwell')} <input type="number" min={1} max={3600} value={dwell} onChange={(e) => setDwell(Number(e.target.value))} />
        </label>
        <label>
          {t('ptz.patrol.resumeAfter')} <input type="number" min={1} max={3600} value={resumeAfter} onChange={(e) => setResumeAfter(Number(e.target.value))} />
        </label>
      </div>
      <div className="sw-ptz-row">
        <label>
          <input type="checkbox" checked={schedule.on} onChange={(e) => setSchedule({ ...schedule, on: e.target.checked })} /> {t('ptz.patrol.schedule')}
        </label>
        <input type="time" value={schedule.from} onChange={(e) => setSchedule({ ...schedule, from: e.target.value })} />
        <input type="time" value={schedule.to} onChange={(e) => setSchedule({ ...schedule, to: e.target.value })} />
      </div>
      {patrol ? (
        <button type="button" data-testid="ptz-patrol-stop" onClick={() => void ptzService.stopPatrol(cameraId).catch(reportPtzError)}>
          {t('ptz.patrol.stop')}
        </button>
      ) : (
        <button
          type="button"
          data-testid="ptz-patrol-start"
          disabled={ticked.length === 0}
          title={ticked.length === 0 ? t('ptz.patrol.needPresets') : undefined}
          onClick={() => {
            const order = presets.list.filter((p) => ticked.includes(p.token));
            const plan = {
              steps: order.map((p) => ({ presetToken: p.token, dwellSec: Math.max(1, dwell), speed: usePtzStore.getState().speed })),
              resumeAfterIdleSec: Math.max(1, Math.round(resumeAfter)),
              ...(schedule.on ? { schedule: { from: schedule.from, to: schedule.to } } : {}),
            };
            void ptzService.startPatrol(cameraId, plan).catch(reportPtzError);
          }}
        >
          {t('ptz.patrol.start')}
        </button>
      )}
    </div>
  );
}
