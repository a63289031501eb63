// ONVIF recorder playback on real parts: the demo ONVIF device with Profile G recordings of two
// of its three channels, replayed from the demo RTSP server's archive; the recorder's clock runs
// 2 minutes ahead of this machine and its archive is timed by that clock.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOnvifStub, type OnvifStub, type StubRecording } from '../../demo/onvif/index.js';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import { exportFromRecorder } from '../../export/nvr/export-recording.js';
import type { ExportMetadata } from '../../export/package/metadata.js';
import { signerFromPrivateKey } from '../../export/package/signing-key.js';
import { verifyExportFolder } from '../../export/verify/verify-package.js';
import { probeVideo } from '../../testing/export/mp4-check.js';
import { sampleMetadata } from '../../testing/export/package-kit.js';
import type { DeviceConfig, DeviceHandle } from '../adapter.js';
import type { ChannelTarget } from '../capabilities.js';
import { createDeviceAdapters } from '../index.js';

const OFFSET_MS = 120_000;
const PASSWORD = 'Nvr-Pass1';
let rtsp: DemoRtspServer;
let nvr: OnvifStub;
let plain: OnvifStub;
let dir = '';
/** The archive's recorded spans in the recorder's clock. */
let sections: Array<{ from: number; to: number }> = [];

beforeAll(async () => {
  // The archive ends 2 minutes "later" than now: it is timed by the recorder's clock.
  const end = Math.floor(Date.now() / 1000) * 1000 + OFFSET_MS;
  rtsp = await startDemoRtspServer({
    host: '127.0.0.1',
    port: 0,
    streams: [],
    archives: [
      { path: '/rec/1', clip: 'h264', startMs: end - 30 * 60_000 },
      { path: '/rec/2', clip: 'h265', startMs: end - 30 * 60_000 },
    ],
  });
  sections = rtsp.archives()[0]!.sections;
  const hostSections = sections.map((s) => ({ from: s.from - OFFSET_MS, to: s.to - OFFSET_MS }));
  const recordings: StubRecording[] = [
    { token: 'REC-CH1', channel: 1, replayUri: rtsp.url('/rec/1'), sections: hostSections },
    { token: 'REC-CH2', channel: 2, replayUri: rtsp.url('/rec/2'), sections: hostSections },
  ];
  const streamUris = { main: 'rtsp://192.0.2.20/live/main', sub: 'rtsp://192.0.2.20/live/sub' };
  nvr = await startOnvifStub({ username: 'admin', password: PASSWORD, name: 'West NVR', channels: 3, clockOffsetSec: OFFSET_MS / 1000, streamUris, recordings });
  plain = await startOnvifStub({ username: 'admin', password: PASSWORD, streamUris });
  dir = await mkdtemp(path.join(tmpdir(), 'skywall-onvif-replay-'));
});

afterAll(async () => {
  await Promise.all([rtsp?.close(), nvr?.close(), plain?.close()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

function deviceAt(stub: OnvifStub): DeviceHandle {
  const cameras: DeviceConfig['cameras'] = [1, 2, 3].map((n) => ({ id: `west-${n}`, name: `西 ${n}`, ptz: false, externalId: `video-source-${n - 1}`, channel: n, sources: [] }));
  const config: DeviceConfig = { id: `dev-${stub.port}`, name: 'West', kind: 'onvif', category: 'nvr', host: '127.0.0.1', port: stub.port, username: 'admin', demo: false, cameras };
  return { config, credentials: async () => ({ username: 'admin', password: PASSWORD }) };
}

const target = (device: DeviceHandle, n: number): ChannelTarget => ({ device, channel: { index: n - 1, cameraId: `west-${n}` } });

describe('ONVIF recorder playback (Profile G)', () => {
  it("finds each camera's recording by its video source, gives its replay address with the credentials beside it, and measures the clock", async () => {
    const device = deviceAt(nvr);
    const playback = createDeviceAdapters().forDevice(device.config).playback!;
    expect(await playback.replaySource(target(device, 1), { from: 0, to: 1 }, 'main')).toEqual({
      kind: 'rtsp',
      url: rtsp.url('/rec/1'),
      credentials: { username: 'admin', password: PASSWORD },
      codec: 'h264',
      replay: { onvif: true, spanInUrl: false },
    });
    expect(await playback.replaySource(target(device, 2), { from: 0, to: 1 }, 'main')).toMatchObject({ url: rtsp.url('/rec/2') });
    // The device tells its clock to the second.
    expect(Math.abs((await playback.clockOffsetMs!(target(device, 1)))! - OFFSET_MS)).toBeLessThanOrEqual(1000);
    // What the recorder holds, in this machine's clock.
    const wide = { from: sections[0]!.from - OFFSET_MS - 3_600_000, to: Date.now() + 3_600_000 };
    const [span] = await playback.recordings(target(device, 1), wide);
    expect(Math.abs(span!.from - (sections[0]!.from - OFFSET_MS))).toBeLessThanOrEqual(1000);
    expect(Math.abs(span!.to - (sections.at(-1)!.to - OFFSET_MS))).toBeLessThanOrEqual(1000);
    expect(await playback.recordings(target(device, 1), { from: wide.from, to: wide.from + 60_000 })).toEqual([]);
    const asked = nvr.requestLog.map((r) => `${r.path} ${r.action}`);
    expect(asked).toEqual(expect.arrayContaining(['/onvif/recording_service GetRecordings', '/onvif/search_service GetRecordingInformation', '/onvif/replay_service GetReplayUri']));
  });

  it('a channel the recorder does not record, and a device that keeps no recordings, say so', async () => {
    const playback = createDeviceAdapters().forDevice(deviceAt(nvr).config).playback!;
    await expect(playback.replaySource(target(deviceAt(nvr), 3), { from: 0, to: 1 }, 'main')).rejects.toMatchObject({ code: 'not_found', params: { reason: 'no_recording' } });
    await expect(playback.replaySource(target(deviceAt(plain), 1), { from: 0, to: 1 }, 'main')).rejects.toMatchObject({ code: 'not_found', params: { reason: 'no_playback' } });
  });

  it('downloads a span across a gap through the adapter: the recorder asked in its own clock, the gap recorded, the package verified', async () => {
    const device = deviceAt(nvr);
    const playback = createDeviceAdapters().forDevice(device.config).playback!;
    const t = target(device, 1);
    // 20 s before the archive's first gap (45 s long) to 10 s after it, in this machine's clock.
    const gapFrom = sections[0]!.to;
    const gapTo = sections[1]!.from;
    const range = { from: gapFrom - OFFSET_MS - 20_000, to: gapTo - OFFSET_MS + 10_000 };
    const src = await playback.replaySource(t, range, 'main');
    if (src.kind !== 'rtsp') throw new Error('expected an RTSP replay source');
    const clockOffsetMs = (await playback.clockOffsetMs!(t))!;
    const { camera, device: dev, channel, operator, workstation, appVersion, caseReference, reason } = sampleMetadata();
    const parentDir = path.join(dir, 'usb');
    await import('node:fs/promises').then((fs) => fs.mkdir(parentDir, { recursive: true }));
    const result = await exportFromRecorder({
      source: { url: src.url, ...src.credentials, onvif: src.replay!.onvif, spanInUrl: src.replay!.spanInUrl },
      range,
      clockOffsetMs,
      scratchDir: path.join(dir, 'scratch'),
      parentDir,
      details: { camera, device: dev, channel, operator, workstation, appVersion, caseReference, reason },
      signer: signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey),
    });
    const meta = JSON.parse(await readFile(path.join(result.folder, 'metadata.json'), 'utf8')) as ExportMetadata;
    expect(meta.sourceType).toBe('nvr_download');
    expect(meta.recorderClockOffsetMs).toBe(clockOffsetMs);
    expect(meta.gaps).toEqual([{ startUtc: new Date(gapFrom).toISOString(), endUtc: new Date(gapTo).toISOString(), durationMs: gapTo - gapFrom }]);
    // The offset is known to the second, so the span asked may be off by up to a second each end.
    expect(meta.video.frames).toBeGreaterThanOrEqual(28 * 25);
    expect(meta.video.frames).toBeLessThanOrEqual(32 * 25);
    expect(Number((await probeVideo(path.join(result.folder, meta.clipFiles[0]!))).nb_read_frames)).toBe(meta.video.frames);
    expect((await verifyExportFolder(result.folder)).ok).toBe(true);
  }, 60_000);
});
