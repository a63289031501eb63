// Append-only audit trail (audit.jsonl, JSON Lines, hash-chained; format in audit-chain.ts).
// Low volume, so every append is fsynced before it resolves: an acknowledged entry survives a
// power cut. Appends are serialized in call order.
import { hostname } from 'node:os';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { SkywallError } from '../common/model/errors.js';
import { GENESIS_PREV, MAX_LINE_BYTES, checkLine, encodeEntry, sha256Hex, type AuditActor, type AuditAction, type AuditEntry } from './audit-chain.js';
import { redactSecrets, redactValue } from '../base/log/redact.js';

export const AUDIT_FILE_NAME = 'audit.jsonl';

export interface AuditAppend {
  action: AuditAction;
  /** What was acted on: camera id, export id, device id... */
  target: string;
  details?: Record<string, unknown>;
  /** Overrides the log's default actor for this entry (e.g. a different operator signed in). */
  actor?: Partial<AuditActor>;
}

export interface OpenAuditLogOptions {
  dir: string;
  /** Default actor; workstation defaults to os.hostname(). */
  actor?: Partial<AuditActor>;
  now?: () => Date;
}

interface ChainHead {
  seq: number;
  prev: string;
}

/** Finds the last complete line; drops an unterminated tail (a write that was never acknowledged). */
async function readChainHead(handle: FileHandle): Promise<ChainHead> {
  const { size } = await handle.stat();
  if (size === 0) return { seq: 0, prev: GENESIS_PREV };
  const window = Math.min(size, 2 * MAX_LINE_BYTES + 2);
  const buf = Buffer.alloc(window);
  await handle.read(buf, 0, window, size - window);
  let end = buf.length;
  if (buf[end - 1] !== 0x0a) {
    const lastNl = buf.lastIndexOf(0x0a);
    if (lastNl === -1 && window < size) throw new SkywallError('storage', 'audit log tail is longer than any valid line; inspect the file');
    await handle.truncate(size - window + lastNl + 1);
    end = lastNl + 1;
    if (end === 0) return { seq: 0, prev: GENESIS_PREV };
  }
  // Buffer.lastIndexOf treats a negative offset as counted from the end, hence the guard.
  const start = end >= 2 ? buf.lastIndexOf(0x0a, end - 2) + 1 : 0;
  if (start === 0 && window < size) throw new SkywallError('storage', 'audit log last line is longer than any valid line; inspect the file');
  const lastLine = buf.subarray(start, end - 1).toString('utf8');
  const check = checkLine(lastLine);
  // A damaged last line stays in the file (verifyAuditLog will point at it); we chain onto its
  // exact text and continue numbering by line count.
  const seq = check.ok ? check.entry.seq : await countLines(handle);
  return { seq, prev: sha256Hex(lastLine) };
}

async function countLines(handle: FileHandle): Promise<number> {
  const { size } = await handle.stat();
  const buf = Buffer.alloc(64 * 1024);
  let count = 0;
  for (let pos = 0; pos < size; ) {
    const { bytesRead } = await handle.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) break;
    for (let i = 0; i < bytesRead; i++) if (buf[i] === 0x0a) count++;
    pos += bytesRead;
  }
  return count;
}

export class AuditLog {
  readonly path: string;
  readonly #handle: FileHandle;
  readonly #actor: AuditActor;
  readonly #now: () => Date;
  #head: ChainHead;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;

  constructor(filePath: string, handle: FileHandle, head: ChainHead, actor: AuditActor, now: () => Date) {
    this.path = filePath;
    this.#handle = handle;
    this.#head = head;
    this.#actor = actor;
    this.#now = now;
  }

  /** seq of the last entry on disk (0 for an empty log). */
  get lastSeq(): number {
    return this.#head.seq;
  }

  /** Appends one entry; resolves after it is fsynced. Strings are passed through redactSecrets. */
  append(input: AuditAppend): Promise<AuditEntry> {
    if (this.#closed) return Promise.reject(new SkywallError('storage', `audit log ${this.path} is closed`));
    const run = this.#queue.then(() => this.#write(input));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #write(input: AuditAppend): Promise<AuditEntry> {
    const actor = { ...this.#actor, ...input.actor };
    const { line, entry } = encodeEntry({
      seq: this.#head.seq + 1,
      at: this.#now().toISOString(),
      actor: { operator: redactSecrets(actor.operator), workstation: redactSecrets(actor.workstation) },
      action: input.action,
      target: redactSecrets(input.target),
      details: redactValue(input.details ?? {}),
      prev: this.#head.prev,
    });
    if (!checkLine(line).ok) throw new SkywallError('bad_payload', `audit entry for ${input.action} is not valid (action must look like "domain.verb", strings within limits)`);
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    if (bytes.length > MAX_LINE_BYTES) throw new SkywallError('bad_payload', `audit entry for ${input.action} is ${bytes.length} bytes; the limit is ${MAX_LINE_BYTES}`);
    await this.#handle.write(bytes);
    await this.#handle.sync();
    this.#head = { seq: entry.seq, prev: sha256Hex(line) };
    return entry;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#queue;
    await this.#handle.close();
  }
}

export async function openAuditLog(opts: OpenAuditLogOptions): Promise<AuditLog> {
  await mkdir(opts.dir, { recursive: true });
  const filePath = path.join(opts.dir, AUDIT_FILE_NAME);
  let head: ChainHead = { seq: 0, prev: GENESIS_PREV };
  // Read (and maybe repair) the tail with a read-write handle: an append-only handle cannot
  // truncate on every platform.
  try {
    const rw = await open(filePath, 'r+');
    try {
      head = await readChainHead(rw);
    } finally {
      await rw.close();
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  // 'a': every write lands at the end of the file whatever else holds it open.
  const handle = await open(filePath, 'a', 0o600);
  const actor: AuditActor = { operator: opts.actor?.operator ?? '', workstation: opts.actor?.workstation ?? hostname() };
  return new AuditLog(filePath, handle, head, actor, opts.now ?? (() => new Date()));
}

