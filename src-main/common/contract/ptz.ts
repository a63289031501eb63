import { z } from 'zod';
import { Id, Ok } from './define.js';

/** A window (or other manual controller) names itself with an id it makes up once per page load. */
export const PtzClientId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

const Unit = z.number().min(-1).max(1);

/**
 * A continuous move. Pan right, tilt up and zoom in are positive; each is a fraction of the
 * camera's top speed. The move lasts only while it is renewed: send it again at least every
 * PTZ_RENEW_MS or main stops the camera (dead-man). All zero is a stop.
 */
export const PtzMoveRequest = z
  .object({
    cameraId: Id,
    clientId: PtzClientId,
    pan: Unit,
    tilt: Unit,
    zoom: Unit,
    /** Take the camera from another window that holds it (audited). */
    takeover: z.boolean().optional(),
  })
  .strict();
export type PtzMoveRequest = z.infer<typeof PtzMoveRequest>;

/** The renderer renews a held move this often; main stops a move not renewed for PTZ_DEADMAN_MS. */
export const PTZ_RENEW_MS = 100;
export const PTZ_DEADMAN_MS = 300;

const CameraClient = z.object({ cameraId: Id, clientId: PtzClientId }).strict();

export const PtzLensRequest = z
  .object({
    cameraId: Id,
    clientId: PtzClientId,
    /** near/far and open/close run while renewed, like a move; auto hands focus back to the camera. */
    action: z.enum(['focus_near', 'focus_far', 'focus_auto', 'iris_open', 'iris_close']),
    speed: z.number().min(0).max(1).optional(),
  })
  .strict();

/** Click-to-centre: move by a fraction of the picture (x right, y up, each in [-1, 1]). */
export const PtzCentreRequest = z.object({ cameraId: Id, clientId: PtzClientId, x: Unit, y: Unit, zoom: Unit.optional() }).strict();

export const PresetName = z.string().trim().min(1).max(32);

export const PtzPresetView = z.object({
  token: z.string(),
  name: z.string(),
  /** Number keys call presets by this number (1-based position in the list). */
  number: z.number().int().positive(),
  /** 'device' when the camera listed it just now; 'registry' when only this workstation remembers it. */
  source: z.enum(['device', 'registry']),
});
export type PtzPresetView = z.infer<typeof PtzPresetView>;

export const PtzPresetList = z.object({
  presets: z.array(PtzPresetView),
  /** Set when the camera did not answer and the list comes from this workstation's registry. */
  deviceError: z.string().optional(),
});

export const PatrolStep = z.object({ presetToken: z.string().min(1).max(64), dwellSec: z.number().min(1).max(3600), speed: z.number().min(0.05).max(1) }).strict();
export type PatrolStep = z.infer<typeof PatrolStep>;

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const PatrolPlan = z
  .object({
    steps: z.array(PatrolStep).min(1).max(64),
    /** Runs only inside this daily window (may cross midnight, e.g. 22:00-06:00); always when absent. */
    schedule: z.object({ from: ClockTime, to: ClockTime }).strict().optional(),
    /** After a manual move, the patrol resumes once the camera has been left alone this long. */
    resumeAfterIdleSec: z.number().int().min(1).max(3600),
  })
  .strict();
export type PatrolPlan = z.infer<typeof PatrolPlan>;

export const PatrolStatus = z.enum(['stopped', 'running', 'paused', 'waiting_schedule']);

export const PtzControllerView = z.object({ kind: z.enum(['manual', 'patrol']), clientId: z.string().optional(), since: z.string() });

/** What a tile shows about a PTZ camera: who steers it and where its patrol is. */
export const PtzCameraState = z.object({
  cameraId: Id,
  controller: PtzControllerView.nullable(),
  moving: z.boolean(),
  patrol: z
    .object({
      status: PatrolStatus,
      plan: PatrolPlan,
      /** Index into plan.steps of the preset the camera is at or heading to. */
      stepIndex: z.number().int().nonnegative(),
      presetName: z.string().optional(),
    })
    .nullable(),
});
export type PtzCameraState = z.infer<typeof PtzCameraState>;

export const ptzChannels = {
  'sw:ptz:move': { req: PtzMoveRequest, res: Ok },
  'sw:ptz:stop': { req: CameraClient, res: Ok },
  'sw:ptz:lens': { req: PtzLensRequest, res: Ok },
  'sw:ptz:home': { req: CameraClient, res: Ok },
  'sw:ptz:centre': { req: PtzCentreRequest, res: Ok },
  'sw:ptz:presets': { req: z.object({ cameraId: Id }).strict(), res: PtzPresetList },
  'sw:ptz:gotoPreset': { req: CameraClient.extend({ token: z.string().min(1).max(64) }).strict(), res: Ok },
  'sw:ptz:savePreset': { req: CameraClient.extend({ name: PresetName, token: z.string().min(1).max(64).optional() }).strict(), res: PtzPresetView },
  'sw:ptz:renamePreset': { req: z.object({ cameraId: Id, token: z.string().min(1).max(64), name: PresetName }).strict(), res: Ok },
  'sw:ptz:removePreset': { req: z.object({ cameraId: Id, token: z.string().min(1).max(64) }).strict(), res: Ok },
  'sw:ptz:state': { req: z.object({ cameraId: Id }).strict(), res: PtzCameraState },
  'sw:ptz:startPatrol': { req: z.object({ cameraId: Id, plan: PatrolPlan }).strict(), res: PtzCameraState },
  'sw:ptz:stopPatrol': { req: z.object({ cameraId: Id }).strict(), res: PtzCameraState },
} as const;

export const ptzEvents = {
  'sw:ptz:onDidChangeState': PtzCameraState,
} as const;
