// The one place operator actions are recorded: every domain calls record(); the operator reads
// the entries back (newest first, filtered) and can verify the hash chain from the app.
import os from 'node:os';
import type { AuditEntryView, AuditListRequest, AuditPage, AuditVerifyResult, KnownAuditKind } from '../../common/contract/index.js';
import { isSkywallError } from '../../common/model/errors.js';
import type { EventBus } from '../../ipc/event-bus.js';
import { openAuditLog, queryAuditLog, verifyAuditLog, type AuditAppend, type AuditEntry, type AuditLog } from '../../storage/index.js';

type DetailValue = string | number | boolean | null | string[];

export interface AuditRecord {
  kind: KnownAuditKind;
  target: { id: string; name?: string };
  /** Facts worth keeping (what changed, from what to what). Never a secret: callers pass none. */
  details?: Record<string, DetailValue>;
}

export interface AuditService {
  /** Appends and announces one entry. Never throws: a failed append is reported to the operator. */
  record(entry: AuditRecord): Promise<void>;
  /** The same for entries already in the log's own shape (the export service writes these). */
  append(entry: AuditAppend): Promise<void>;
  list(query: AuditListRequest): Promise<AuditPage>;
  verify(): Promise<AuditVerifyResult>;
  close(): Promise<void>;
}

/** What a domain service needs of the audit log. */
export type AuditRecorder = Pick<AuditService, 'record'>;

export interface AuditServiceOptions {
  dir: string;
  bus: EventBus;
  /** Told when an entry could not be written (disk full, permissions). */
  onAppendFailed: (kind: string, error: unknown) => void;
  now?: () => Date;
}

const DEFAULT_PAGE = 100;
/** Key under which the target's name is kept in the stored entry's details. */
const TARGET_NAME = 'targetName';

/** The OS account running the app: the operator as far as the app can know without a login. */
function osAccount(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}

export function toEntryView(e: AuditEntry): AuditEntryView {
  const { [TARGET_NAME]: name, ...rest } = e.details;
  const details: Record<string, DetailValue> = {};
  for (const [k, v] of Object.entries(rest)) {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) details[k] = v as DetailValue;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) details[k] = v;
    else details[k] = JSON.stringify(v);
  }
  return {
    seq: e.seq,
    at: e.at,
    kind: e.action,
    actor: e.actor,
    targetId: e.target,
    ...(typeof name === 'string' ? { targetName: name } : {}),
    details,
  };
}

export async function createAuditService(opts: AuditServiceOptions): Promise<AuditService> {
  const log: AuditLog = await openAuditLog({ dir: opts.dir, actor: { operator: osAccount(), workstation: os.hostname() }, ...(opts.now ? { now: opts.now } : {}) });
  const append = async (input: AuditAppend): Promise<void> => {
    try {
      const entry = await log.append(input);
      opts.bus.emit('sw:audit:onDidAppend', toEntryView(entry));
    } catch (e) {
      opts.onAppendFailed(input.action, e);
    }
  };
  return {
    record: ({ kind, target, details }) =>
      append({ action: kind, target: target.id, details: { ...(target.name !== undefined ? { [TARGET_NAME]: target.name } : {}), ...details } }),
    append,
    async list(q) {
      const page = await queryAuditLog(log.path, {
        ...(q.from !== undefined ? { fromMs: Date.parse(q.from) } : {}),
        ...(q.to !== undefined ? { toMs: Date.parse(q.to) } : {}),
        ...(q.kinds?.length ? { actions: new Set(q.kinds) } : {}),
        ...(q.before !== undefined ? { beforeSeq: q.before } : {}),
        limit: q.limit ?? DEFAULT_PAGE,
      });
      return { entries: page.entries.map(toEntryView), ...(page.nextBefore !== undefined ? { nextBefore: page.nextBefore } : {}) };
    },
    async verify() {
      try {
        return await verifyAuditLog(log.path);
      } catch (e) {
        if (isSkywallError(e) && e.code === 'not_found') return { ok: false, entries: 0, brokenSeq: 1, line: 1, reason: 'missing' };
        throw e;
      }
    },
    close: () => log.close(),
  };
}
