// RtspSession against servers that push media where none belongs: interleaved data before the
// session is set up is a protocol error; data between SETUP and the PLAY answer is held in a
// queue bounded in bytes.
import { describe, expect, it } from 'vitest';
import { StreamHub, type HubStatus } from '../hub/index.js';
import { RtspProducer } from '../ingest/rtsp-producer.js';
import { packetizeStream } from '../../testing/rtp/packetizer.js';
import { AuthLockout } from './auth-lockout.js';
import { MAX_EARLY_BYTES } from './rtsp-session.js';
import { failure, fakeCamera, rtpBytes, sessionFor, watch } from '../../testing/rtsp/fake-camera.js';
import { useFakeCameraClip } from '../../testing/rtsp/clip-fixture.js';
import { interleave } from '../../testing/rtsp/session-kit.js';

const camera = useFakeCameraClip('skywall-hostile-');
const { servers } = camera;

const junk = interleave(0, new Uint8Array(60_000).fill(0x5a));

describe('interleaved data out of place', () => {
  it('data before the DESCRIBE answer -> protocol error, connection closed', async () => {
    const server = await fakeCamera(camera.clip, servers, (req, socket) => {
      if (req.method !== 'DESCRIBE') return false;
      for (let i = 0; i < 50; i++) socket.write(junk); // 3 MB of "media" instead of an answer
      return true;
    });
    const s = sessionFor(server);
    const err = await failure(s.start());
    expect(err.code).toBe('protocol');
    expect(err.message).toMatch(/before SETUP/);
    expect(s.state).toBe('closed');
  });

  it('through the hub: the source backs off after the protocol error instead of looping', async () => {
    const server = await fakeCamera(camera.clip, servers, (req, socket) => {
      if (req.method !== 'DESCRIBE') return false;
      socket.write(junk);
      return true;
    });
    const hub = new StreamHub({ producerFactory: () => new RtspProducer({ url: `rtsp://127.0.0.1:${server.port}/live`, timeoutMs: 2000, lockout: new AuthLockout() }) });
    const statuses: HubStatus[] = [];
    const unsubscribe = hub.subscribe('cam', { onTracks: () => undefined, onSample: () => undefined, onStatus: (st) => statuses.push(st) });
    await new Promise((r) => setTimeout(r, 1500));
    unsubscribe();
    hub.close();
    const retry = statuses.find((st) => st.state === 'reconnecting');
    expect(retry).toMatchObject({ errorCode: 'protocol' });
    expect(retry!.retryInMs).toBeGreaterThanOrEqual(800);
    expect(server.connections).toBeLessThanOrEqual(2); // first attempt, at most one retry after ~1 s
  });

  it('data between SETUP and the PLAY answer is queued up to a byte bound, the rest dropped and counted', async () => {
    const total = 40 * junk.length; // 2.4 MB, more than the bound
    const server = await fakeCamera(
      camera.clip,
      servers,
      (req, socket) => {
        if (req.method !== 'PLAY') return false;
        // Junk on an unknown channel, then the normal answer and media (fakeCamera's PLAY path).
        for (let i = 0; i < 40; i++) socket.write(interleave(9, junk.subarray(4)));
        return false;
      },
      (socket) => {
        for (const b of rtpBytes(packetizeStream('h264', camera.clip.units.slice(0, 10), { firstTimestamp: 12345 }))) socket.write(interleave(0, b));
      },
    );
    const s = sessionFor(server);
    const { out } = watch(s);
    await s.start();
    await new Promise((r) => setTimeout(r, 300));
    expect(out.samples.length).toBe(10); // the stream itself is untouched
    const st = s.stats;
    expect(st.earlyBytesDropped).toBeGreaterThan(total - MAX_EARLY_BYTES - junk.length);
    expect(st.earlyBytesDropped).toBeLessThan(total);
    await s.stop();
  });
});
