// Recorder playback for ONVIF devices (an NVR, or a camera with its own storage): a stored
// camera's recording is the one whose source is the camera's video source token; where the
// recorder names its sources otherwise, the recording at the channel's position when there is
// one recording per channel. The replay address gets the device's credentials beside it and
// is asked ONVIF-style (`Require: onvif-replay`, `Range: clock=` in the recorder's clock, which
// is why the clock offset is measured at each export).
import { SkywallError } from '../../common/model/errors.js';
import type { DeviceHandle, LiveSource } from '../device-handle.js';
import type { ChannelRef } from '../device-handle.js';
import type { ChannelTarget, PlaybackCapability } from '../capabilities.js';
import type { OnvifChannel, OnvifSessions } from './onvif-sessions.js';
import type { OnvifDevice, OnvifProfile, OnvifRecording } from './onvif-types.js';

export interface OnvifPlaybackHelpers {
  /** The device channel a stored camera shows. */
  channelOf(sessions: OnvifSessions, device: DeviceHandle, channel: ChannelRef): Promise<OnvifChannel>;
  /** A device's RTSP address as a source, credentials from the vault. */
  rtspSource(uri: string, device: DeviceHandle, codec: OnvifProfile['codec'], cameraId: string): Promise<LiveSource>;
}

/** The recording of a channel among the recorder's, or undefined. */
export function recordingOfChannel(recordings: OnvifRecording[], channels: OnvifChannel[], channel: OnvifChannel): OnvifRecording | undefined {
  const video = recordings.filter((r) => r.hasVideo);
  const bySource = channel.sourceToken !== '' ? video.find((r) => r.sourceId === channel.sourceToken) : undefined;
  if (bySource) return bySource;
  const named = new Set(channels.map((c) => c.sourceToken).filter((t) => t !== ''));
  if (video.some((r) => named.has(r.sourceId))) return undefined; // the recorder names sources: this channel has none
  return video.length === channels.length ? video[channels.indexOf(channel)] : undefined;
}

export function onvifPlayback(sessions: OnvifSessions, helpers: OnvifPlaybackHelpers): PlaybackCapability {
  const recordingOf = async (target: ChannelTarget): Promise<{ dev: OnvifDevice; recording: OnvifRecording; channel: OnvifChannel }> => {
    const { cameraId } = target.channel;
    const dev = await sessions.device(target.device);
    if (!dev.playback.available) throw new SkywallError('not_found', 'this ONVIF device keeps no recordings (no Recording and Replay services)', { cameraId, reason: 'no_playback' });
    const channel = await helpers.channelOf(sessions, target.device, target.channel);
    const recording = recordingOfChannel(await dev.playback.recordings(), await sessions.channels(target.device), channel);
    if (!recording) throw new SkywallError('not_found', 'the recorder keeps no recording of this camera', { cameraId, reason: 'no_recording' });
    return { dev, recording, channel };
  };
  return {
    async recordings(target, range) {
      const { dev, recording } = await recordingOf(target);
      const span = await dev.playback.recordingSpan(recording.token);
      if (!span) return [];
      // The recorder's times, back in the workstation's clock.
      const offset = await dev.playback.clockOffsetMs();
      const from = Math.max(range.from, span.from - offset);
      const to = Math.min(range.to, span.to - offset);
      return to > from ? [{ from, to }] : [];
    },
    async replaySource(target) {
      const { dev, recording, channel } = await recordingOf(target);
      const uri = await dev.playback.replayUri(recording.token);
      const source = await helpers.rtspSource(uri, target.device, channel.ranked[0]?.codec ?? null, target.channel.cameraId);
      return { ...source, replay: { onvif: true, spanInUrl: false } };
    },
    clockOffsetMs: async (target) => (await sessions.device(target.device)).playback.clockOffsetMs(),
  };
}
