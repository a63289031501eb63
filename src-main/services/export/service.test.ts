// The export service against the demo RTSP camera through the real hub: replay buffer, a
// queued export with progress, history that survives a restart with its verify status,
// cancel while queued, a failure, and an audit entry for every export and outcome.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoRtspServer } from '../../demo/rtsp/index.js';
import { StreamHub } from '../../media/hub/index.js';
import { RtspProducer } from '../../media/ingest/rtsp-producer.js';
import { openAuditLog, verifyAuditLog } from '../../storage/index.js';
import { openKeyFileVault } from '../../storage/vault/index.js';
import { mountTmpfs } from '../../testing/export/tmpfs.js';
import { createExportService, type ExportService, type StreamIdentity } from './service.js';
import type { ExportProgressView } from './progress-meter.js';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const identity: StreamIdentity = { camera: { id: 'cam-1', name: '演示摄像机' }, device: { id: 'demo', name: 'Demo' }, channel: '1' };

async function setup(dataDir?: string) {
  const server = await startDemoRtspServer({ streams: [{ path: '/cam', clip: 'h264' }] });
  cleanups.push(() => server.close());
  const hub = new StreamHub({ producerFactory: () => new RtspProducer({ url: server.url('/cam'), timeoutMs: 5000 }) });
  cleanups.push(() => hub.close());
  const dir = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'skywall-export-svc-')));
  if (!dataDir) cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const audit = await openAuditLog({ dir, actor: { operator: 'op', workstation: 'ws' } });
  const service = await createExportService({
    hub,
    dataDir: dir,
    vault: await openKeyFileVault({ dir }),
    audit,
    appVersion: '0.1.0',
    operator: () => '李娜',
    describe: async (key) => (key === 'cam-1:main' ? identity : undefined),
    replay: { segmentMs: 2000 },
  });
  cleanups.push(() => audit.close());
  cleanups.push(() => service.dispose());
  return { service, dir, audit, hub };
}

async function waitForBuffer(service: ExportService, ms: number): Promise<void> {
  await service.watch('cam-1:main');
  await new Promise((r) => setTimeout(r, ms));
}

describe('export service', () => {
  it('exports the last seconds with progress, keeps a verified history across restarts, and audits start and outcome', async () => {
    const { service, dir, audit } = await setup();
    await waitForBuffer(service, 3500);
    const target = await mountTmpfs(32 * 1024 * 1024);
    cleanups.push(() => target.dispose());
    const progress: ExportProgressView[] = [];
    service.onProgress((p) => progress.push(p));
    const { exportId } = await service.start({ key: 'cam-1:main', lastSeconds: 2, targetDir: target.dir, caseReference: 'AJ-1', reason: '测试' });
    const entry = await service.settled(exportId);
    expect(entry).toMatchObject({ state: 'done', cameraName: '演示摄像机', operator: '李娜', verify: { ok: true, problems: [] } });
    expect(path.dirname(entry.folder!)).toBe(target.dir);
    expect(progress.length).toBeGreaterThan(0);
    const last = progress.at(-1)!;
    expect(last.exportId).toBe(exportId);
    expect(last.totalBytes).toBeGreaterThan(0);
    expect(last.doneBytes).toBeLessThanOrEqual(last.totalBytes);

    // A byte changed on the drive: verifying the folder updates the history entry.
    const mp4 = path.join(entry.folder!, (await readdir(entry.folder!)).find((n) => n.endsWith('.mp4'))!);
    const bytes = await readFile(mp4);
    bytes[bytes.length - 10] ^= 0xff;
    await writeFile(mp4, bytes);
    const report = await service.verify(entry.folder!);
    expect(report.problems.map((p) => p.kind)).toEqual(['altered']);
    expect(service.history()[0].verify).toMatchObject({ ok: false, problems: [`altered ${path.basename(mp4)}`] });

    await service.dispose();
    await audit.close();
    const check = await verifyAuditLog(path.join(dir, 'audit.jsonl'));
    expect(check.ok).toBe(true);
    const actions = (await readFile(path.join(dir, 'audit.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { action: string; target: string; actor: { operator: string } });
    expect(actions.map((a) => a.action)).toEqual(['export.start', 'export.done', 'export.verify']);
    expect(actions[0]).toMatchObject({ target: exportId, actor: { operator: '李娜' } });

    const again = await createExportService({ hub: new StreamHub({ producerFactory: () => new RtspProducer({ url: 'rtsp://127.0.0.1:1/x' }) }), dataDir: dir, vault: await openKeyFileVault({ dir }), appVersion: '0.1.0', describe: async () => undefined });
    expect(again.history()).toEqual([expect.objectContaining({ id: exportId, state: 'done', verify: expect.objectContaining({ ok: false }) })]);
    await again.dispose();
  });

  it('cancel while queued, a missing target and an unwatched stream each end as a clear history entry', async () => {
    const { service } = await setup();
    await waitForBuffer(service, 2500);
    const target = await mountTmpfs(32 * 1024 * 1024);
    cleanups.push(() => target.dispose());
    const first = await service.start({ key: 'cam-1:main', lastSeconds: 1, targetDir: target.dir, caseReference: 'c', reason: 'r' });
    const queued = await service.start({ key: 'cam-1:main', lastSeconds: 1, targetDir: target.dir, caseReference: 'c', reason: 'r' });
    expect(service.cancel(queued.exportId)).toBe(true);
    expect((await service.settled(first.exportId)).state).toBe('done');
    expect(await service.settled(queued.exportId)).toMatchObject({ state: 'cancelled', failure: 'cancelled' });

    const gone = await service.start({ key: 'cam-1:main', lastSeconds: 1, targetDir: path.join(target.dir, 'no-such-folder'), caseReference: 'c', reason: 'r' });
    expect(await service.settled(gone.exportId)).toMatchObject({ state: 'failed', failure: 'target_gone' });
    const unwatched = await service.start({ key: 'cam-9:main', lastSeconds: 1, targetDir: target.dir, caseReference: 'c', reason: 'r' });
    expect(await service.settled(unwatched.exportId)).toMatchObject({ state: 'failed', failure: 'no_video' });
    expect(service.history().map((h) => h.state)).toEqual(['failed', 'failed', 'cancelled', 'done']);
  });

  it('a stream closed while its buffer is still starting leaves no buffer and no hub consumer behind', async () => {
    const { service, hub } = await setup();
    const watching = service.watch('cam-1:main');
    const unwatching = service.unwatch('cam-1:main');
    await Promise.all([watching, unwatching]);
    expect(service.watched()).toEqual([]);
    expect(hub.stats().consumers).toBe(0);
  });
});
