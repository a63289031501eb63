// Manual recording against the demo camera through the real hub: from start to stop the stream
// goes into its own buffer, then one export of all of it, verified, with metadata saying it was
// a recording, both ends in the audit log, and the scratch folder gone.
import { mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDemoRtspServer } from '../../demo/rtsp/index.js';
import { StreamHub } from '../../media/hub/index.js';
import { RtspProducer } from '../../media/ingest/rtsp-producer.js';
import { openAuditLog } from '../../storage/index.js';
import { openKeyFileVault } from '../../storage/vault/index.js';
import { probeVideo } from '../../testing/export/mp4-check.js';
import { createExportService } from './service.js';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('manual recording', () => {
  it('records from start to stop into a verified export and audits both ends', async () => {
    const server = await startDemoRtspServer({ streams: [{ path: '/cam', clip: 'h264' }] });
    cleanups.push(() => server.close());
    const hub = new StreamHub({ producerFactory: () => new RtspProducer({ url: server.url('/cam'), timeoutMs: 5000 }) });
    cleanups.push(() => hub.close());
    const dir = await mkdtemp(path.join(tmpdir(), 'skywall-recording-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const target = path.join(dir, 'usb');
    await mkdir(target);
    const audit = await openAuditLog({ dir, actor: { operator: 'op', workstation: 'ws' } });
    cleanups.push(() => audit.close());
    const service = await createExportService({
      hub,
      dataDir: dir,
      vault: await openKeyFileVault({ dir }),
      audit,
      appVersion: '0.1.0',
      operator: () => '王强',
      describe: async () => ({ camera: { id: 'cam-1', name: '大门' }, device: { id: 'd1', name: 'NVR' }, channel: '1' }),
    });
    cleanups.push(() => service.dispose());

    const { recordingId } = await service.recordStart({ key: 'cam-1:main', targetDir: target, caseReference: 'AJ-7', reason: '现场取证' });
    expect(service.recordings()).toEqual([expect.objectContaining({ recordingId, key: 'cam-1:main' })]);
    await new Promise((r) => setTimeout(r, 4000));
    const { exportId } = await service.recordStop(recordingId);
    expect(service.recordings()).toEqual([]);
    // Pictures arriving after the stop are not part of it.
    await new Promise((r) => setTimeout(r, 1500));
    const entry = await service.settled(exportId);
    expect(entry.state).toBe('done');
    expect(entry.verify?.ok).toBe(true);
    expect(entry.caseReference).toBe('AJ-7');

    const metadata = JSON.parse(await readFile(path.join(entry.folder!, 'metadata.json'), 'utf8')) as { sourceType: string; video: { frames: number }; startUtc: string; endUtc: string };
    expect(metadata.sourceType).toBe('recording');
    const seconds = (Date.parse(metadata.endUtc) - Date.parse(metadata.startUtc)) / 1000;
    expect(seconds).toBeGreaterThan(2.5);
    expect(seconds).toBeLessThan(5);
    const mp4 = (await readdir(entry.folder!)).find((f) => f.endsWith('.mp4'))!;
    expect(Number((await probeVideo(path.join(entry.folder!, mp4))).nb_read_frames)).toBe(metadata.video.frames);
    await expect(stat(path.join(dir, 'recordings', recordingId))).rejects.toThrow();

    await audit.close();
    const lines = (await readFile(path.join(dir, 'audit.jsonl'), 'utf8')).trim().split('\n');
    const kinds = lines.map((l) => (JSON.parse(l) as { action: string }).action);
    expect(kinds).toEqual(expect.arrayContaining(['export.record_start', 'export.record_stop', 'export.start', 'export.done']));
  }, 40_000);
});
