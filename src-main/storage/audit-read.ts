// Reads audit.jsonl newest first, for the operator's audit view. The file is only ever appended
// to, so reading backwards from its end gives entries in descending seq without an index.
import { open } from 'node:fs/promises';
import { checkLine, type AuditEntry } from './audit-chain.js';

const CHUNK_BYTES = 64 * 1024;

/** Lines of a file from the last to the first; an unterminated tail (a write in progress) is skipped. */
async function* linesBackwards(filePath: string): AsyncGenerator<string> {
  const handle = await open(filePath, 'r');
  try {
    let pos = (await handle.stat()).size;
    let carry: Buffer = Buffer.alloc(0);
    let sawEnd = false;
    while (pos > 0) {
      const size = Math.min(CHUNK_BYTES, pos);
      pos -= size;
      const chunk = Buffer.alloc(size);
      await handle.read(chunk, 0, size, pos);
      let buf = Buffer.concat([chunk, carry]);
      if (!sawEnd) {
        // Whatever follows the last newline was not acknowledged yet.
        const lastNl = buf.lastIndexOf(0x0a);
        if (lastNl === -1) {
          carry = buf;
          continue;
        }
        buf = buf.subarray(0, lastNl + 1);
        sawEnd = true;
      }
      // buf ends with a newline; split complete lines off its end.
      let end = buf.length - 1;
      let nl: number;
      while (end > 0 && (nl = buf.lastIndexOf(0x0a, end - 1)) !== -1) {
        yield buf.subarray(nl + 1, end).toString('utf8');
        end = nl;
      }
      carry = Buffer.from(buf.subarray(0, end + 1));
    }
    if (sawEnd && carry.length > 1) yield carry.subarray(0, carry.length - 1).toString('utf8');
  } finally {
    await handle.close();
  }
}

export interface AuditQuery {
  /** Inclusive, ms since the epoch. */
  fromMs?: number;
  /** Exclusive, ms since the epoch. */
  toMs?: number;
  actions?: ReadonlySet<string>;
  /** Only entries with a smaller seq. */
  beforeSeq?: number;
  limit: number;
}

export interface AuditQueryResult {
  entries: AuditEntry[];
  /** Set when the page is full and older entries may match. */
  nextBefore?: number;
}

/**
 * Matching entries, newest first. Damaged lines are left out here; verifyAuditLog points at them.
 * Time filters compare each entry's own time, so a clock set back does not hide entries.
 */
export async function queryAuditLog(filePath: string, q: AuditQuery): Promise<AuditQueryResult> {
  const entries: AuditEntry[] = [];
  for await (const line of linesBackwards(filePath)) {
    const check = checkLine(line);
    if (!check.ok) continue;
    const e = check.entry;
    if (q.beforeSeq !== undefined && e.seq >= q.beforeSeq) continue;
    const at = Date.parse(e.at);
    if (q.fromMs !== undefined && at < q.fromMs) continue;
    if (q.toMs !== undefined && at >= q.toMs) continue;
    if (q.actions && q.actions.size > 0 && !q.actions.has(e.action)) continue;
    if (entries.length === q.limit) return { entries, nextBefore: entries[entries.length - 1]!.seq };
    entries.push(e);
  }
  return { entries };
}
