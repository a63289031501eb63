import { z } from 'zod';
import { Empty } from './define.js';

/**
 * Kinds of audit entries the app writes today. Later features add their own `domain.verb`
 * kinds; the list and view accept any such name, and the renderer labels the known ones
 * (i18n key `audit.kind.<kind>`).
 */
export const AUDIT_KINDS = [
  'app.start',
  'app.stop',
  'device.add',
  'device.update',
  'device.remove',
  'device.credentials',
  'device.import',
  'wall.save',
  'wall.scene_recall',
  'wall.scene_recall_undo',
  'stream.auth_lockout',
  'settings.update',
  'storage.migrated',
  'ptz.takeover',
  'ptz.release',
  'ptz.preset_save',
  'ptz.preset_rename',
  'ptz.preset_remove',
  'ptz.patrol_start',
  'ptz.patrol_stop',
  'export.start',
  'export.done',
  'export.failed',
  'export.verify',
  'tile.snapshot',
  'export.record_start',
  'export.record_stop',
] as const;
export type KnownAuditKind = (typeof AUDIT_KINDS)[number];

export const AuditKind = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/);

const DetailValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

/** One operator action as the audit view shows it. Never a secret. */
export const AuditEntryView = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  kind: AuditKind,
  /** Who did it: the OS account at the workstation, as far as the app knows. */
  actor: z.object({ operator: z.string(), workstation: z.string() }),
  /** What it was done to: a device, camera or wall id, and its name at the time. */
  targetId: z.string(),
  targetName: z.string().optional(),
  details: z.record(z.string(), DetailValue),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

export const AuditListRequest = z
  .object({
    /** Inclusive lower bound (ISO 8601). */
    from: z.iso.datetime({ offset: true }).optional(),
    /** Exclusive upper bound (ISO 8601). */
    to: z.iso.datetime({ offset: true }).optional(),
    /** Only these kinds; all when absent or empty. */
    kinds: z.array(AuditKind).max(64).optional(),
    /** Paging cursor: only entries with a smaller seq (the previous page's `nextBefore`). */
    before: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict();
export type AuditListRequest = z.infer<typeof AuditListRequest>;

/** Newest first. `nextBefore` is present when older matching entries may remain. */
export const AuditPage = z.object({
  entries: z.array(AuditEntryView),
  nextBefore: z.number().int().positive().optional(),
});
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditBreakReason = z.enum(['unparseable', 'hash_mismatch', 'prev_mismatch', 'seq_mismatch', 'torn_tail', 'missing']);

export const AuditVerifyResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), entries: z.number().int().nonnegative(), lastSeq: z.number().int().nonnegative() }),
  z.object({
    ok: z.literal(false),
    /** Intact entries before the break. */
    entries: z.number().int().nonnegative(),
    /** seq the first broken entry has, or should have had. */
    brokenSeq: z.number().int().positive(),
    /** 1-based line of audit.jsonl. */
    line: z.number().int().positive(),
    reason: AuditBreakReason,
  }),
]);
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;

export const auditChannels = {
  'sw:audit:list': { req: AuditListRequest, res: AuditPage },
  'sw:audit:verify': { req: Empty, res: AuditVerifyResult },
} as const;

export const auditEvents = {
  'sw:audit:onDidAppend': AuditEntryView,
} as const;
