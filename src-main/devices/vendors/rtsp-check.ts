// The connection test for a Dahua or Uniview device added by address (they have no channel
// listing Skywall speaks): channel 1's main stream by the vendor's RTSP rule is asked for its
// description (DESCRIBE), the way a tile would open it. What failed is named: unreachable,
// timeout, wrong password (one rejected login: a refusal is not answered again), no stream.
import { SkywallError, isSkywallError } from '../../common/model/errors.js';
import type { VendorKind } from '../../common/model/device.js';
import { AuthLockout } from '../../media/rtsp/auth-lockout.js';
import { RtspConnection } from '../../media/rtsp/rtsp-connection.js';
import { RtspRequester } from '../../media/rtsp/rtsp-requester.js';
import { parseSdp } from '../../media/rtsp/sdp.js';
import { liveUrl } from './vendor-urls.js';

export interface VendorRtspCheck {
  vendor: VendorKind;
  host: string;
  /** Default 554. */
  rtspPort?: number;
  username?: string;
  password?: string;
  timeoutMs?: number;
}

export interface VendorRtspAnswer {
  url: string;
  codec?: 'h264' | 'h265';
}

const fail = (failure: string, message: string, code: 'unreachable' | 'timeout' | 'auth_failed' | 'protocol'): SkywallError => new SkywallError(code, message, { failure });

/** Resolves when channel 1's main stream describes a video track; rejects with params.failure naming what failed. */
export async function checkVendorRtsp(o: VendorRtspCheck): Promise<VendorRtspAnswer> {
  const timeoutMs = o.timeoutMs ?? 5000;
  const port = o.rtspPort ?? 554;
  const url = liveUrl(o.vendor, { host: o.host, channel: 1, ...(o.rtspPort ? { rtspPort: o.rtspPort } : {}) }, 'main');
  let conn: RtspConnection;
  try {
    conn = await RtspConnection.connect(o.host, port, timeoutMs, 'Skywall');
  } catch (e) {
    const code = isSkywallError(e) && e.code === 'timeout' ? 'timeout' : 'unreachable';
    throw fail(code, `${o.host}:${port}: ${isSkywallError(e) ? e.message : 'cannot connect'}`, code);
  }
  try {
    // A lockout of its own: the test sends at most one answer to the device's challenge.
    const requester = new RtspRequester(conn, { ...(o.username !== undefined ? { username: o.username } : {}), ...(o.password !== undefined ? { password: o.password } : {}) }, new AuthLockout(1), `test ${o.host}:${port}`);
    const answer = await requester.send('DESCRIBE', url, [['Accept', 'application/sdp']], timeoutMs);
    if (answer.status !== 200) throw fail('no_stream', `${o.host}:${port}: DESCRIBE of channel 1 answered ${answer.status}`, 'protocol');
    const video = parseSdp(new TextDecoder().decode(answer.body)).media.find((m) => m.type === 'video');
    if (!video) throw fail('no_stream', `${o.host}:${port}: channel 1 has no video track`, 'protocol');
    const encoding = [...video.rtpmap.values()].map((r) => r.encoding.toUpperCase());
    const codec = encoding.includes('H265') ? 'h265' : encoding.includes('H264') ? 'h264' : undefined;
    return { url, ...(codec ? { codec } : {}) };
  } catch (e) {
    if (isSkywallError(e) && typeof e.params?.failure === 'string') throw e;
    if (isSkywallError(e) && (e.code === 'auth_failed' || e.code === 'auth_locked')) throw fail('wrong_password', e.message, 'auth_failed');
    if (isSkywallError(e) && e.code === 'timeout') throw fail('timeout', e.message, 'timeout');
    if (isSkywallError(e) && e.code === 'unreachable') throw fail('unreachable', e.message, 'unreachable');
    throw fail('no_stream', `${o.host}:${port}: ${e instanceof Error ? e.message.slice(0, 200) : 'unexpected answer'}`, 'protocol');
  } finally {
    conn.close();
  }
}
