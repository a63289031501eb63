// Export history that survives restarts: one JSON file in the data folder, replaced
// atomically (write a temp file, fsync, rename). An export that was running when the app
// stopped is recorded as failed ('interrupted') on the next start, never left as running.
import { open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { ExportFailureCode as ExportFailureCodeSchema } from '../../common/contract/index.js';

export const HISTORY_FILE = 'export-history.json';
const MAX_ENTRIES = 500;

export type ExportState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
/** The contract's list: writer failures, plus no video in the buffer, the app stopped mid-export, anything unforeseen. */
export type ExportFailureCode = z.infer<typeof ExportFailureCodeSchema>;

export interface ExportHistoryEntry {
  id: string;
  /** Hub key of the stream, e.g. `cam7:main`. */
  key: string;
  cameraName: string;
  lastSeconds: number;
  /** Recorder downloads: the span asked for (workstation time, ISO 8601). */
  range?: { from: string; to: string };
  targetDir: string;
  caseReference: string;
  reason: string;
  operator: string;
  state: ExportState;
  requestedAt: string;
  finishedAt?: string;
  /** The export folder, once written. */
  folder?: string;
  bytes?: number;
  failure?: ExportFailureCode;
  /** English detail for support; the UI words `failure` in the operator's language. */
  message?: string;
  verify?: { ok: boolean; checkedAt: string; problems: string[] };
}

export class HistoryStore {
  private entries: ExportHistoryEntry[] = [];
  private saving: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string) {}

  static async open(dataDir: string, now: () => Date): Promise<HistoryStore> {
    const store = new HistoryStore(path.join(dataDir, HISTORY_FILE));
    const text = await readFile(store.file, 'utf8').catch(() => undefined);
    let changed = false;
    if (text) {
      try {
        const parsed = JSON.parse(text) as { entries?: ExportHistoryEntry[] };
        store.entries = Array.isArray(parsed.entries) ? parsed.entries : [];
      } catch {
        // An unreadable history is moved aside rather than lost.
        await rename(store.file, `${store.file}.unreadable-${now().getTime()}`).catch(() => undefined);
      }
    }
    for (const e of store.entries) {
      if (e.state === 'running' || e.state === 'queued') {
        Object.assign(e, { state: 'failed', failure: 'interrupted', message: 'the application stopped during this export', finishedAt: now().toISOString() });
        changed = true;
      }
    }
    if (changed) await store.save();
    return store;
  }

  list(): ExportHistoryEntry[] {
    return this.entries.map((e) => structuredClone(e));
  }

  get(id: string): ExportHistoryEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /** Adds or replaces an entry (newest first) and saves. */
  put(entry: ExportHistoryEntry): Promise<void> {
    const i = this.entries.findIndex((e) => e.id === entry.id);
    if (i >= 0) this.entries[i] = entry;
    else this.entries.unshift(entry);
    this.entries.length = Math.min(this.entries.length, MAX_ENTRIES);
    return this.save();
  }

  private save(): Promise<void> {
    const text = JSON.stringify({ entries: this.entries }, null, 2);
    this.saving = this.saving.then(async () => {
      const tmp = `${this.file}.tmp`;
      const fh = await open(tmp, 'w');
      try {
        await fh.writeFile(text);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, this.file);
    });
    return this.saving;
  }
}
