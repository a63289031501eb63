// Walks audit.jsonl from the start and reports the first place where the chain breaks.
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { SkywallError } from '../common/model/errors.js';
import { GENESIS_PREV, checkLine, sha256Hex } from './audit-chain.js';

export type AuditBreakReason = 'unparseable' | 'hash_mismatch' | 'prev_mismatch' | 'seq_mismatch' | 'torn_tail';

export type AuditVerifyResult =
  | { ok: true; entries: number; lastSeq: number }
  | {
      ok: false;
      /** Intact entries before the break. */
      entries: number;
      /** seq the broken line has, or should have had (previous seq + 1). */
      brokenSeq: number;
      /** 1-based line number in the file. */
      line: number;
      reason: AuditBreakReason;
    };

/** Splits a byte stream into lines without decoding across chunk boundaries. */
async function* lines(path: string): AsyncGenerator<{ text: string; terminated: boolean }> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path)) {
    pending = Buffer.concat([pending, chunk as Buffer]);
    let nl: number;
    while ((nl = pending.indexOf(0x0a)) !== -1) {
      yield { text: pending.subarray(0, nl).toString('utf8'), terminated: true };
      pending = pending.subarray(nl + 1);
    }
  }
  if (pending.length > 0) yield { text: pending.toString('utf8'), terminated: false };
}

/** Throws SkywallError('not_found') if the file does not exist (a deleted log is not "intact"). */
export async function verifyAuditLog(path: string): Promise<AuditVerifyResult> {
  try {
    await access(path);
  } catch {
    throw new SkywallError('not_found', `audit log ${path} does not exist`, { file: path });
  }
  let prev = GENESIS_PREV;
  let lastSeq = 0;
  let lineNo = 0;
  for await (const { text, terminated } of lines(path)) {
    lineNo++;
    const broken = (reason: AuditBreakReason): AuditVerifyResult => ({ ok: false, entries: lineNo - 1, brokenSeq: lastSeq + 1, line: lineNo, reason });
    if (!terminated) return broken('torn_tail');
    const check = checkLine(text);
    if (!check.ok) return broken(check.reason);
    if (check.entry.seq !== lastSeq + 1) return broken('seq_mismatch');
    if (check.entry.prev !== prev) return broken('prev_mismatch');
    prev = sha256Hex(text);
    lastSeq = check.entry.seq;
  }
  return { ok: true, entries: lineNo, lastSeq };
}
