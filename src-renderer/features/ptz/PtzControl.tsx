// On-video PTZ: drag from the centre (speed grows with the distance), wheel to zoom, a click
// centres that point by a relative move; a pad with speed, zoom, focus, iris and home; presets.
import { useCallback, useRef, useState } from 'react';
import { useT, useTError } from '../../i18n/use-t.js';
import type { MessageKey } from '../../i18n/translate.js';
import { ptzService } from '../../services/ptz.js';
import { usePtzStore } from '../../store/ptz/ptz-store.js';
import { allowTakeover, ptzDriver, reportPtzError } from './ptz-link.js';
import { PtzPresets, usePresetList } from './PtzPresets.js';
import { usePtzKeys } from './use-ptz-keys.js';
import { useGamepad } from './use-gamepad.js';
import { GamepadSetup } from './GamepadSetup.js';
import { useLensHold } from './use-lens-hold.js';

/** A click moves the camera by this share of the generic pan/tilt range per half picture. */
const CENTRE_GAIN = 0.25;
const DRAG_THRESHOLD_PX = 6;

const PAD: Array<{ key: MessageKey; dir: [number, number] }> = [
  { key: 'ptz.dir.upLeft', dir: [-1, 1] },
  { key: 'ptz.dir.up', dir: [0, 1] },
  { key: 'ptz.dir.upRight', dir: [1, 1] },
  { key: 'ptz.dir.left', dir: [-1, 0] },
  { key: 'ptz.home', dir: [0, 0] },
  { key: 'ptz.dir.right', dir: [1, 0] },
  { key: 'ptz.dir.downLeft', dir: [-1, -1] },
  { key: 'ptz.dir.down', dir: [0, -1] },
  { key: 'ptz.dir.downRight', dir: [1, -1] },
];
const ARROWS = ['↖', '↑', '↗', '←', '⌂', '→', '↙', '↓', '↘'];

export function PtzControl({ cameraId }: { cameraId: string }) {
  const t = useT();
  const tError = useTError();
  const speed = usePtzStore((s) => s.speed);
  const setSpeed = usePtzStore((s) => s.setSpeed);
  const problem = usePtzStore((s) => (s.problem?.cameraId === cameraId ? s.problem.code : null));
  const [gamepadOpen, setGamepadOpen] = useState(false);
  const presets = usePresetList(cameraId);
  ptzDriver.setCamera(cameraId);

  const callPreset = useCallback(
    (n: number) => {
      const p = presets.list.find((x) => x.number === n);
      if (p) ptzService.gotoPreset(cameraId, p.token).catch(reportPtzError);
    },
    [cameraId, presets.list],
  );
  usePtzKeys(cameraId, callPreset);
  useGamepad(cameraId, callPreset);

  const hold = (source: string, pan: number, tilt: number, zoom: number) => ptzDriver.set(source, { pan: pan * speed, tilt: tilt * speed, zoom: zoom * speed });
  const letGo = (source: string) => ptzDriver.set(source, null);
  const lens = useLensHold(cameraId);

  return (
    <div className="sw-ptz" data-testid="ptz-control" onClick={(e) => e.stopPropagation()} onDoubleClick={(e) => e.stopPropagation()}>
      <DragSurface cameraId={cameraId} hint={t('ptz.hint')} />
      <div className="sw-ptz-panel">
        <div className="sw-ptz-pad" data-testid="ptz-pad">
          {PAD.map((b, i) =>
            b.dir[0] === 0 && b.dir[1] === 0 ? (
              <button key={b.key} type="button" title={t(b.key)} aria-label={t(b.key)} data-testid="ptz-home" onClick={() => ptzService.home(cameraId).catch(reportPtzError)}>
                {ARROWS[i]}
              </button>
            ) : (
              <button
                key={b.key}
                type="button"
                title={t(b.key)}
                aria-label={t(b.key)}
                data-dir={`${b.dir[0]},${b.dir[1]}`}
                onPointerDown={(e) => {
                  e.currentTarget.setPointerCapture?.(e.pointerId);
                  hold('pad', b.dir[0], b.dir[1], 0);
                }}
                onPointerUp={() => letGo('pad')}
                onPointerCancel={() => letGo('pad')}
                onLostPointerCapture={() => letGo('pad')}
              >
                {ARROWS[i]}
              </button>
            ),
          )}
        </div>
        <div className="sw-ptz-row">
          <HoldButton label={t('ptz.zoomIn')} testId="ptz-zoom-in" onHold={() => hold('pad', 0, 0, 1)} onLetGo={() => letGo('pad')} />
          <HoldButton label={t('ptz.zoomOut')} testId="ptz-zoom-out" onHold={() => hold('pad', 0, 0, -1)} onLetGo={() => letGo('pad')} />
        </div>
        <div className="sw-ptz-row">
          <HoldButton label={t('ptz.focusNear')} testId="ptz-focus-near" onHold={() => lens.hold('focus_near', speed)} onLetGo={lens.letGo} />
          <HoldButton label={t('ptz.focusFar')} testId="ptz-focus-far" onHold={() => lens.hold('focus_far', speed)} onLetGo={lens.letGo} />
          <button type="button" data-testid="ptz-focus-auto" onClick={() => lens.once('focus_auto', speed)}>
            {t('ptz.focusAuto')}
          </button>
        </div>
        <div className="sw-ptz-row">
          <HoldButton label={t('ptz.irisOpen')} testId="ptz-iris-open" onHold={() => lens.hold('iris_open', speed)} onLetGo={lens.letGo} />
          <HoldButton label={t('ptz.irisClose')} testId="ptz-iris-close" onHold={() => lens.hold('iris_close', speed)} onLetGo={lens.letGo} />
        </div>
        {lens.unsupported && (
          <div className="sw-ptz-note" role="status" data-testid="ptz-lens-unsupported">
            {t('ptz.lens.unsupported')}
          </div>
        )}
        <label className="sw-ptz-speed">
          {t('ptz.speed')} {Math.round(speed * 100)}%
          <input type="range" min={10} max={100} step={10} value={Math.round(speed * 100)} data-testid="ptz-speed" onChange={(e) => setSpeed(Number(e.target.value) / 100)} />
        </label>
        {problem && (
          <div className="sw-ptz-problem" role="alert" data-testid="ptz-problem">
            {tError({ code: problem })}
            {problem === 'ptz_busy' && (
              <button type="button" data-testid="ptz-takeover" onClick={() => allowTakeover(cameraId)}>
                {t('ptz.takeover')}
              </button>
            )}
          </div>
        )}
        <PtzPresets cameraId={cameraId} presets={presets} />
        <button type="button" data-testid="ptz-gamepad" onClick={() => setGamepadOpen(true)}>
          {t('ptz.gamepad')}
        </button>
      </div>
      {gamepadOpen && <GamepadSetup onClose={() => setGamepadOpen(false)} />}
    </div>
  );
}

function HoldButton({ label, testId, onHold, onLetGo }: { label: string; testId?: string; onHold(): void; onLetGo(): void }) {
  return (
    <button type="button" data-testid={testId} onPointerDown={() => onHold()} onPointerUp={() => onLetGo()} onPointerLeave={() => onLetGo()} onPointerCancel={() => onLetGo()}>
      {label}
    </button>
  );
}

function DragSurface({ cameraId, hint }: { cameraId: string; hint: string }) {
  const speed = usePtzStore((s) => s.speed);
  const start = useRef<{ x: number; y: number; dragging: boolean } | null>(null);
  const wheelTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const rel = (el: HTMLElement, x: number, y: number): [number, number] => {
    const r = el.getBoundingClientRect();
    const nx = (x - (r.left + r.width / 2)) / (r.width / 2);
    const ny = -(y - (r.top + r.height / 2)) / (r.height / 2);
    return [Math.max(-1, Math.min(1, nx)), Math.max(-1, Math.min(1, ny))];
  };
  return (
    <div
      className="sw-ptz-surface"
      data-testid="ptz-surface"
      title={hint}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture?.(e.pointerId);
        start.current = { x: e.clientX, y: e.clientY, dragging: false };
      }}
      onPointerMove={(e) => {
        const s = start.current;
        if (!s) return;
        if (!s.dragging && Math.hypot(e.clientX - s.x, e.clientY - s.y) < DRAG_THRESHOLD_PX) return;
        s.dragging = true;
        // Speed follows the pointer's distance from the picture's centre.
        const [x, y] = rel(e.currentTarget, e.clientX, e.clientY);
        ptzDriver.set('drag', { pan: x, tilt: y, zoom: 0 });
      }}
      onPointerUp={(e) => {
        const s = start.current;
        start.current = null;
        if (s?.dragging) return ptzDriver.set('drag', null);
        const [x, y] = rel(e.currentTarget, e.clientX, e.clientY);
        ptzService.centre(cameraId, x * CENTRE_GAIN, y * CENTRE_GAIN).catch(reportPtzError);
      }}
      onPointerCancel={() => {
        start.current = null;
        ptzDriver.set('drag', null);
      }}
      onWheel={(e) => {
        ptzDriver.set('wheel', { pan: 0, tilt: 0, zoom: (e.deltaY < 0 ? 1 : -1) * speed });
        clearTimeout(wheelTimer.current);
        wheelTimer.current = setTimeout(() => ptzDriver.set('wheel', null), 250);
      }}
    />
  );
}
