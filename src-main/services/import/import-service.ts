// Bulk import sessions: begin, the file's text in pieces, finish. Each piece is read as it comes
// and its rows are checked a slice at a time, yielding to the event loop between slices, so a
// 10,000-row file never holds main (and the windows it serves) for long; progress is announced
// after every slice. At the end the good rows are added in one change and ONVIF rows are asked
// for their channels a few at a time. Nothing is saved for a session that is cancelled or left.
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  IMPORT_MAX_LISTED_ERRORS,
  IMPORT_MAX_ROWS,
  type DeviceInput,
  type ImportFormat,
  type ImportProgress,
  type ImportReason,
  type ImportRowError,
  type ImportSummary,
  type ImportTally,
} from '../../common/contract/index.js';
import { MAX_DEVICES } from '../../common/model/device.js';
import { isSkywallError, SkywallError } from '../../common/model/errors.js';
import { checkImportRow, createImportReader, importFormatOf, type ImportReader, type ReadRow } from '../../devices/import/index.js';
import type { DeviceRecord } from '../../storage/index.js';
import type { AuditRecorder } from '../audit/service.js';
import type { DevicesService } from '../devices/service.js';

export interface ImportServiceOptions {
  devices: Pick<DevicesService, 'add' | 'addMany'>;
  /** The stored devices, for "added already". */
  stored: () => DeviceRecord[];
  audit: AuditRecorder;
  emit(progress: ImportProgress): void;
  /** Longest stretch of row checks before main turns to its other work (default 15 ms). */
  sliceMs?: number;
  /** Least time between two progress events while reading (default 100 ms). */
  progressMs?: number;
  /** ONVIF devices connected at once (default 4). */
  onvifConcurrency?: number;
  /** A session nobody fed for this long is dropped (default 5 minutes). */
  idleMs?: number;
}

export interface ImportService {
  begin(req: { fileName: string; format?: ImportFormat }): { importId: string };
  chunk(importId: string, text: string): Promise<ImportTally>;
  finish(importId: string): Promise<ImportSummary>;
  cancel(importId: string): void;
  close(): void;
}

interface Accepted {
  line: number;
  input: DeviceInput;
}

interface Session {
  id: string;
  fileName: string;
  format?: ImportFormat;
  reader?: ImportReader;
  tally: ImportTally;
  accepted: Accepted[];
  errors: ImportRowError[];
  /** Line of the first row for each device key (duplicates within the file). */
  seen: Map<string, number>;
  /** Stored devices by key, named (added already). */
  stored: Map<string, string>;
  capped: boolean;
  lastProgress: number;
  /** How many more devices the store takes. */
  room: number;
  cancelled: boolean;
  /** Calls for one session run one after another. */
  queue: Promise<unknown>;
  timer?: NodeJS.Timeout;
}

const MAX_SESSIONS = 4;

/** What makes two rows the same device: the stream URL of a camera by URL, else kind-less host and port. */
function keysOf(d: Pick<DeviceInput, 'kind' | 'host' | 'port' | 'cameras'>): string[] {
  if (d.kind === 'rtsp' || d.kind === 'url') return d.cameras.flatMap((c) => c.sources.flatMap((s) => (s.url ? [`url ${s.url}`] : [])));
  return [`address ${d.host.toLowerCase()}:${d.port}`];
}

export function createImportService(options: ImportServiceOptions): ImportService {
  const sessions = new Map<string, Session>();
  const sliceMs = options.sliceMs ?? 15;
  const progressMs = options.progressMs ?? 100;
  const idleMs = options.idleMs ?? 5 * 60_000;

  const progress = (s: Session, phase: ImportProgress['phase'], extra: Partial<ImportProgress> = {}): void =>
    options.emit({ importId: s.id, phase, ...s.tally, saved: 0, ...extra });

  const refuse = (s: Session, line: number, reason: ImportReason, params?: Record<string, string | number>): void => {
    s.tally.invalid++;
    if (s.errors.length < IMPORT_MAX_LISTED_ERRORS) s.errors.push({ line, reason, ...(params ? { params } : {}) });
  };

  const checkRow = (s: Session, row: ReadRow): void => {
    if (s.tally.rows >= IMPORT_MAX_ROWS) {
      if (!s.capped) refuse(s, row.line, 'too_many_rows', { max: IMPORT_MAX_ROWS });
      s.capped = true;
      return;
    }
    s.tally.rows++;
    if ('unclosedQuote' in row) return refuse(s, row.line, 'unclosed_quote');
    const outcome = checkImportRow(row.cells);
    if (!outcome.ok) return refuse(s, row.line, outcome.reason, outcome.params);
    const keys = keysOf(outcome.input);
    for (const key of keys) {
      const storedName = s.stored.get(key);
      if (storedName !== undefined) return refuse(s, row.line, 'already_added', { name: storedName });
      const earlier = s.seen.get(key);
      if (earlier !== undefined) return refuse(s, row.line, 'duplicate', { line: earlier });
    }
    if (s.accepted.length >= s.room) return refuse(s, row.line, 'too_many_rows', { max: MAX_DEVICES });
    for (const key of keys) s.seen.set(key, row.line);
    s.accepted.push({ line: row.line, input: outcome.input });
    s.tally.valid++;
  };

  /**
   * Checks rows for at most `sliceMs` at a time, then lets everything else main does run (the
   * windows' calls, streams, health checks); progress at most every `progressMs`.
   */
  const checkRows = async (s: Session, rows: ReadRow[]): Promise<void> => {
    let i = 0;
    while (i < rows.length) {
      const sliceEnd = performance.now() + sliceMs;
      do checkRow(s, rows[i++]);
      while (i < rows.length && performance.now() < sliceEnd);
      if (performance.now() - s.lastProgress >= progressMs || i === rows.length) {
        s.lastProgress = performance.now();
        progress(s, 'reading');
      }
      await nextTurn();
      if (s.cancelled) throw new SkywallError('not_found', 'the import was cancelled', { importId: s.id });
    }
  };

  const sessionOf = (importId: string): Session => {
    const s = sessions.get(importId);
    if (!s || s.cancelled) throw new SkywallError('not_found', 'no such import (finished, cancelled or left too long)', { importId });
    clearTimeout(s.timer);
    s.timer = setTimeout(() => drop(s), idleMs);
    s.timer.unref?.();
    return s;
  };

  const drop = (s: Session): void => {
    s.cancelled = true;
    clearTimeout(s.timer);
    sessions.delete(s.id);
  };

  /** Runs one call of a session after the ones before it. */
  const inTurn = <T>(s: Session, work: () => Promise<T>): Promise<T> => {
    const next = s.queue.then(work);
    s.queue = next.catch(() => undefined);
    return next;
  };

  /** ONVIF rows: each device is asked for its channels (a few at once); a refusal is that row's error. */
  const connectOnvif = async (s: Session, rows: Accepted[], saved: number): Promise<{ added: number; cameras: number }> => {
    let next = 0;
    let done = 0;
    let added = 0;
    let cameras = 0;
    const worker = async (): Promise<void> => {
      while (next < rows.length && !s.cancelled) {
        const row = rows[next++];
        try {
          cameras += (await options.devices.add(row.input)).cameras.length;
          added++;
        } catch (e) {
          s.tally.valid--;
          const failure = isSkywallError(e) ? String(e.params?.failure ?? e.code) : 'internal';
          refuse(s, row.line, 'connect_failed', { failure });
        }
        done++;
        progress(s, 'connecting', { saved: saved + added, toConnect: rows.length, connected: done });
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.onvifConcurrency ?? 4, rows.length) }, worker));
    return { added, cameras };
  };

  return {
    begin({ fileName, format }) {
      if (sessions.size >= MAX_SESSIONS) throw new SkywallError('conflict', 'too many imports at once', { max: MAX_SESSIONS });
      const stored = new Map<string, string>();
      const storedDevices = options.stored();
      for (const d of storedDevices) for (const key of keysOf(d)) stored.set(key, d.name);
      const s: Session = {
        id: `import-${randomUUID()}`,
        fileName: fileName.slice(0, 255),
        ...(format ? { format } : {}),
        tally: { rows: 0, valid: 0, invalid: 0 },
        accepted: [],
        errors: [],
        seen: new Map(),
        stored,
        room: MAX_DEVICES - storedDevices.length,
        capped: false,
        lastProgress: 0,
        cancelled: false,
        queue: Promise.resolve(),
      };
      sessions.set(s.id, s);
      sessionOf(s.id);
      return { importId: s.id };
    },
    chunk(importId, text) {
      const s = sessionOf(importId);
      return inTurn(s, async () => {
        s.format ??= importFormatOf(s.fileName, text);
        s.reader ??= createImportReader(s.format);
        await checkRows(s, s.reader.push(text));
        return { ...s.tally };
      });
    },
    finish(importId) {
      const s = sessionOf(importId);
      return inTurn(s, async () => {
        s.format ??= importFormatOf(s.fileName);
        s.reader ??= createImportReader(s.format);
        await checkRows(s, s.reader.end());
        const plain = s.accepted.filter((a) => a.input.kind !== 'onvif');
        const onvif = s.accepted.filter((a) => a.input.kind === 'onvif');
        progress(s, 'saving');
        const records = plain.length > 0 ? await options.devices.addMany(plain.map((a) => a.input)) : [];
        progress(s, 'saving', { saved: records.length });
        const connected = onvif.length > 0 ? await connectOnvif(s, onvif, records.length) : { added: 0, cameras: 0 };
        drop(s);
        const imported = records.length + connected.added;
        const cameras = records.reduce((n, d) => n + d.cameras.length, 0) + connected.cameras;
        const summary: ImportSummary = {
          importId: s.id,
          format: s.format,
          rows: s.tally.rows,
          imported,
          cameras,
          errors: [...s.errors].sort((a, b) => a.line - b.line),
          errorCount: s.tally.invalid,
        };
        progress(s, 'done', { saved: imported });
        await options.audit.record({
          kind: 'device.import',
          target: { id: s.id, name: s.fileName },
          details: { format: s.format, rows: s.tally.rows, imported, cameras, refused: s.tally.invalid },
        });
        return summary;
      });
    },
    cancel(importId) {
      const s = sessions.get(importId);
      if (s) drop(s);
    },
    close() {
      for (const s of [...sessions.values()]) drop(s);
    },
  };
}
