// Evidence export for the operator: replay buffers for the streams being watched, exports of
// "the last N seconds" queued one at a time, progress with speed and time remaining, cancel,
// a history that survives restarts (with verify status), verification of any folder, and an
// audit entry for every export and its outcome. Knows nothing about IPC (see README.md).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { exportFromReplayBuffer } from '../../export/export-replay.js';
import { listRemovableDrives, type DriveListing } from '../../export/drives/index.js';
import { installationSigner, type ManifestSigner } from '../../export/package/index.js';
import { NoVideoError, ReplayBuffer, type ReplayBufferOptions } from '../../export/recorder/replay-buffer.js';
import { verifyExportFolder, type VerifyReport } from '../../export/verify/index.js';
import { isExportError } from '../../export/writer/index.js';
import type { StreamHub } from '../../media/hub/index.js';
import type { AuditAppend } from '../../storage/audit-log.js';
import type { CredentialVault } from '../../storage/vault/index.js';
import { HistoryStore, type ExportFailureCode, type ExportHistoryEntry } from './history-store.js';
import { ProgressMeter, type ExportProgressView } from './progress-meter.js';

/** Who and what a hub key shows, for the metadata. */
export interface StreamIdentity {
  camera: { id: string; name: string };
  device: { id: string; name: string };
  channel: string;
}

export interface ExportServiceOptions {
  hub: StreamHub;
  dataDir: string;
  vault: CredentialVault;
  describe(key: string): Promise<StreamIdentity | undefined>;
  audit?: { append(entry: AuditAppend): Promise<unknown> };
  appVersion: string;
  operator?: () => string;
  workstation?: string;
  replay?: Pick<ReplayBufferOptions, 'keepMs' | 'maxBytes' | 'segmentMs'>;
  now?: () => Date;
}

export interface ExportStartRequest {
  key: string;
  lastSeconds: number;
  targetDir: string;
  caseReference: string;
  reason: string;
}

export interface ExportService {
  /** Starts the replay buffer of a stream (idempotent); the composition root calls it when a stream is watched. */
  watch(key: string): Promise<void>;
  unwatch(key: string): Promise<void>;
  watched(): string[];
  drives(): Promise<DriveListing>;
  /** Queues an export; resolves with its id at once (the history entry says how it went). */
  start(req: ExportStartRequest): Promise<{ exportId: string }>;
  cancel(exportId: string): boolean;
  history(): ExportHistoryEntry[];
  /** Verifies any folder; a folder in the history gets its verify status updated. */
  verify(folder: string): Promise<VerifyReport>;
  /** Resolves when the export has finished, failed or was cancelled. */
  settled(exportId: string): Promise<ExportHistoryEntry>;
  onProgress(listener: (p: ExportProgressView) => void): () => void;
  onHistory(listener: (e: ExportHistoryEntry) => void): () => void;
  /** The installation's key fingerprint, to publish for recipients. */
  fingerprint(): Promise<string>;
  dispose(): Promise<void>;
}

interface Job {
  entry: ExportHistoryEntry;
  req: ExportStartRequest;
  abort: AbortController;
  done: Promise<ExportHistoryEntry>;
  resolve(e: ExportHistoryEntry): void;
}

export async function createExportService(o: ExportServiceOptions): Promise<ExportService> {
  const now = o.now ?? (() => new Date());
  const history = await HistoryStore.open(o.dataDir, now);
  const buffers = new Map<string, ReplayBuffer>();
  const jobs = new Map<string, Job>();
  const progressListeners = new Set<(p: ExportProgressView) => void>();
  const historyListeners = new Set<(e: ExportHistoryEntry) => void>();
  let signer: Promise<ManifestSigner> | undefined;
  let queue: Promise<void> = Promise.resolve();
  const operator = o.operator ?? (() => 'operator');
  const workstation = o.workstation ?? hostname();
  const getSigner = () => (signer ??= installationSigner(o.vault));

  const audit = (entry: AuditAppend) => o.audit?.append({ ...entry, actor: { operator: operator(), workstation } }).catch(() => undefined);

  const record = async (entry: ExportHistoryEntry): Promise<void> => {
    await history.put(entry);
    for (const l of historyListeners) l(structuredClone(entry));
  };

  const finish = async (job: Job, patch: Partial<ExportHistoryEntry>): Promise<void> => {
    Object.assign(job.entry, patch, { finishedAt: now().toISOString() });
    await record(job.entry);
    jobs.delete(job.entry.id);
    job.resolve(structuredClone(job.entry));
  };

  const runJob = async (job: Job): Promise<void> => {
    const { entry, req } = job;
    if (job.abort.signal.aborted) {
      await finish(job, { state: 'cancelled', failure: 'cancelled' });
      await audit({ action: 'export.failed', target: entry.id, details: { failure: 'cancelled', before: 'start' } });
      return;
    }
    entry.state = 'running';
    await record(entry);
    await audit({ action: 'export.start', target: entry.id, details: { key: req.key, lastSeconds: req.lastSeconds, targetDir: req.targetDir, caseReference: req.caseReference, reason: req.reason } });
    const buffer = buffers.get(req.key);
    const identity = await o.describe(req.key);
    if (!buffer || !identity) {
      await finish(job, { state: 'failed', failure: 'no_video', message: `no replay buffer for ${req.key}` });
      await audit({ action: 'export.failed', target: entry.id, details: { failure: 'no_video' } });
      return;
    }
    const meter = new ProgressMeter(entry.id, (p) => progressListeners.forEach((l) => l(p)));
    try {
      const result = await exportFromReplayBuffer({
        buffer,
        lastMs: req.lastSeconds * 1000,
        parentDir: req.targetDir,
        signer: await getSigner(),
        signal: job.abort.signal,
        onProgress: (p) => meter.update(p),
        now,
        details: { ...identity, operator: entry.operator, workstation, appVersion: o.appVersion, caseReference: req.caseReference, reason: req.reason },
      });
      const bytes = result.files.reduce((n, f) => n + f.bytes, 0);
      const report = await verifyExportFolder(result.folder);
      await finish(job, { state: 'done', folder: result.folder, bytes, verify: verifyStatus(report, now) });
      const clip = result.files.filter((f) => result.metadata.clipFiles.includes(f.name));
      await audit({ action: 'export.done', target: entry.id, details: { folder: result.folder, bytes, clip: clip.map((f) => ({ name: f.name, sha256: f.sha256 })), verified: report.ok, fingerprint: result.manifest.publicKeyFingerprint } });
    } catch (e) {
      const failure: ExportFailureCode = isExportError(e) ? e.code : e instanceof NoVideoError ? 'no_video' : 'internal';
      const message = e instanceof Error ? e.message : String(e);
      await finish(job, { state: failure === 'cancelled' ? 'cancelled' : 'failed', failure, message });
      await audit({ action: 'export.failed', target: entry.id, details: { failure, message } });
    }
  };

  return {
    async watch(key) {
      if (buffers.has(key)) return;
      const dir = path.join(o.dataDir, 'replay', key.replace(/[^A-Za-z0-9_.-]/g, '_'));
      buffers.set(key, await ReplayBuffer.start({ hub: o.hub, key, dir, ...o.replay }));
    },
    async unwatch(key) {
      const b = buffers.get(key);
      buffers.delete(key);
      await b?.stop();
    },
    watched: () => [...buffers.keys()],
    drives: () => listRemovableDrives(),
    async start(req) {
      const id = `x-${now().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(4).toString('hex')}`;
      const identity = await o.describe(req.key);
      const entry: ExportHistoryEntry = {
        id,
        key: req.key,
        cameraName: identity?.camera.name ?? req.key,
        lastSeconds: req.lastSeconds,
        targetDir: req.targetDir,
        caseReference: req.caseReference,
        reason: req.reason,
        operator: operator(),
        state: 'queued',
        requestedAt: now().toISOString(),
      };
      let resolve!: (e: ExportHistoryEntry) => void;
      const done = new Promise<ExportHistoryEntry>((r) => (resolve = r));
      const job: Job = { entry, req, abort: new AbortController(), done, resolve };
      jobs.set(id, job);
      await record(entry);
      queue = queue.then(() => runJob(job)).catch(() => undefined);
      return { exportId: id };
    },
    cancel(exportId) {
      const job = jobs.get(exportId);
      if (!job) return false;
      job.abort.abort();
      return true;
    },
    history: () => history.list(),
    async verify(folder) {
      const report = await verifyExportFolder(folder);
      const resolved = path.resolve(folder);
      for (const e of history.list().filter((h) => h.folder && path.resolve(h.folder) === resolved)) {
        await record({ ...e, verify: verifyStatus(report, now) });
      }
      await audit({ action: 'export.verify', target: resolved, details: { ok: report.ok, problems: report.problems.map((p) => `${p.kind} ${p.file ?? ''}`.trim()) } });
      return report;
    },
    async settled(exportId) {
      const job = jobs.get(exportId);
      if (job) return job.done;
      const entry = history.get(exportId);
      if (!entry) throw new Error(`no export ${exportId}`);
      return structuredClone(entry);
    },
    onProgress(l) {
      progressListeners.add(l);
      return () => progressListeners.delete(l);
    },
    onHistory(l) {
      historyListeners.add(l);
      return () => historyListeners.delete(l);
    },
    fingerprint: async () => (await getSigner()).fingerprint,
    async dispose() {
      for (const job of jobs.values()) job.abort.abort();
      await queue;
      for (const b of buffers.values()) await b.stop();
      buffers.clear();
    },
  };
}

function verifyStatus(report: VerifyReport, now: () => Date): ExportHistoryEntry['verify'] {
  return { ok: report.ok, checkedAt: now().toISOString(), problems: report.problems.map((p) => `${p.kind} ${p.file ?? ''}`.trim()) };
}
