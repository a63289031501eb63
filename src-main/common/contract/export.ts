import { z } from 'zod';
import { Empty, Id, Ok } from './define.js';

export const ExportDrive = z.object({
  path: z.string(),
  label: z.string(),
  fsType: z.string(),
  freeBytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
});

export const ExportStartRequest = z
  .object({
    cameraId: Id,
    profile: z.enum(['main', 'sub']),
    /** How far back from now; the replay buffer holds 5 minutes by default. */
    lastSeconds: z.number().int().min(1).max(3600),
    /** A drive's mount point or any folder the operator chose. */
    targetDir: z.string().min(1).max(1024),
    caseReference: z.string().trim().max(128),
    reason: z.string().trim().max(1000),
  })
  .strict();

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
  'interrupted',
  'internal',
]);

export const ExportHistoryEntry = z.object({
  id: Id,
  key: z.string(),
  cameraName: z.string(),
  lastSeconds: z.number(),
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
  /** Bytes written plus bytes read back, out of totalBytes (twice the export's size). */
  doneBytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
  bytesPerSecond: z.number().nonnegative(),
  secondsLeft: z.number().nonnegative(),
});

export const exportChannels = {
  'sw:export:drives': { req: Empty, res: z.object({ drives: z.array(ExportDrive), problem: z.string().optional() }) },
  'sw:export:start': { req: ExportStartRequest, res: z.object({ exportId: Id }) },
  'sw:export:cancel': { req: z.object({ exportId: Id }).strict(), res: Ok },
  'sw:export:history': { req: Empty, res: z.array(ExportHistoryEntry) },
  /** Any folder: every hash and the signature, offline. */
  'sw:export:verify': { req: z.object({ folder: z.string().min(1).max(1024) }).strict(), res: ExportVerifyReport },
} as const;

export const exportEvents = {
  'sw:export:onDidProgress': ExportProgress,
  'sw:export:onDidChangeHistory': ExportHistoryEntry,
} as const;
