// What a PTZ camera's tile shows of PTZ: who controls it and its patrol (always), and the
// on-video control while open. The 云台控制 button (PtzToggle) sits in the tile's toolbar, in
// the same flow as the tile's actions, so neither ever covers the other.
import { useEffect } from 'react';
import { useT } from '../../i18n/use-t.js';
import { ptzClientId } from '../../services/ptz.js';
import { usePtzStore } from '../../store/ptz/ptz-store.js';
import { PtzControl } from './PtzControl.js';
import './ptz.css';

export function PtzTileSlot({ cameraId, selected }: { cameraId: string; selected: boolean }) {
  const t = useT();
  const state = usePtzStore((s) => s.states[cameraId]);
  const open = usePtzStore((s) => s.openCamera === cameraId);
  const setOpen = usePtzStore((s) => s.setOpen);
  useEffect(() => void usePtzStore.getState().follow(cameraId).catch(() => undefined), [cameraId]);
  useEffect(() => {
    if (!selected && open) setOpen(null);
  }, [selected, open, setOpen]);

  const c = state?.controller;
  const who = !c ? null : c.kind === 'patrol' ? t('ptz.controller.patrol') : c.clientId === ptzClientId ? t('ptz.controller.self') : t('ptz.controller.other');
  const p = state?.patrol;
  const patrolText = !p
    ? null
    : p.status === 'running'
      ? t('ptz.patrol.running', { name: p.presetName || t('ptz.preset.unnamed', { n: p.stepIndex + 1 }), i: p.stepIndex + 1, n: p.plan.steps.length })
      : p.status === 'paused'
        ? t('ptz.patrol.paused')
        : t('ptz.patrol.waiting', { from: p.plan.schedule?.from ?? '', to: p.plan.schedule?.to ?? '' });

  return (
    <>
      {(who || patrolText) && (
        <div className="sw-ptz-badge" data-testid="ptz-badge" data-controller={c?.kind ?? 'none'} data-patrol={p?.status ?? 'none'}>
          {who && <span data-testid="ptz-controller">{who}</span>}
          {state?.moving && <span>{t('ptz.moving')}</span>}
          {patrolText && <span data-testid="ptz-patrol">{patrolText}</span>}
        </div>
      )}
      {open && <PtzControl cameraId={cameraId} />}
    </>
  );
}

/** True while this camera's PTZ control is open (the tile's toolbar then offers only its close button). */
export function usePtzOpen(cameraId: string | undefined): boolean {
  return usePtzStore((s) => cameraId !== undefined && s.openCamera === cameraId);
}

/** The selected PTZ tile's 云台控制 button, shown by the tile's toolbar before its actions. */
export function PtzToggle({ cameraId }: { cameraId: string }) {
  const t = useT();
  const open = usePtzOpen(cameraId);
  const setOpen = usePtzStore((s) => s.setOpen);
  return (
    <button
      type="button"
      className={`sw-ptz-toggle${open ? ' on' : ''}`}
      data-testid="ptz-toggle"
      aria-pressed={open}
      title={open ? t('ptz.close') : t('ptz.open')}
      onClick={(e) => {
        e.stopPropagation();
        setOpen(open ? null : cameraId);
      }}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      {t('ptz.open')}
    </button>
  );
}
