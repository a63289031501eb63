// Recorder downloads through the export service, end to end on real parts: the demo device's
// adapter (playback from the demo RTSP archive, clock offset from the demo ONVIF device), the
// service's queue, history and audit; a span without recording fails as no_recording.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnvifStub, type OnvifStub } from '../../demo/onvif/index.js';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import { createDeviceAdapters, DEMO_CAMERA_IDS, demoDeviceConfig, type DeviceHandle, type RunningDemoPorts } from '../../devices/index.js';
import { StreamHub } from '../../media/hub/index.js';
import { openAuditLog } from '../../storage/index.js';
import { openKeyFileVault } from '../../storage/vault/index.js';
import { mountTmpfs, type TestMount } from '../../testing/export/tmpfs.js';
import type { ExportMetadata } from '../../export/package/metadata.js';
import type { RecorderSourceFor } from './recorder-source.js';
import { createExportService } from './service.js';

let rtsp: DemoRtspServer;
let onvif: OnvifStub;
let ports: RunningDemoPorts;
let dir = '';
let target: TestMount;

beforeAll(async () => {
  rtsp = await startDemoRtspServer({ host: '127.0.0.1', port: 0 });
  onvif = await startOnvifStub({ username: 'admin', password: 'pw', streamUris: { main: rtsp.url('/demo/h264'), sub: rtsp.url('/demo/h264') } });
  ports = { host: '127.0.0.1', rtspPort: rtsp.port, onvif: { port: onvif.port, username: 'admin', password: 'pw' }, archive: { sections: rtsp.archives()[0]!.sections } };
  dir = await mkdtemp(path.join(tmpdir(), 'skywall-recorder-svc-'));
  target = await mountTmpfs(64 * 1024 * 1024);
});

afterAll(async () => {
  await target?.dispose();
  await Promise.all([rtsp?.close(), onvif?.close()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** What recorderSources() does, on the demo device without the devices service around it. */
function demoRecorder(): RecorderSourceFor {
  const config = demoDeviceConfig(ports);
  const device: DeviceHandle = { config, credentials: async () => ({}) };
  const playback = createDeviceAdapters({ demo: ports }).forDevice(config).playback!;
  return async (_key, range) => {
    const t = { device, channel: { index: 0, cameraId: DEMO_CAMERA_IDS[0] } };
    const src = await playback.replaySource(t, range, 'main');
    if (src.kind !== 'rtsp') throw new Error('expected RTSP');
    return { source: { url: src.url, onvif: src.replay!.onvif, spanInUrl: src.replay!.spanInUrl }, clockOffsetMs: (await playback.clockOffsetMs!(t)) ?? null };
  };
}

describe('recorder downloads in the export service', () => {
  it('the demo adapter lists what its archive holds, gaps left out', async () => {
    const config = demoDeviceConfig(ports);
    const playback = createDeviceAdapters({ demo: ports }).forDevice(config).playback!;
    const s = ports.archive!.sections;
    const spans = await playback.recordings({ device: { config, credentials: async () => ({}) }, channel: { index: 0, cameraId: DEMO_CAMERA_IDS[0] } }, { from: s[0]!.to - 1000, to: s[1]!.from + 1000 });
    expect(spans).toEqual([
      { from: s[0]!.to - 1000, to: s[0]!.to },
      { from: s[1]!.from, to: s[1]!.from + 1000 },
    ]);
  });

  it('downloads a span with its gap, records the measured clock offset, keeps history and audit', async () => {
    const audit = await openAuditLog({ dir, actor: { operator: 'op', workstation: 'ws' } });
    const service = await createExportService({
      hub: new StreamHub({ producerFactory: () => { throw new Error('no live streams in this test'); } }),
      dataDir: dir,
      vault: await openKeyFileVault({ dir }),
      audit,
      appVersion: '0.1.0',
      operator: () => '王强',
      describe: async () => ({ camera: { id: DEMO_CAMERA_IDS[0], name: '演示摄像机' }, device: { id: 'demo-nvr', name: 'Demo' }, channel: '1 (main)' }),
      recorder: demoRecorder(),
    });
    try {
      const [first, second] = ports.archive!.sections;
      // 20 s before the first gap to 10 s after it, in workstation time (the demo ONVIF clock is this machine's).
      const range = { from: first!.to - 20_000, to: second!.from + 10_000 };
      const { exportId } = await service.start({ key: `${DEMO_CAMERA_IDS[0]}:main`, range, targetDir: target.dir, caseReference: 'AJ-7', reason: '调取录像' });
      const entry = await service.settled(exportId);
      expect(entry).toMatchObject({ state: 'done', verify: { ok: true }, range: { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() } });
      const meta = JSON.parse(await readFile(path.join(entry.folder!, 'metadata.json'), 'utf8')) as ExportMetadata;
      expect(meta.sourceType).toBe('nvr_download');
      expect(typeof meta.recorderClockOffsetMs).toBe('number');
      expect(Math.abs(meta.recorderClockOffsetMs!)).toBeLessThan(2000); // ONVIF tells time to the second
      expect(meta.gaps).toHaveLength(1);
      expect(meta.gaps[0]!.durationMs).toBe(second!.from - first!.to);

      const empty = await service.start({ key: `${DEMO_CAMERA_IDS[0]}:main`, range: { from: first!.to + 1000, to: second!.from - 1000 }, targetDir: target.dir, caseReference: '', reason: '' });
      expect(await service.settled(empty.exportId)).toMatchObject({ state: 'failed', failure: 'no_recording' });
    } finally {
      await service.dispose();
      await audit.close();
    }
    const actions = (await readFile(path.join(dir, 'audit.jsonl'), 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { action: string }).action);
    expect(actions).toEqual(['export.start', 'export.download', 'export.done', 'export.start', 'export.failed']);
  }, 60_000);

  it('a camera whose device keeps no recordings fails as no_recorder, before anything is written', async () => {
    // A real ONVIF device without Profile G services, through the ONVIF adapter.
    const config: DeviceHandle['config'] = { id: 'dev-plain', name: 'Plain', kind: 'onvif', host: '127.0.0.1', port: onvif.port, username: 'admin', demo: false, cameras: [{ id: 'plain-1', name: '门口', ptz: true, externalId: 'video-source-0', sources: [] }] };
    const device: DeviceHandle = { config, credentials: async () => ({ username: 'admin', password: 'pw' }) };
    const playback = createDeviceAdapters().forDevice(config).playback!;
    const audit = await openAuditLog({ dir, actor: { operator: 'op', workstation: 'ws' } });
    const service = await createExportService({
      hub: new StreamHub({ producerFactory: () => { throw new Error('no live streams in this test'); } }),
      dataDir: await mkdtemp(path.join(dir, 'plain-')),
      vault: await openKeyFileVault({ dir }),
      audit,
      appVersion: '0.1.0',
      operator: () => '王强',
      describe: async () => ({ camera: { id: 'plain-1', name: '门口' }, device: { id: 'dev-plain', name: 'Plain' }, channel: '1 (main)' }),
      recorder: async (_key, range) => {
        const src = await playback.replaySource({ device, channel: { index: 0, cameraId: 'plain-1' } }, range, 'main');
        if (src.kind !== 'rtsp') throw new Error('expected RTSP');
        return { source: { url: src.url, onvif: true }, clockOffsetMs: null };
      },
    });
    try {
      const { exportId } = await service.start({ key: 'plain-1:main', range: { from: Date.now() - 120_000, to: Date.now() - 60_000 }, targetDir: target.dir, caseReference: '', reason: '' });
      expect(await service.settled(exportId)).toMatchObject({ state: 'failed', failure: 'no_recorder' });
      expect((await readdir(target.dir)).filter((n) => n.includes('门口'))).toEqual([]);
    } finally {
      await service.dispose();
      await audit.close();
    }
  }, 30_000);
});
