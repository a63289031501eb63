// What the page knows about PTZ cameras: who controls each and its patrol (from main's events),
// which tile's control panel is open, the operator's speed, and the last refusal to show.
import { create } from 'zustand';
import type { PtzCameraState } from '@common/contract/ptz.js';
import { ptzService } from '../../services/ptz.js';

export interface PtzStore {
  states: Record<string, PtzCameraState>;
  /** The camera whose on-video control is open (at most one per window). */
  openCamera: string | null;
  /** Pad, keys and joystick speed, 0.1 to 1. */
  speed: number;
  /** An error code to word (ptz_busy, ptz_unsupported, ...), per camera. */
  problem: { cameraId: string; code: string } | null;
  setOpen(cameraId: string | null): void;
  setSpeed(speed: number): void;
  setProblem(p: PtzStore['problem']): void;
  follow(cameraId: string): Promise<void>;
}

let unsubscribe: (() => void) | undefined;

export const usePtzStore = create<PtzStore>()((set) => ({
  states: {},
  openCamera: null,
  speed: 0.5,
  problem: null,
  setOpen: (openCamera) => set({ openCamera, problem: null }),
  setSpeed: (speed) => set({ speed: Math.max(0.1, Math.min(1, speed)) }),
  setProblem: (problem) => set({ problem }),
  async follow(cameraId) {
    unsubscribe ??= ptzService.onState((s) => set((st) => ({ states: { ...st.states, [s.cameraId]: s } })));
    const s = await ptzService.state(cameraId);
    set((st) => ({ states: { ...st.states, [cameraId]: s } }));
  },
}));
