// USB joystick through the Gamepad API, polled while a PTZ control is open: axes steer through
// the driver (dead zone and curve from the controller's saved mapping), buttons call presets or
// move the selection to the next or previous tile.
import { useEffect, useRef } from 'react';
import { useStore } from '../../store/index.js';
import { usePtzStore } from '../../store/ptz/ptz-store.js';
import { loadMapping, velocityFrom } from './gamepad-map.js';
import { ptzDriver } from './ptz-link.js';

const POLL_MS = 30;

export function firstGamepad(): Gamepad | null {
  const pads = typeof navigator.getGamepads === 'function' ? navigator.getGamepads() : [];
  for (const p of pads) if (p && p.connected !== false) return p;
  return null;
}

export function useGamepad(cameraId: string, callPreset: (n: number) => void): void {
  // The latest preset list, without re-registering (which would let go of held keys).
  const presetRef = useRef(callPreset);
  presetRef.current = callPreset;
  useEffect(() => {
    let pressed: boolean[] = [];
    const timer = setInterval(() => {
      const pad = firstGamepad();
      if (!pad || usePtzStore.getState().openCamera !== cameraId) {
        ptzDriver.set('gamepad', null);
        return;
      }
      const m = loadMapping(pad.id);
      const v = velocityFrom(pad.axes, m, usePtzStore.getState().speed);
      ptzDriver.set('gamepad', v.pan || v.tilt || v.zoom ? v : null);
      const now = pad.buttons.map((b) => b.pressed);
      now.forEach((down, i) => {
        if (!down || pressed[i]) return;
        const action = m.buttons[i];
        const walls = useStore.getState();
        if (action?.kind === 'preset') presetRef.current(action.n);
        else if (action?.kind === 'nextTile') walls.selectTile(walls.selectedTile + 1);
        else if (action?.kind === 'prevTile') walls.selectTile(Math.max(0, walls.selectedTile - 1));
      });
      pressed = now;
    }, POLL_MS);
    return () => {
      clearInterval(timer);
      ptzDriver.set('gamepad', null);
    };
  }, [cameraId]);
}
