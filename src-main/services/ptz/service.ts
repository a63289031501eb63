// PTZ for every window and the patrol engine: continuous moves with a dead-man watchdog, one
// controller per camera, presets with a client-side registry, patrols, and the persisted
// "moving" record that lets a restarted host stop cameras a killed one left turning.
import type { PatrolPlan, PtzCameraState, PtzMoveRequest, PtzPresetView } from '../../common/contract/ptz.js';
import { SkywallError } from '../../common/model/errors.js';
import type { ChannelTarget, PtzCapability, PtzLensAction, PtzVelocity } from '../../devices/index.js';
import { logger } from '../../base/log/index.js';
import type { AuditRecorder } from '../audit/service.js';
import { CameraMotion, DEFAULT_TIMING, type MotionTiming } from './camera-motion.js';
import { ControlLocks, type Controller } from './control-lock.js';
import { PatrolEngine, type PatrolView } from './patrol-engine.js';
import { mergeDeviceList, numbered, withoutPreset, withPreset } from './preset-registry.js';
import { openPtzFiles, type RegistryPreset } from './ptz-files.js';

const log = logger('ptz');

/** What PTZ needs to reach a camera: its channel and its device's PTZ capability. */
export interface PtzRoute {
  target: ChannelTarget;
  ptz: PtzCapability;
  cameraName?: string;
}

export interface PtzServiceOptions {
  dataDir: string;
  /** Camera id to its device's PTZ; rejects `not_found` / `ptz_unsupported`. */
  route(cameraId: string): Promise<PtzRoute>;
  audit: AuditRecorder;
  emit(state: PtzCameraState): void;
  timing?: Partial<MotionTiming>;
  /** The device stops a continuous move by itself after this, should every stop be lost. */
  deviceTimeoutMs?: number;
  /** How long a window keeps a camera it stopped steering, when no patrol sets it. */
  manualHoldMs?: number;
  /** Preset queries slower than this answer from the registry. */
  presetQueryMs?: number;
}

export interface PtzService {
  move(req: PtzMoveRequest): Promise<void>;
  stop(cameraId: string, clientId: string): Promise<void>;
  lens(cameraId: string, clientId: string, action: Exclude<PtzLensAction, 'lens_stop'>, speed: number): Promise<void>;
  home(cameraId: string, clientId: string): Promise<void>;
  centre(cameraId: string, clientId: string, translation: PtzVelocity): Promise<void>;
  presets(cameraId: string): Promise<{ presets: PtzPresetView[]; deviceError?: string }>;
  gotoPreset(cameraId: string, clientId: string, token: string): Promise<void>;
  savePreset(cameraId: string, clientId: string, name: string, token?: string): Promise<PtzPresetView>;
  renamePreset(cameraId: string, token: string, name: string): Promise<void>;
  removePreset(cameraId: string, token: string): Promise<void>;
  state(cameraId: string): PtzCameraState;
  startPatrol(cameraId: string, plan: PatrolPlan): Promise<PtzCameraState>;
  stopPatrol(cameraId: string): Promise<PtzCameraState>;
  /** Stops every camera that may be moving; resolves when each confirmed (or retries ran out). */
  stopAll(): Promise<void>;
  dispose(): Promise<void>;
}

const DEFAULT_HOLD_MS = 5000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new SkywallError('timeout', `no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e)),
    );
  });
}

export async function createPtzService(opts: PtzServiceOptions): Promise<PtzService> {
  const files = await openPtzFiles(opts.dataDir);
  const timing: MotionTiming = { ...DEFAULT_TIMING, ...opts.timing };
  const deviceTimeoutMs = opts.deviceTimeoutMs ?? 2000;
  const motions = new Map<string, CameraMotion>();
  const names = new Map<string, string>();

  const audit = (kind: Parameters<AuditRecorder['record']>[0]['kind'], cameraId: string, details: Record<string, string | number | boolean>): void => {
    void opts.audit.record({ kind, target: { id: cameraId, ...(names.has(cameraId) ? { name: names.get(cameraId)! } : {}) }, details });
  };

  const patrolHoldMs = (cameraId: string): number => {
    const rec = files.state.get().patrols[cameraId];
    return rec ? rec.plan.resumeAfterIdleSec * 1000 : (opts.manualHoldMs ?? DEFAULT_HOLD_MS);
  };

  const locks = new ControlLocks(patrolHoldMs, {
    changed(cameraId, now, before) {
      if (before?.kind === 'manual' && now?.kind !== 'manual') audit('ptz.release', cameraId, { clientId: before.clientId });
      patrols.controllerChanged(cameraId, now?.kind ?? null);
      publish(cameraId);
    },
  });

  const route = async (cameraId: string): Promise<PtzRoute> => {
    const r = await opts.route(cameraId);
    if (r.cameraName) names.set(cameraId, r.cameraName);
    return r;
  };

  const motionOf = (cameraId: string, startUnknown = false): CameraMotion => {
    let m = motions.get(cameraId);
    if (m) return m;
    m = new CameraMotion(
      {
        move: async (v) => {
          const r = await route(cameraId);
          await r.ptz.continuousMove(r.target, v, { timeoutMs: deviceTimeoutMs });
        },
        stop: async () => {
          const r = await route(cameraId);
          await r.ptz.stop(r.target);
        },
        lens: async (action, speed) => {
          const r = await route(cameraId);
          if (!r.ptz.lens) throw new SkywallError('ptz_unsupported', 'this camera has no focus or iris control', { cameraId });
          await r.ptz.lens(r.target, action, speed);
        },
      },
      {
        startedMoving: () => {
          files.moving.updateSync((d) => ({ ...d, moving: { ...d.moving, [cameraId]: new Date().toISOString() } }));
          // Windows hear of it once the command is on its way, not before.
          setImmediate(() => publish(cameraId));
        },
        stopped: (confirmed) => {
          // An unconfirmed stop keeps the record: the next start of the app tries again.
          if (confirmed) files.moving.updateSync((d) => ({ ...d, moving: Object.fromEntries(Object.entries(d.moving).filter(([k]) => k !== cameraId)) }));
          publish(cameraId);
        },
        deadman: (what) => log.warn(`${cameraId}: ${what} not renewed within ${timing.deadmanMs} ms; stopping`),
        stopFailed: (e, retryIn) =>
          retryIn === undefined
            ? log.error(`${cameraId}: stop not confirmed, retries given up (the device's own timeout ends the move)`, e)
            : log.warn(`${cameraId}: stop failed, again in ${retryIn} ms: ${e instanceof Error ? e.message : String(e)}`),
      },
      timing,
      startUnknown,
    );
    motions.set(cameraId, m);
    return m;
  };

  const patrols = new PatrolEngine({
    locks,
    goto: async (cameraId, token, speed) => {
      const r = await route(cameraId);
      await motionOf(cameraId).once(() => r.ptz.gotoPreset(r.target, token, speed));
    },
    changed: (cameraId, view) => {
      void files.state.update((d) => {
        const rest = Object.fromEntries(Object.entries(d.patrols).filter(([k]) => k !== cameraId));
        return { ...d, patrols: view ? { ...rest, [cameraId]: { plan: view.plan, stepIndex: view.stepIndex } } : rest };
      });
      publish(cameraId);
    },
    failed: (cameraId, e) => log.warn(`${cameraId}: patrol step failed: ${e instanceof Error ? e.message : String(e)}`),
  });

  function controllerView(c: Controller | null): PtzCameraState['controller'] {
    if (!c) return null;
    return c.kind === 'manual' ? { kind: 'manual', clientId: c.clientId, since: new Date(c.since).toISOString() } : { kind: 'patrol', since: new Date(c.since).toISOString() };
  }

  function patrolView(cameraId: string, view: PatrolView | null): PtzCameraState['patrol'] {
    if (!view) return null;
    const token = view.plan.steps[view.stepIndex]?.presetToken;
    const name = files.state.get().presets[cameraId]?.find((p) => p.token === token)?.name;
    return { ...view, ...(name ? { presetName: name } : {}) };
  }

  function state(cameraId: string): PtzCameraState {
    return {
      cameraId,
      controller: controllerView(locks.holder(cameraId)),
      moving: motions.get(cameraId)?.moving ?? false,
      patrol: patrolView(cameraId, patrols.view(cameraId)),
    };
  }

  function publish(cameraId: string): void {
    opts.emit(state(cameraId));
  }

  /** A window steers: take the camera (auditing whom from), or refuse while another window steers. */
  function takeManual(cameraId: string, clientId: string, takeover = false): void {
    const from = locks.takeManual(cameraId, clientId, takeover);
    if (from !== null) audit('ptz.takeover', cameraId, { clientId, from });
  }

  async function registryList(cameraId: string): Promise<{ presets: PtzPresetView[]; deviceError?: string }> {
    const r = await route(cameraId);
    const saved = files.state.get().presets[cameraId] ?? [];
    try {
      const device = await withTimeout(r.ptz.presets(r.target), opts.presetQueryMs ?? 4000);
      const merged = mergeDeviceList(device, saved);
      await files.state.update((d) => ({ ...d, presets: { ...d.presets, [cameraId]: merged } }));
      return { presets: numbered(merged, 'device') };
    } catch (e) {
      log.warn(`${cameraId}: preset list from the registry: ${e instanceof Error ? e.message : String(e)}`);
      return { presets: numbered(saved, 'registry'), deviceError: e instanceof SkywallError ? e.code : 'internal' };
    }
  }

  const savePresets = (cameraId: string, change: (list: RegistryPreset[]) => RegistryPreset[]): Promise<void> =>
    files.state.update((d) => ({ ...d, presets: { ...d.presets, [cameraId]: change(d.presets[cameraId] ?? []) } }));

  // A killed host left these moving (or unconfirmed): stop them first thing.
  for (const cameraId of Object.keys(files.moving.get().moving)) {
    log.warn(`${cameraId}: recorded as moving when the app last stopped; stopping it`);
    motionOf(cameraId, true);
  }
  for (const [cameraId, rec] of Object.entries(files.state.get().patrols)) patrols.start(cameraId, rec.plan, rec.stepIndex);

  const service: PtzService = {
    async move(req) {
      const v = { pan: req.pan, tilt: req.tilt, zoom: req.zoom };
      if (v.pan === 0 && v.tilt === 0 && v.zoom === 0) return service.stop(req.cameraId, req.clientId);
      takeManual(req.cameraId, req.clientId, req.takeover);
      const motion = motionOf(req.cameraId);
      const wasMoving = motion.moving;
      const sent = motion.move(v);
      if (!wasMoving) publish(req.cameraId);
      await sent;
    },
    async stop(cameraId) {
      // Anyone may stop a camera: stopping is never refused. It ends focus and iris too.
      await motionOf(cameraId).release();
    },
    async lens(cameraId, clientId, action, speed) {
      takeManual(cameraId, clientId);
      const r = await route(cameraId);
      if (!r.ptz.lens) throw new SkywallError('ptz_unsupported', 'this camera has no focus or iris control', { cameraId });
      await motionOf(cameraId).lens(action, speed);
    },
    async home(cameraId, clientId) {
      takeManual(cameraId, clientId);
      const r = await route(cameraId);
      const home = r.ptz.home;
      if (!home) throw new SkywallError('ptz_unsupported', 'this camera has no home position', { cameraId });
      await motionOf(cameraId).once(() => home(r.target));
    },
    async centre(cameraId, clientId, translation) {
      takeManual(cameraId, clientId);
      const r = await route(cameraId);
      const rel = r.ptz.relativeMove;
      if (!rel) throw new SkywallError('ptz_unsupported', 'this camera cannot move by a relative amount', { cameraId });
      await motionOf(cameraId).once(() => rel(r.target, translation));
    },
    presets: registryList,
    async gotoPreset(cameraId, clientId, token) {
      takeManual(cameraId, clientId);
      const r = await route(cameraId);
      await motionOf(cameraId).once(() => r.ptz.gotoPreset(r.target, token));
    },
    async savePreset(cameraId, clientId, name, token) {
      takeManual(cameraId, clientId);
      const r = await route(cameraId);
      const saved = String(await motionOf(cameraId).once(() => r.ptz.setPreset(r.target, name, token)));
      await savePresets(cameraId, (list) => withPreset(list, { token: saved, name }));
      audit('ptz.preset_save', cameraId, { token: saved, name, ...(token ? { overwritten: true } : {}) });
      const view = numbered(files.state.get().presets[cameraId] ?? [], 'device').find((p) => p.token === saved);
      return view!;
    },
    async renamePreset(cameraId, token, name) {
      // ONVIF's SetPreset would also move the preset to where the camera points now, so a
      // rename changes only this workstation's registry.
      const list = files.state.get().presets[cameraId] ?? [];
      const before = list.find((p) => p.token === token);
      if (!before) throw new SkywallError('not_found', 'no such preset', { cameraId, token });
      await savePresets(cameraId, (l) => l.map((p) => (p.token === token ? { token, name } : p)));
      audit('ptz.preset_rename', cameraId, { token, from: before.name, to: name });
    },
    async removePreset(cameraId, token) {
      const r = await route(cameraId);
      try {
        await r.ptz.removePreset(r.target, token);
      } catch (e) {
        // Gone on the device already: the registry forgets it too.
        if (!(e instanceof SkywallError && e.code === 'not_found')) throw e;
      }
      const name = files.state.get().presets[cameraId]?.find((p) => p.token === token)?.name ?? '';
      await savePresets(cameraId, (l) => withoutPreset(l, token));
      audit('ptz.preset_remove', cameraId, { token, name });
      for (const cam of patrols.cameras()) {
        if (cam === cameraId && patrols.view(cam)?.plan.steps.some((s) => s.presetToken === token)) log.warn(`${cameraId}: a patrol step's preset ${token} was removed`);
      }
    },
    state,
    async startPatrol(cameraId, plan) {
      const known = (): Set<string> => new Set((files.state.get().presets[cameraId] ?? []).map((p) => p.token));
      if (plan.steps.some((s) => !known().has(s.presetToken))) await registryList(cameraId);
      const unknown = plan.steps.find((s) => !known().has(s.presetToken));
      if (unknown) throw new SkywallError('not_found', 'a patrol step names a preset this camera does not have', { cameraId, token: unknown.presetToken });
      await files.state.update((d) => ({ ...d, patrols: { ...d.patrols, [cameraId]: { plan, stepIndex: 0 } } }));
      // The operator who starts a patrol hands the camera to it.
      locks.releaseManual(cameraId);
      patrols.start(cameraId, plan);
      audit('ptz.patrol_start', cameraId, { steps: plan.steps.length, ...(plan.schedule ? { schedule: `${plan.schedule.from}-${plan.schedule.to}` } : {}) });
      return state(cameraId);
    },
    async stopPatrol(cameraId) {
      if (patrols.view(cameraId)) {
        patrols.stop(cameraId);
        audit('ptz.patrol_stop', cameraId, {});
      }
      return state(cameraId);
    },
    async stopAll() {
      await Promise.all([...motions.values()].map((m) => m.stopNow()));
    },
    async dispose() {
      patrols.dispose();
      locks.dispose();
      await withTimeout(service.stopAll(), 3000).catch((e: unknown) => log.error('stopping every camera at exit', e));
      for (const m of motions.values()) m.dispose();
      await Promise.all([files.moving.flushed(), files.state.flushed()]);
    },
  };
  return service;
}
