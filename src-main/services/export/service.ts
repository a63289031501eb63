// Evidence export for the operator: replay buffers for the streams being watched, exports of
// "the last N seconds" queued one at a time, progress with speed and time remaining, cancel,
// a history that survives restarts (with verify status), verification of any folder, and an
// audit entry for every export and its outcome. Knows nothing about IPC (see README.md).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { isSkywallError, SkywallError } from '../../common/model/errors.js';
import { exportFromReplayBuffer } from '../../export/export-replay.js';
import { exportFromRecorder } from '../../export/nvr/export-recording.js';
import { listRemovableDrives, watchRemovableDrives, type DriveListing } from '../../export/drives/index.js';
import { installationSigner, type ManifestSigner } from '../../export/package/index.js';
import { NoVideoError, ReplayBuffer, type ReplayBufferOptions } from '../../export/recorder/replay-buffer.js';
import { ClipServer } from '../../export/replay/clip-server.js';
import { instantReplayClip } from '../../export/replay/instant-replay.js';
import { verifyExportFolder, type VerifyReport } from '../../export/verify/index.js';
import { isExportError } from '../../export/writer/index.js';
import type { StreamHub } from '../../media/hub/index.js';
import type { AuditAppend } from '../../storage/audit-log.js';
import type { CredentialVault } from '../../storage/vault/index.js';
import { HistoryStore, type ExportFailureCode, type ExportHistoryEntry } from './history-store.js';
import { ProgressMeter, type ExportProgressView } from './progress-meter.js';
import type { RecorderSourceFor } from './recorder-source.js';
import { ReplayBuffers } from './replay-buffers.js';

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
  /** The system's folder picker (Electron's dialog); absent in host mode. */
  pickFolder?: (title: string) => Promise<string | undefined>;
  /** Where a stream's recording is replayed from (recorder downloads); absent: none can be. */
  recorder?: RecorderSourceFor;
  now?: () => Date;
}

export interface ExportStartRequest {
  key: string;
  /** The last seconds of the replay buffer... */
  lastSeconds?: number;
  /** ...or this span (workstation time, ms) downloaded from the camera's recorder. */
  range?: { from: number; to: number };
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
  /** Removable drives inserted or removed; the watch runs while someone listens. */
  onDrives(listener: (listing: DriveListing) => void): () => void;
  /**
   * Instant replay: the last `backSeconds` of the first of `keys` with a replay buffer, as a
   * one-time loopback URL of an MP4 and the workstation time of its first picture.
   */
  replay(keys: string[], backSeconds: number): Promise<InstantReplay>;
  /**
   * Manual recording of a stream into an export: its own buffer with no retention from now on;
   * stop queues the export of all of it (`sourceType: recording`), written, signed and verified
   * like any export. Both ends are audited.
   */
  recordStart(req: Omit<ExportStartRequest, 'lastSeconds' | 'range'>): Promise<{ recordingId: string; startedAt: string }>;
  recordStop(recordingId: string): Promise<{ exportId: string }>;
  recordings(): Array<{ recordingId: string; key: string; startedAt: string }>;
  /** The system's folder picker; `available: false` where there is none (host mode). */
  pickFolder(title: string): Promise<{ available: boolean; folder?: string }>;
  /** The installation's key fingerprint, to publish for recipients. */
  fingerprint(): Promise<string>;
  dispose(): Promise<void>;
}

export interface InstantReplay {
  url: string;
  key: string;
  startMs: number;
  durationMs: number;
  frames: number;
  frameMs: number;
  newestMs: number;
}

/** A manual recording's own buffer, exported whole when it stops, then removed. */
interface RecordingSource {
  buffer: ReplayBuffer;
  release(): Promise<void>;
}

interface Job {
  entry: ExportHistoryEntry;
  req: ExportStartRequest;
  recording?: RecordingSource;
  abort: AbortController;
  done: Promise<ExportHistoryEntry>;
  resolve(e: ExportHistoryEntry): void;
}

export async function createExportService(o: ExportServiceOptions): Promise<ExportService> {
  const now = o.now ?? (() => new Date());
  const history = await HistoryStore.open(o.dataDir, now);
  const buffers = new ReplayBuffers((key) => ReplayBuffer.start({ hub: o.hub, key, dir: path.join(o.dataDir, 'replay', key.replace(/[^A-Za-z0-9_.-]/g, '_')), ...o.replay }));
  const jobs = new Map<string, Job>();
  const recordings = new Map<string, { key: string; req: ExportStartRequest; buffer: ReplayBuffer; startedAt: Date }>();
  const progressListeners = new Set<(p: ExportProgressView) => void>();
  const historyListeners = new Set<(e: ExportHistoryEntry) => void>();
  const driveListeners = new Set<(l: DriveListing) => void>();
  let stopDriveWatch: (() => void) | undefined;
  let clipServer: Promise<ClipServer> | undefined;
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
    try {
      await runExport(job);
    } finally {
      await job.recording?.release().catch(() => undefined);
    }
  };

  const runExport = async (job: Job): Promise<void> => {
    const { entry, req } = job;
    if (job.abort.signal.aborted) {
      await finish(job, { state: 'cancelled', failure: 'cancelled' });
      await audit({ action: 'export.failed', target: entry.id, details: { failure: 'cancelled', before: 'start' } });
      return;
    }
    entry.state = 'running';
    await record(entry);
    await audit({ action: 'export.start', target: entry.id, details: { key: req.key, lastSeconds: req.lastSeconds ?? null, range: entry.range ?? null, targetDir: req.targetDir, caseReference: req.caseReference, reason: req.reason } });
    const identity = await o.describe(req.key);
    const meter = new ProgressMeter(entry.id, (p) => progressListeners.forEach((l) => l(p)));
    const details = identity && { ...identity, operator: entry.operator, workstation, appVersion: o.appVersion, caseReference: req.caseReference, reason: req.reason };
    const common = { parentDir: req.targetDir, signal: job.abort.signal, onProgress: (p: Parameters<ProgressMeter['update']>[0]) => meter.update(p), now };
    const buffer = job.recording?.buffer ?? buffers.get(req.key);
    if (!details || (!req.range && !buffer)) {
      await finish(job, { state: 'failed', failure: 'no_video', message: `no replay buffer for ${req.key}` });
      await audit({ action: 'export.failed', target: entry.id, details: { failure: 'no_video' } });
      return;
    }
    try {
      let result;
      if (req.range) {
        if (!o.recorder) throw new RecorderUnavailable('recorder_failed', 'no recorder downloads in this set-up');
        const recorder = await o.recorder(req.key, req.range);
        const done = await exportFromRecorder({
          ...common,
          source: recorder.source,
          range: req.range,
          clockOffsetMs: recorder.clockOffsetMs,
          scratchDir: path.join(o.dataDir, 'downloads', entry.id),
          onDownload: (done, span) => meter.download(done, span),
          details,
          signer: await getSigner(),
        });
        await audit({ action: 'export.download', target: entry.id, details: { ...done.download, clockOffsetMs: recorder.clockOffsetMs } });
        result = done;
      } else {
        const lastMs = job.recording ? Number.POSITIVE_INFINITY : (req.lastSeconds ?? 0) * 1000;
        result = await exportFromReplayBuffer({ ...common, buffer: buffer!, lastMs, signer: await getSigner(), details, sourceType: job.recording ? 'recording' : 'replay_buffer' });
      }
      const bytes = result.files.reduce((n, f) => n + f.bytes, 0);
      const report = await verifyExportFolder(result.folder);
      await finish(job, { state: 'done', folder: result.folder, bytes, verify: verifyStatus(report, now) });
      const clip = result.files.filter((f) => result.metadata.clipFiles.includes(f.name));
      await audit({ action: 'export.done', target: entry.id, details: { folder: result.folder, bytes, clip: clip.map((f) => ({ name: f.name, sha256: f.sha256 })), verified: report.ok, fingerprint: result.manifest.publicKeyFingerprint } });
    } catch (e) {
      const failure = failureOf(e);
      const message = e instanceof Error ? e.message : String(e);
      await finish(job, { state: failure === 'cancelled' ? 'cancelled' : 'failed', failure, message });
      await audit({ action: 'export.failed', target: entry.id, details: { failure, message } });
    }
  };

  const enqueue = async (req: ExportStartRequest, recording?: RecordingSource): Promise<{ exportId: string }> => {
    const id = `x-${now().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(4).toString('hex')}`;
    const identity = await o.describe(req.key);
    const entry: ExportHistoryEntry = {
      id,
      key: req.key,
      cameraName: identity?.camera.name ?? req.key,
      lastSeconds: req.lastSeconds ?? Math.round(((req.range?.to ?? 0) - (req.range?.from ?? 0)) / 1000),
      ...(req.range ? { range: { from: new Date(req.range.from).toISOString(), to: new Date(req.range.to).toISOString() } } : {}),
      targetDir: req.targetDir,
      caseReference: req.caseReference,
      reason: req.reason,
      operator: operator(),
      state: 'queued',
      requestedAt: now().toISOString(),
    };
    let resolve!: (e: ExportHistoryEntry) => void;
    const done = new Promise<ExportHistoryEntry>((r) => (resolve = r));
    const job: Job = { entry, req, abort: new AbortController(), done, resolve, ...(recording ? { recording } : {}) };
    jobs.set(id, job);
    await record(entry);
    queue = queue.then(() => runJob(job)).catch(() => undefined);
    return { exportId: id };
  };

  const recordStop = async (recordingId: string): Promise<{ exportId: string }> => {
    const rec = recordings.get(recordingId);
    if (!rec) throw new SkywallError('not_found', 'no such recording', { recordingId });
    recordings.delete(recordingId);
    rec.buffer.detach();
    const seconds = Math.max(1, Math.round((now().getTime() - rec.startedAt.getTime()) / 1000));
    await audit({ action: 'export.record_stop', target: recordingId, details: { key: rec.key, seconds } });
    const release = async () => {
      await rec.buffer.stop();
      await rm(path.join(o.dataDir, 'recordings', recordingId), { recursive: true, force: true });
    };
    return enqueue({ ...rec.req, lastSeconds: seconds }, { buffer: rec.buffer, release });
  };

  return {
    watch: (key) => buffers.watch(key),
    unwatch: (key) => buffers.unwatch(key),
    watched: () => buffers.keys(),
    drives: () => listRemovableDrives(),
    start: (req) => enqueue(req),
    async recordStart(req) {
      const id = `r-${now().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(4).toString('hex')}`;
      const dir = path.join(o.dataDir, 'recordings', id);
      // No retention: the whole recording is kept on local disk until it has been exported.
      const buffer = await ReplayBuffer.start({ hub: o.hub, key: req.key, dir, keepMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY });
      recordings.set(id, { key: req.key, req, buffer, startedAt: now() });
      await audit({ action: 'export.record_start', target: id, details: { key: req.key, targetDir: req.targetDir, caseReference: req.caseReference, reason: req.reason } });
      return { recordingId: id, startedAt: now().toISOString() };
    },
    recordStop: (recordingId) => recordStop(recordingId),
    recordings: () => [...recordings.entries()].map(([id, r]) => ({ recordingId: id, key: r.key, startedAt: r.startedAt.toISOString() })),
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
    onDrives(l) {
      driveListeners.add(l);
      stopDriveWatch ??= watchRemovableDrives((listing) => driveListeners.forEach((x) => x(listing)));
      return () => {
        driveListeners.delete(l);
        if (driveListeners.size === 0) {
          stopDriveWatch?.();
          stopDriveWatch = undefined;
        }
      };
    },
    async replay(keys, backSeconds) {
      const key = keys.find((k) => buffers.get(k));
      const buffer = key === undefined ? undefined : buffers.get(key);
      if (!key || !buffer) throw new NoVideoError(`no replay buffer for ${keys.join(', ')}`);
      const clip = await instantReplayClip(buffer, backSeconds * 1000);
      const server = await (clipServer ??= ClipServer.start());
      const { mp4, ...facts } = clip;
      return { url: server.offer(mp4), key, ...facts };
    },
    async pickFolder(title) {
      if (!o.pickFolder) return { available: false };
      const folder = await o.pickFolder(title);
      return folder ? { available: true, folder } : { available: true };
    },
    fingerprint: async () => (await getSigner()).fingerprint,
    async dispose() {
      stopDriveWatch?.();
      stopDriveWatch = undefined;
      for (const job of jobs.values()) job.abort.abort();
      for (const id of [...recordings.keys()]) await recordStop(id).catch(() => undefined);
      await queue;
      await buffers.stopAll();
      await (await clipServer?.catch(() => undefined))?.close();
    },
  };
}

/** No way to reach a recorder in this set-up. */
class RecorderUnavailable extends Error {
  constructor(
    readonly failure: ExportFailureCode,
    message: string,
  ) {
    super(message);
  }
}

/** Any failure as the operator's failure code; a device's own error means the download failed. */
function failureOf(e: unknown): ExportFailureCode {
  if (isExportError(e)) return e.code;
  if (e instanceof NoVideoError) return 'no_video';
  if (e instanceof RecorderUnavailable) return e.failure;
  if (isSkywallError(e)) {
    // 457: the recorder holds nothing in the span asked for.
    if (e.params?.status === 457 || e.params?.reason === 'no_recording') return 'no_recording';
    // The camera's device keeps no recordings it can replay (no Profile G, no playback URL rule).
    if (e.params?.reason === 'no_playback') return 'no_recorder';
    return 'recorder_failed';
  }
  return 'internal';
}

function verifyStatus(report: VerifyReport, now: () => Date): ExportHistoryEntry['verify'] {
  return { ok: report.ok, checkedAt: now().toISOString(), problems: report.problems.map((p) => `${p.kind} ${p.file ?? ''}`.trim()) };
}
