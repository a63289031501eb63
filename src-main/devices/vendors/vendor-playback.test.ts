// Vendor recorders added by address replay from their playback URLs, the span named in the URL
// in the recorder's clock. The download runs against the demo RTSP server serving its archive at
// Hikvision's playback path (it replays the span the URL names, as those recorders do), with the
// recorder's clock 60 s ahead of this machine as last read from the device.
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VendorKind } from '../../common/model/device.js';
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

const OFFSET_MS = 60_000;
let rtsp: DemoRtspServer;
let dir = '';
let sections: Array<{ from: number; to: number }> = [];

beforeAll(async () => {
  const end = Math.floor(Date.now() / 1000) * 1000 + OFFSET_MS;
  rtsp = await startDemoRtspServer({ host: '127.0.0.1', port: 0, streams: [], archives: [{ path: '/Streaming/tracks/301', clip: 'h264', startMs: end - 30 * 60_000 }] });
  sections = rtsp.archives()[0]!.sections;
  dir = await mkdtemp(path.join(tmpdir(), 'skywall-vendor-replay-'));
});

afterAll(async () => {
  await rtsp?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function deviceOf(kind: VendorKind): DeviceHandle {
  const config: DeviceConfig = {
    id: `dev-${kind}`,
    name: '北门',
    kind,
    host: '127.0.0.1',
    port: 80,
    rtspPort: rtsp.port,
    username: 'admin',
    demo: false,
    cameras: [{ id: 'north-3', name: '北门 3', ptz: false, channel: 3, sources: [{ profile: 'main', codec: 'h264' }, { profile: 'sub' }] }],
    clock: { offsetMs: OFFSET_MS, checkedAt: new Date().toISOString() },
  };
  return { config, credentials: async () => ({ username: 'admin', password: 'Gate-Pass1' }) };
}

const target = (device: DeviceHandle): ChannelTarget => ({ device, channel: { index: 0, cameraId: 'north-3' } });
const compact = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
const pad = (n: number): string => String(n).padStart(2, '0');
const localDahua = (ms: number): string => {
  const d = new Date(ms);
  return `${d.getFullYear()}_${pad(d.getMonth() + 1)}_${pad(d.getDate())}_${pad(d.getHours())}_${pad(d.getMinutes())}_${pad(d.getSeconds())}`;
};

describe('vendor recorder playback through the adapters', () => {
  it('names the span in the recorder clock in each vendor URL, with the credentials beside it', async () => {
    const range = { from: Date.UTC(2026, 10, 22, 10, 50, 10), to: Date.UTC(2026, 10, 22, 10, 55, 10) };
    const at = { from: range.from + OFFSET_MS, to: range.to + OFFSET_MS };
    const base = `rtsp://127.0.0.1:${rtsp.port}`;
    const sourceOf = async (kind: VendorKind) => createDeviceAdapters().forDevice(deviceOf(kind).config).playback!.replaySource(target(deviceOf(kind)), range, 'main');
    expect(await sourceOf('hikvision')).toEqual({
      kind: 'rtsp',
      url: `${base}/Streaming/tracks/301?starttime=${compact(at.from)}&endtime=${compact(at.to)}`,
      credentials: { username: 'admin', password: 'Gate-Pass1' },
      codec: 'h264',
      replay: { onvif: false, spanInUrl: true },
    });
    // Dahua reads local time: this workstation's zone stands for the device's.
    expect((await sourceOf('dahua')).url).toBe(`${base}/cam/playback?channel=3&subtype=0&starttime=${localDahua(at.from)}&endtime=${localDahua(at.to)}`);
    expect((await sourceOf('uniview')).url).toBe(`${base}/c3/b${at.from / 1000}/e${at.to / 1000}/replay/`);
    const playback = createDeviceAdapters().forDevice(deviceOf('dahua').config).playback!;
    expect(await playback.clockOffsetMs!(target(deviceOf('dahua')))).toBe(OFFSET_MS);
    await expect(playback.recordings(target(deviceOf('dahua')), range)).rejects.toMatchObject({ code: 'not_found', params: { reason: 'no_search' } });
  });

  it('downloads a span across a gap from a Hikvision playback URL: the span the URL names, the gap recorded, the package verified', async () => {
    const device = deviceOf('hikvision');
    const playback = createDeviceAdapters().forDevice(device.config).playback!;
    const gapFrom = sections[0]!.to;
    const gapTo = sections[1]!.from;
    // 20 s before the 45 s gap to 10 s after it, in this machine's clock.
    const range = { from: gapFrom - OFFSET_MS - 20_000, to: gapTo - OFFSET_MS + 10_000 };
    const src = await playback.replaySource(target(device), range, 'main');
    if (src.kind !== 'rtsp') throw new Error('expected an RTSP replay source');
    const { camera, device: dev, channel, operator, workstation, appVersion, caseReference, reason } = sampleMetadata();
    const parentDir = path.join(dir, 'usb');
    await mkdir(parentDir, { recursive: true });
    const result = await exportFromRecorder({
      source: { url: src.url, ...src.credentials, onvif: src.replay!.onvif, spanInUrl: src.replay!.spanInUrl },
      range,
      clockOffsetMs: (await playback.clockOffsetMs!(target(device))) ?? null,
      scratchDir: path.join(dir, 'scratch'),
      parentDir,
      details: { camera, device: dev, channel, operator, workstation, appVersion, caseReference, reason },
      signer: signerFromPrivateKey(generateKeyPairSync('ed25519').privateKey),
    });
    const meta = JSON.parse(await readFile(path.join(result.folder, 'metadata.json'), 'utf8')) as ExportMetadata;
    expect(meta.recorderClockOffsetMs).toBe(OFFSET_MS);
    expect(meta.startUtc).toBe(new Date(gapFrom - 20_000).toISOString());
    expect(meta.endUtc).toBe(new Date(gapTo + 10_000).toISOString());
    expect(meta.gaps).toEqual([{ startUtc: new Date(gapFrom).toISOString(), endUtc: new Date(gapTo).toISOString(), durationMs: gapTo - gapFrom }]);
    expect(meta.video.frames).toBe(30 * 25);
    expect(Number((await probeVideo(path.join(result.folder, meta.clipFiles[0]!))).nb_read_frames)).toBe(30 * 25);
    expect((await verifyExportFolder(result.folder)).ok).toBe(true);
  }, 60_000);
});
