// Line format of audit.jsonl. Each line is one JSON object with keys in this fixed order:
//   seq, at, actor, action, target, details, prev, hash
// `prev` is the SHA-256 (hex) of the previous line's exact text (64 zeros for the first line);
// `hash` is the SHA-256 of this line's text without the `,"hash":"…"` tail. Editing, inserting or
// deleting a line therefore breaks either its own hash or the next line's `prev`.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AUDIT_KINDS } from '../common/contract/audit.js';

export const GENESIS_PREV = '0'.repeat(64);
/** A line longer than this is refused on append; keeps the tail scan on open bounded. */
export const MAX_LINE_BYTES = 64 * 1024;

/** The kinds the contract knows (and the renderer labels); see common/contract/audit.ts. */
export const KNOWN_AUDIT_ACTIONS = AUDIT_KINDS;
/** Known actions autocomplete; other `domain.verb` names are allowed for new features. */
export type AuditAction = (typeof KNOWN_AUDIT_ACTIONS)[number] | `${string}.${string}`;

export const AuditActor = z.object({
  operator: z.string().max(128),
  workstation: z.string().max(255),
});
export type AuditActor = z.infer<typeof AuditActor>;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const AuditEntry = z
  .object({
    seq: z.number().int().positive(),
    at: z.iso.datetime(),
    actor: AuditActor,
    action: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/),
    target: z.string().max(1024),
    details: z.record(z.string(), z.unknown()),
    prev: Hex64,
    hash: Hex64,
  })
  .strict();
export type AuditEntry = z.infer<typeof AuditEntry> & { action: AuditAction };

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Builds the line text (without newline) and the entry it encodes. */
export function encodeEntry(body: Omit<AuditEntry, 'hash'>): { line: string; entry: AuditEntry } {
  const ordered = { seq: body.seq, at: body.at, actor: body.actor, action: body.action, target: body.target, details: body.details, prev: body.prev };
  const bodyText = JSON.stringify(ordered);
  const hash = sha256Hex(bodyText);
  return { line: `${bodyText.slice(0, -1)},"hash":"${hash}"}`, entry: { ...ordered, hash } };
}

const HASH_TAIL = /,"hash":"([0-9a-f]{64})"\}$/;

export type LineCheck = { ok: true; entry: AuditEntry } | { ok: false; reason: 'unparseable' | 'hash_mismatch' };

/** Checks one line on its own: shape, schema and self-hash (not its place in the chain). */
export function checkLine(line: string): LineCheck {
  const m = HASH_TAIL.exec(line);
  if (!m) return { ok: false, reason: 'unparseable' };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'unparseable' };
  }
  const parsed = AuditEntry.safeParse(value);
  if (!parsed.success) return { ok: false, reason: 'unparseable' };
  const bodyText = `${line.slice(0, m.index)}}`;
  if (sha256Hex(bodyText) !== m[1]) return { ok: false, reason: 'hash_mismatch' };
  return { ok: true, entry: parsed.data as AuditEntry };
}
