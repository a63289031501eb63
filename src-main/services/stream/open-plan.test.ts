// One round trip: the window's decoders go with the open, the answer is what plays there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { DecodeCapabilities } from '../../common/contract/index.js';
import { startDemoRtspServer, type DemoRtspServer } from '../../demo/rtsp/index.js';
import { createDeviceAdapters } from '../../devices/index.js';
import { EventBus } from '../../ipc/event-bus.js';
import { detectFfmpeg } from '../../media/transcode/index.js';
import type { DeviceRecord } from '../../storage/index.js';
import { devicesFor } from '../../testing/services/devices-fixture.js';
import { playableFacts } from '../../testing/services/stream-answer.js';
import { createStreamService, type StreamService } from './service.js';

const DEBIAN_CHROMIUM: DecodeCapabilities = { h264: true, h265: false, aac: true };
const WITH_HEVC: DecodeCapabilities = { h264: true, h265: true, aac: true };

let camera: DemoRtspServer;
let streams: StreamService;

beforeAll(async () => {
  camera = await startDemoRtspServer();
  // The codec is left out on purpose: cameras added by URL do not say it, the stream does.
  const device: DeviceRecord = {
    id: 'd-265',
    name: 'Dock',
    kind: 'rtsp',
    host: '127.0.0.1',
    port: camera.port,
    demo: false,
    cameras: [
      { id: 'h265-only', name: 'H.265 only', ptz: false, sources: [{ profile: 'main', url: camera.url('/demo/h265') }] },
      {
        id: 'h265-with-sub',
        name: 'H.265 + H.264 sub',
        ptz: false,
        sources: [
          { profile: 'main', url: camera.url('/demo/h265') },
          { profile: 'sub', url: camera.url('/demo/h264') },
        ],
      },
    ],
  };
  streams = await createStreamService({ devices: devicesFor([device]), adapters: createDeviceAdapters(), bus: new EventBus(), graceMs: 500 });
});

afterAll(async () => {
  await streams.dispose();
  await camera.close();
});

/** Messages from the gateway until the first media fragment. */
async function firstFragment(url: string): Promise<{ facts: { codec?: string }; moof: boolean }> {
  const ws = new WebSocket(url);
  const texts: string[] = [];
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no fragment within 15 s')), 15_000);
      ws.on('message', (d, binary) => {
        if (!binary) return void texts.push(String(d));
        const box = (d as Buffer).subarray(4, 8).toString();
        if (box !== 'moof') return;
        clearTimeout(timer);
        resolve({ facts: JSON.parse(texts[0] ?? '{}'), moof: true });
      });
    });
  } finally {
    ws.close();
  }
}

describe('sw:stream:open answers with the plan that plays in the calling window', () => {
  it('an H.265-only camera, unknown codec, H.265 not decodable: one open gives the H.264 re-encode, which plays', async () => {
    expect(await detectFfmpeg()).toBeDefined(); // this machine has ffmpeg with libx264; the plan depends on it
    const answer = playableFacts(await streams.open({ cameraId: 'h265-only', profile: 'main', decode: DEBIAN_CHROMIUM }));
    expect(answer).toMatchObject({ plan: 'transcode', reason: 'h265_unsupported', videoCodec: 'h264', transport: 'fmp4-ws', profile: 'main' });
    const first = await firstFragment(answer.url);
    expect(first.facts.codec).toBe('h264');
    streams.close(answer.streamId);
  });

  it('the same camera where H.265 decodes: as it is, and the answer names the codec the stream told', async () => {
    const answer = playableFacts(await streams.open({ cameraId: 'h265-only', profile: 'main', decode: WITH_HEVC }));
    expect(answer).toMatchObject({ plan: 'as_is', transport: 'fmp4-ws' });
    expect(answer.reason).toBeUndefined();
    streams.close(answer.streamId);
    // Without H.265 the codec decides the plan, so it was learned from the stream.
    const learned = playableFacts(await streams.open({ cameraId: 'h265-only', profile: 'main', decode: { ...WITH_HEVC, h265: false } }));
    expect(learned.plan).toBe('transcode');
    streams.close(learned.streamId);
  });

  it('an H.265 camera with a sub-stream: the sub-stream, unless the window decodes H.265', async () => {
    const sub = playableFacts(await streams.open({ cameraId: 'h265-with-sub', profile: 'main', decode: DEBIAN_CHROMIUM }));
    expect(sub).toMatchObject({ plan: 'sub_stream', reason: 'h265_unsupported', profile: 'sub' });
    expect((await firstFragment(sub.url)).facts.codec).toBe('h264');
    streams.close(sub.streamId);
    expect(await streams.open({ cameraId: 'h265-with-sub', profile: 'main', decode: WITH_HEVC })).toMatchObject({ plan: 'as_is', profile: 'main' });
  });
});
