import { z } from 'zod';
import { Empty, Id, Ok } from './define.js';

export const ExportDrive = z.object({
  path: z.string(),
  label: z.string(),
  fsType: z.string(),
  freeBytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
});

/** A span of workstation time, ms since the epoch, at most 24 hours. */
export const ExportRange = z
  .object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() })
  .strict()
  .refine((r) => r.to > r.from && r.to - r.from <= 24 * 3600_000, { message: 'the end must be after the start, at most 24 hours later' });

export const ExportStartRequest = z
  .object({
    cameraId: Id,
    profile: z.enum(['main', 'sub']),
    /** How far back from now, from the replay buffer (5 minutes by default). */
    lastSeconds: z.number().int().min(1).max(3600).optional(),
    /** Or a span downloaded from the camera's recorder (NVR, ONVIF replay). */
    range: ExportRange.optional(),
    /** A drive's mount point or any folder the operator chose. */
    targetDir: z.string().min(1).max(1024),
    caseReference: z.string().trim().max(128),
    reason: z.string().trim().max(1000),
  })
  .strict()
  .refine((r) => (r.lastSeconds === undefined) !== (r.range === undefined), { message: 'give either lastSeconds or range' });

export const ExportFailureCode = z.enum([
  'not_enough_space',
  'disk_full',
  'io_error',
  'target_gone',
  'not_writable',
  'verify_failed',
  'source_mismatch',
  'cancelled',
  'no_video',
  'no_recording',
  'recorder_failed',
  'no_recorder',
  'interrupted',
  'internal',
]);

export const ExportHistoryEntry = z.object({
  id: Id,
  key: z.string(),
  cameraName: z.string(),
  lastSeconds: z.number(),
  /** Recorder downloads: the span asked for (workstation time, ISO 8601). */
  range: z.object({ from: z.string(), to: z.string() }).optional(),
  targetDir: z.string(),
  caseReference: z.string(),
  reason: z.string(),
  operator: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  requestedAt: z.string(),
  finishedAt: z.string().optional(),
  folder: z.string().optional(),
  bytes: z.number().optional(),
  failure: ExportFailureCode.optional(),
  /** English detail for support; the UI words `failure` in the operator's language. */
  message: z.string().optional(),
  verify: z.object({ ok: z.boolean(), checkedAt: z.string(), problems: z.array(z.string()) }).optional(),
});
export type ExportHistoryEntry = z.infer<typeof ExportHistoryEntry>;

export const ExportVerifyReport = z.object({
  ok: z.boolean(),
  problems: z.array(z.object({ kind: z.enum(['missing', 'altered', 'unexpected', 'signature', 'key', 'manifest']), file: z.string().optional(), detail: z.string() })),
  fingerprint: z.string().optional(),
  files: z.number(),
});

export const ExportProgress = z.object({
  exportId: Id,
  /** Recorder downloads come down first ('download': recordedMs of spanMs), then are written. */
  phase: z.enum(['download', 'write']).optional(),
  recordedMs: z.number().nonnegative().optional(),
  spanMs: z.number().nonnegative().optional(),
  /** Bytes written plus bytes read back, out of totalBytes (twice the export's size). */
  doneBytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
  bytesPerSecond: z.number().nonnegative(),
  secondsLeft: z.number().nonnegative(),
});

/** Instant replay in a tile: a one-time loopback URL of an MP4 cut from the replay buffer. */
export const ExportReplay = z.union([
  z.object({
    url: z.string(),
    /** Workstation time (ms) of the clip's first picture; position t (s) shows startMs + 1000 t. */
    startMs: z.number(),
    durationMs: z.number(),
    frames: z.number().int(),
    frameMs: z.number(),
    /** Workstation time of the newest picture in the clip. */
    newestMs: z.number(),
  }),
  /** Nothing buffered for this camera yet (just opened, or the tile is not live). */
  z.object({ problem: z.literal('no_video') }),
]);
export type ExportReplay = z.infer<typeof ExportReplay>;

export const exportChannels = {
  'sw:export:drives': { req: Empty, res: z.object({ drives: z.array(ExportDrive), problem: z.string().optional() }) },
  'sw:export:start': { req: ExportStartRequest, res: z.object({ exportId: Id }) },
  'sw:export:cancel': { req: z.object({ exportId: Id }).strict(), res: Ok },
  'sw:export:history': { req: Empty, res: z.array(ExportHistoryEntry) },
  'sw:export:replay': { req: z.object({ cameraId: Id, profile: z.enum(['main', 'sub']), backSeconds: z.number().int().min(1).max(300) }).strict(), res: ExportReplay },
  /** Manual recording of a tile's camera into the target folder; stop queues its export. */
  'sw:export:recordStart': {
    req: z.object({ cameraId: Id, profile: z.enum(['main', 'sub']), targetDir: z.string().min(1).max(1024), caseReference: z.string().trim().max(128), reason: z.string().trim().max(1000) }).strict(),
    res: z.object({ recordingId: Id, startedAt: z.string() }),
  },
  'sw:export:recordStop': { req: z.object({ recordingId: Id }).strict(), res: z.object({ exportId: Id }) },
  'sw:export:recordings': { req: Empty, res: z.array(z.object({ recordingId: Id, cameraId: z.string(), startedAt: z.string() })) },
  /** The system's folder picker (Electron); `available: false` in host mode, where the folder is typed. */
  'sw:export:pickFolder': { req: z.object({ title: z.string().max(200) }).strict(), res: z.object({ available: z.boolean(), folder: z.string().optional() }) },
  /** Any folder: every hash and the signature, offline. */
  'sw:export:verify': { req: z.object({ folder: z.string().min(1).max(1024) }).strict(), res: ExportVerifyReport },
} as const;

export const exportEvents = {
  'sw:export:onDidProgress': ExportProgress,
  'sw:export:onDidChangeHistory': ExportHistoryEntry,
  /** Removable drives came or went (the panel lists them again). */
  'sw:export:onDidChangeDrives': z.object({ drives: z.array(ExportDrive), problem: z.string().optional() }),
} as const;
