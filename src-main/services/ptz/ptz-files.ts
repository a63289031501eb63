// What the PTZ service keeps on disk, in two files so the hot one stays small:
// - ptz-moving.json: cameras told to move and not yet confirmed stopped (written before the
//   move is sent, so a host that was killed stops them when it starts again);
// - ptz-state.json: each camera's preset names (the client-side registry) and its patrol.
import { PatrolPlan } from '../../common/contract/ptz.js';
import { JsonFile } from './json-file.js';

export const MOVING_FILE = 'ptz-moving.json';
export const STATE_FILE = 'ptz-state.json';

export interface MovingDoc {
  version: 1;
  /** camera id -> when it was told to move (ISO) */
  moving: Record<string, string>;
}

export interface RegistryPreset {
  token: string;
  name: string;
}

export interface PatrolRecord {
  plan: PatrolPlan;
  stepIndex: number;
}

export interface StateDoc {
  version: 1;
  presets: Record<string, RegistryPreset[]>;
  patrols: Record<string, PatrolRecord>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function acceptMoving(raw: unknown): MovingDoc | undefined {
  if (!isRecord(raw) || raw.version !== 1 || !isRecord(raw.moving)) return undefined;
  const moving: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw.moving)) if (typeof v === 'string') moving[k] = v;
  return { version: 1, moving };
}

function acceptState(raw: unknown): StateDoc | undefined {
  if (!isRecord(raw) || raw.version !== 1 || !isRecord(raw.presets) || !isRecord(raw.patrols)) return undefined;
  const presets: Record<string, RegistryPreset[]> = {};
  for (const [camera, list] of Object.entries(raw.presets)) {
    if (!Array.isArray(list)) continue;
    presets[camera] = list.filter((p): p is RegistryPreset => isRecord(p) && typeof p.token === 'string' && typeof p.name === 'string').map((p) => ({ token: p.token, name: p.name }));
  }
  const patrols: Record<string, PatrolRecord> = {};
  for (const [camera, rec] of Object.entries(raw.patrols)) {
    if (!isRecord(rec)) continue;
    const plan = PatrolPlan.safeParse(rec.plan);
    if (plan.success && typeof rec.stepIndex === 'number') patrols[camera] = { plan: plan.data, stepIndex: rec.stepIndex };
  }
  return { version: 1, presets, patrols };
}

export async function openPtzFiles(dir: string): Promise<{ moving: JsonFile<MovingDoc>; state: JsonFile<StateDoc> }> {
  const [moving, state] = await Promise.all([
    JsonFile.open<MovingDoc>(dir, MOVING_FILE, () => ({ version: 1, moving: {} }), acceptMoving),
    JsonFile.open<StateDoc>(dir, STATE_FILE, () => ({ version: 1, presets: {}, patrols: {} }), acceptState),
  ]);
  return { moving, state };
}
