// A camera whose SPS claims a picture no player can show (16384x16384): the source reports
// "unsupported" with the reason and stops retrying until the device is changed (hub.retry).
import { afterEach, describe, expect, it } from 'vitest';
import { StreamHub, type HubStatus } from '../hub/index.js';
import { AuthLockout } from '../rtsp/auth-lockout.js';
import { packetizeStream } from '../../testing/rtp/packetizer.js';
import { fakeCamera, h264Sdp, rtpBytes } from '../../testing/rtsp/fake-camera.js';
import { useFakeCameraClip } from '../../testing/rtsp/clip-fixture.js';
import { type FakeRtspServer, interleave, response } from '../../testing/rtsp/session-kit.js';
import { RtspProducer } from './rtsp-producer.js';

const camera = useFakeCameraClip('skywall-unsupported-');
const { servers } = camera;
const hubs: StreamHub[] = [];

afterEach(() => {
  for (const h of hubs.splice(0)) h.close();
});

/** Baseline SPS, level 5.1, with pic_width/height_in_mbs_minus1 = `mbs - 1` (16 px per macroblock). */
function hugeSps(mbs: number): Uint8Array {
  let bits = '';
  const ue = (v: number) => {
    const b = (v + 1).toString(2);
    bits += '0'.repeat(b.length - 1) + b;
  };
  bits += (66).toString(2).padStart(8, '0') + '11000000' + (51).toString(2).padStart(8, '0');
  ue(0); // sps id
  ue(0); // log2_max_frame_num_minus4
  ue(2); // pic_order_cnt_type
  ue(1); // max_num_ref_frames
  bits += '0'; // gaps
  ue(mbs - 1);
  ue(mbs - 1);
  bits += '1' + '1' + '0' + '0' + '1'; // frame_mbs_only, direct_8x8, no cropping, no VUI, stop bit
  while (bits.length % 8) bits += '0';
  const out = [0x67];
  for (let i = 0; i < bits.length; i += 8) out.push(parseInt(bits.slice(i, i + 8), 2));
  return Uint8Array.from(out);
}

/** The clip with every in-band SPS replaced. */
function withSps(sps: Uint8Array): Uint8Array[][] {
  return camera.clip.units.map((u) => u.map((n) => ((n[0] & 0x1f) === 7 ? sps : n)));
}

async function hugeCamera(): Promise<FakeRtspServer> {
  const sps = hugeSps(1024);
  const pps = camera.clip.units[0].find((n) => (n[0] & 0x1f) === 8)!;
  const sprop = `${Buffer.from(sps).toString('base64')},${Buffer.from(pps).toString('base64')}`;
  return fakeCamera(
    camera.clip,
    servers,
    (req, socket) => {
      if (req.method !== 'DESCRIBE') return false;
      socket.write(response(req.cseq, '200 OK', { 'Content-Type': 'application/sdp', 'Content-Base': req.url + '/' }, h264Sdp(sprop)));
      return true;
    },
    (socket) => {
      for (const b of rtpBytes(packetizeStream('h264', withSps(sps).slice(0, 10), { firstTimestamp: 12345 }))) socket.write(interleave(0, b));
    },
  );
}

function watchHub(server: FakeRtspServer) {
  const hub = new StreamHub({ producerFactory: () => new RtspProducer({ url: `rtsp://127.0.0.1:${server.port}/live`, timeoutMs: 2000, lockout: new AuthLockout() }) });
  hubs.push(hub);
  const statuses: HubStatus[] = [];
  const unsubscribe = hub.subscribe('cam', { onTracks: () => undefined, onSample: () => undefined, onStatus: (s) => statuses.push(s) });
  return { hub, statuses, unsubscribe };
}

describe('unsupported format', () => {
  it('16384x16384: status "unsupported" with the reason, and no retry', async () => {
    const server = await hugeCamera();
    const { hub, statuses } = watchHub(server);
    await new Promise((r) => setTimeout(r, 2500)); // the backoff would have retried after about 1 s
    const last = statuses.at(-1)!;
    expect(last).toMatchObject({ state: 'unsupported', errorCode: 'unsupported_format', errorParams: { reason: 'resolution', width: 16384, height: 16384 } });
    expect(statuses.some((s) => s.state === 'reconnecting')).toBe(false);
    expect(server.connections).toBe(1);
    expect(hub.status('cam')?.state).toBe('unsupported');
  });

  it('stays unsupported for a new subscriber; hub.retry (device changed) tries again', async () => {
    const server = await hugeCamera();
    const { hub, unsubscribe } = watchHub(server);
    await new Promise((r) => setTimeout(r, 800));
    unsubscribe();
    const again: HubStatus[] = [];
    hub.subscribe('cam', { onTracks: () => undefined, onSample: () => undefined, onStatus: (s) => again.push(s) });
    expect(again[0]).toMatchObject({ state: 'unsupported', errorCode: 'unsupported_format' });
    expect(server.connections).toBe(1);
    hub.retry('cam');
    await new Promise((r) => setTimeout(r, 800));
    expect(server.connections).toBe(2);
  });
});
