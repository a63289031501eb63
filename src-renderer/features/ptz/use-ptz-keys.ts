// Keyboard PTZ while a tile's PTZ control is open: arrows or WASD turn, + and - zoom, number
// keys call presets. Registered in the window's shortcut registry (so the help overlay lists
// them) above the wall's own arrow and number keys; a held key is renewed by the driver, and
// its release (keyup) lets go.
import { useEffect, useRef } from 'react';
import type { Shortcut } from '../shortcuts/registry.js';
import { registerShortcuts } from '../shortcuts/registry.js';
import { usePtzStore } from '../../store/ptz/ptz-store.js';
import { ptzDriver } from './ptz-link.js';

const DIRS: Record<string, [number, number, number]> = {
  arrowup: [0, 1, 0], w: [0, 1, 0],
  arrowdown: [0, -1, 0], s: [0, -1, 0],
  arrowleft: [-1, 0, 0], a: [-1, 0, 0],
  arrowright: [1, 0, 0], d: [1, 0, 0],
  '+': [0, 0, 1], '=': [0, 0, 1],
  '-': [0, 0, -1], _: [0, 0, -1],
};

const held = new Set<string>();
const plain = (e: KeyboardEvent): boolean => !e.ctrlKey && !e.metaKey && !e.altKey;

function steer(): void {
  const speed = usePtzStore.getState().speed;
  let [pan, tilt, zoom] = [0, 0, 0];
  for (const k of held) {
    const d = DIRS[k]!;
    pan += d[0];
    tilt += d[1];
    zoom += d[2];
  }
  const c = (n: number): number => Math.max(-1, Math.min(1, n)) * speed;
  ptzDriver.set('keys', held.size ? { pan: c(pan), tilt: c(tilt), zoom: c(zoom) } : null);
}

export function usePtzKeys(cameraId: string, callPreset: (n: number) => void): void {
  // The latest preset list, without re-registering (which would let go of held keys).
  const presetRef = useRef(callPreset);
  presetRef.current = callPreset;
  useEffect(() => {
    const open = (): boolean => usePtzStore.getState().openCamera === cameraId;
    const shortcuts: Shortcut[] = [
      {
        id: 'ptz.move',
        keys: '↑ ↓ ← → / W A S D',
        label: 'ptz.keys.move',
        group: 'ptz',
        priority: 10,
        enabled: open,
        match: (e) => plain(e) && /^(arrow(up|down|left|right)|[wasd])$/.test(e.key.toLowerCase()),
        run: (e) => {
          if (!held.has(e.key.toLowerCase())) {
            held.add(e.key.toLowerCase());
            steer();
          }
        },
      },
      {
        id: 'ptz.zoom',
        keys: '+ / -',
        label: 'ptz.keys.zoom',
        group: 'ptz',
        priority: 10,
        enabled: open,
        match: (e) => !e.ctrlKey && !e.metaKey && ['+', '=', '-', '_'].includes(e.key),
        run: (e) => {
          if (!held.has(e.key)) {
            held.add(e.key);
            steer();
          }
        },
      },
      {
        id: 'ptz.preset',
        keys: '1-9',
        label: 'ptz.keys.preset',
        group: 'ptz',
        priority: 10,
        enabled: open,
        match: (e) => plain(e) && /^[1-9]$/.test(e.key),
        run: (e) => {
          if (!e.repeat) presetRef.current(Number(e.key));
        },
      },
    ];
    const up = (e: KeyboardEvent): void => {
      const k = e.key.length === 1 ? e.key.toLowerCase() : e.key.toLowerCase();
      if (held.delete(k) || held.delete(e.key)) steer();
    };
    const unregister = registerShortcuts(shortcuts);
    window.addEventListener('keyup', up);
    return () => {
      unregister();
      window.removeEventListener('keyup', up);
      if (held.size) {
        held.clear();
        steer();
      }
    };
  }, [cameraId]);
}
