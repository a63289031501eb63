// The operator's connection test for an ONVIF device, and what adding one imports: a fresh
// connection (nothing cached), device information, clock offset, every video channel with its
// profiles, and one stream URI to prove the device really streams. Each failure is named:
// unreachable, timeout, wrong password, not ONVIF, no stream.
import { SkywallError, isSkywallError } from '../../common/model/errors.js';
import { STREAM_PROFILES } from '../../common/model/source-key.js';
import type { ChannelDescription } from '../adapter.js';
import { connectOnvif } from './onvif-device.js';
import { groupChannels } from './onvif-sessions.js';
import type { OnvifConnectOptions, OnvifDeviceInfo } from './onvif-types.js';

export type ConnectionFailure = 'unreachable' | 'timeout' | 'wrong_password' | 'not_onvif' | 'no_stream' | 'too_large';

export interface ProbedChannel extends ChannelDescription {
  /** The video source token: stored as the camera's externalId. */
  sourceToken: string;
  /** JPEG snapshot address of the channel's best profile, when the device offers one. */
  snapshotUri?: string;
}

export interface ProbedOnvifDevice {
  info: OnvifDeviceInfo;
  clockOffsetMs: number;
  channels: ProbedChannel[];
  /** JPEG snapshot address of the first channel, when the device offers one. */
  snapshotUri?: string;
}

/** The failure an error from the device stands for. */
export function connectionFailureOf(e: unknown): ConnectionFailure {
  if (!isSkywallError(e)) return 'not_onvif';
  if (e.code === 'auth_failed' || e.code === 'auth_locked') return 'wrong_password';
  if (e.code === 'unreachable') return 'unreachable';
  if (e.code === 'timeout') return 'timeout';
  if (e.params?.reason === 'too_large') return 'too_large';
  return 'not_onvif';
}

const failed = (failure: ConnectionFailure, message: string, cause?: unknown): SkywallError =>
  new SkywallError(failure === 'wrong_password' ? 'auth_failed' : failure === 'unreachable' || failure === 'timeout' ? failure : 'protocol', message, {
    failure,
    ...(isSkywallError(cause) && cause.params ? cause.params : {}),
  });

/** Connects with these credentials and reads the device; rejects with params.failure naming what failed. */
export async function probeOnvif(options: OnvifConnectOptions): Promise<ProbedOnvifDevice> {
  let dev;
  try {
    dev = await connectOnvif(options);
  } catch (e) {
    throw failed(connectionFailureOf(e), isSkywallError(e) ? e.message : 'not an ONVIF device', e);
  }
  try {
    const info = await dev.info();
    const channels = groupChannels(await dev.profiles());
    const first = channels[0]?.ranked[0];
    if (!first) throw failed('no_stream', `${options.host}:${options.port} has no video profile Skywall can play`);
    try {
      await dev.streamUri(first.token);
    } catch (e) {
      throw failed('no_stream', `${options.host}:${options.port} did not give a stream address`, e);
    }
    // Each channel's snapshot address (a device without the service answers none: not a failure).
    const snapshots: Array<string | undefined> = [];
    for (const ch of channels) snapshots.push(ch.ranked[0] ? await dev.snapshotUri(ch.ranked[0].token).catch(() => undefined) : undefined);
    const snapshotUri = snapshots[0];
    const base = info.model || info.manufacturer || options.host;
    return {
      info,
      clockOffsetMs: dev.clockOffsetMs,
      ...(snapshotUri ? { snapshotUri } : {}),
      channels: channels.map((ch, i) => ({
        id: ch.sourceToken || `video-${i + 1}`,
        sourceToken: ch.sourceToken,
        ...(snapshots[i] ? { snapshotUri: snapshots[i] } : {}),
        name: channels.length > 1 ? `${base} ${i + 1}` : base,
        ptz: dev.hasPtzService && ch.ranked.some((p) => p.hasPtz),
        profiles: ch.ranked.slice(0, STREAM_PROFILES.length).map((p, n) => ({ profile: STREAM_PROFILES[n]!, ...(p.codec ? { codec: p.codec } : {}), width: p.width, height: p.height })),
      })),
    };
  } catch (e) {
    if (isSkywallError(e) && e.params?.failure) throw e;
    throw failed(connectionFailureOf(e), isSkywallError(e) ? e.message : 'unexpected answer', e);
  } finally {
    dev.close();
  }
}
