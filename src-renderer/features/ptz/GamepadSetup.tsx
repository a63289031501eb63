// The joystick mapping screen: live axis values, which axis pans, tilts and zooms (and which
// way), dead zone, response curve and button actions; saved for this controller's id.
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/use-t.js';
import { loadMapping, saveMapping, shapeAxis, type ButtonAction, type GamepadMapping } from './gamepad-map.js';
import { firstGamepad } from './use-gamepad.js';

type AxisRole = 'pan' | 'tilt' | 'zoom';
const ACTIONS: Array<{ value: string; action: ButtonAction }> = [
  { value: 'none', action: { kind: 'none' } },
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: `preset:${n}`, action: { kind: 'preset', n } as ButtonAction })),
  { value: 'nextTile', action: { kind: 'nextTile' } },
  { value: 'prevTile', action: { kind: 'prevTile' } },
];
const valueOf = (a: ButtonAction | undefined): string => (!a || a.kind === 'none' ? 'none' : a.kind === 'preset' ? `preset:${a.n}` : a.kind);

export function GamepadSetup({ onClose }: { onClose(): void }) {
  const t = useT();
  const [pad, setPad] = useState<{ id: string; axes: number[]; buttons: boolean[] } | null>(null);
  const [mapping, setMapping] = useState<GamepadMapping | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    const timer = setInterval(() => {
      const g = firstGamepad();
      setPad(g ? { id: g.id, axes: [...g.axes], buttons: g.buttons.map((b) => b.pressed) } : null);
    }, 50);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (pad && !mapping) setMapping(loadMapping(pad.id));
  }, [pad, mapping]);

  const setRole = (role: AxisRole, axis: number | null, invert: boolean) =>
    mapping && setMapping({ ...mapping, [role]: axis === null ? null : { axis, invert } } as GamepadMapping);

  return (
    <div className="sw-ptz-gamepad" role="dialog" aria-modal="true" data-testid="ptz-gamepad-setup" onClick={(e) => e.stopPropagation()}>
      {!pad || !mapping ? (
        <p>{t('ptz.gamepad.none')}</p>
      ) : (
        <>
          <div className="sw-ptz-title">{t('ptz.gamepad.title', { id: pad.id })}</div>
          <table>
            <tbody>
              {pad.axes.map((v, i) => (
                <tr key={i} data-testid="ptz-gamepad-axis">
                  <td>{t('ptz.gamepad.axis', { n: i })}</td>
                  <td>
                    <meter min={-1} max={1} value={v} /> <output>{v.toFixed(2)}</output> → <output>{shapeAxis(v, mapping.deadZone, mapping.curve).toFixed(2)}</output>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {(['pan', 'tilt', 'zoom'] as const).map((role) => {
            const m = mapping[role];
            return (
              <div className="sw-ptz-row" key={role}>
                <span>{t(`ptz.gamepad.${role}`)}</span>
                <select value={m ? String(m.axis) : ''} onChange={(e) => setRole(role, e.target.value === '' ? null : Number(e.target.value), m?.invert ?? false)}>
                  {role === 'zoom' && <option value="">{t('ptz.gamepad.action.none')}</option>}
                  {pad.axes.map((_, i) => (
                    <option key={i} value={i}>
                      {t('ptz.gamepad.axis', { n: i })}
                    </option>
                  ))}
                </select>
                <label>
                  <input type="checkbox" checked={m?.invert ?? false} disabled={!m} onChange={(e) => m && setRole(role, m.axis, e.target.checked)} /> {t('ptz.gamepad.invert')}
                </label>
              </div>
            );
          })}
          <label className="sw-ptz-row">
            {t('ptz.gamepad.deadZone')} {mapping.deadZone.toFixed(2)}
            <input type="range" min={0} max={0.5} step={0.01} value={mapping.deadZone} onChange={(e) => setMapping({ ...mapping, deadZone: Number(e.target.value) })} />
          </label>
          <label className="sw-ptz-row">
            {t('ptz.gamepad.curve')} {mapping.curve.toFixed(1)}
            <input type="range" min={1} max={3} step={0.1} value={mapping.curve} onChange={(e) => setMapping({ ...mapping, curve: Number(e.target.value) })} />
          </label>
          {pad.buttons.map((down, i) => (
            <div className="sw-ptz-row" key={i}>
              <span className={down ? 'sw-ptz-pressed' : ''}>{t('ptz.gamepad.button', { n: i })}</span>
              <select
                value={valueOf(mapping.buttons[i])}
                onChange={(e) => setMapping({ ...mapping, buttons: { ...mapping.buttons, [i]: ACTIONS.find((a) => a.value === e.target.value)!.action } })}
              >
                {ACTIONS.map((a) => (
                  <option key={a.value} value={a.value}>
                    {a.action.kind === 'preset' ? t('ptz.gamepad.action.preset', { n: a.action.n }) : t(`ptz.gamepad.action.${a.action.kind}`)}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <button
            type="button"
            data-testid="ptz-gamepad-save"
            onClick={() => {
              saveMapping(pad.id, mapping);
              setSaved(true);
            }}
          >
            {saved ? t('ptz.gamepad.saved') : t('ptz.gamepad.save')}
          </button>
        </>
      )}
      <button type="button" data-testid="ptz-gamepad-close" onClick={onClose}>
        {t('ptz.gamepad.close')}
      </button>
    </div>
  );
}
