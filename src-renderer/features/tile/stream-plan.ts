// What a tile plays for a camera, in one round trip: the open carries this window's decoders
// and main answers with the plan (the stream as it is, its sub-stream, an H.264 re-encode) or
// dark with the reason.
import type { DarkReason, DecodeCapabilities, StreamFacts } from '@common/contract/stream.js';
import { canDecode, probeDecodeCaps } from '../../player/index.js';
import { openStream } from '../../services/streams.js';

export type StreamPlan = { kind: 'play'; facts: StreamFacts; transcoded: boolean } | { kind: 'dark'; reason: DarkReason };

let decode: DecodeCapabilities | undefined;

/** What this window decodes, asked of MSE once (it does not change while the window lives). */
function windowDecoders(): DecodeCapabilities {
  decode ??= { ...probeDecodeCaps(), aac: canDecode('mp4a.40.2') };
  return decode;
}

/** `transcode` asks for the re-encode when a stream of unknown codec proved undecodable after all. */
export async function planStream(cameraId: string, profile: 'main' | 'sub', options: { transcode: boolean; viewer?: string | undefined }): Promise<StreamPlan> {
  const answer = await openStream(cameraId, profile, windowDecoders(), { ...(options.transcode ? { transcode: true } : {}), ...(options.viewer ? { viewer: options.viewer } : {}) });
  if (answer.plan === 'dark') return { kind: 'dark', reason: answer.reason };
  return { kind: 'play', facts: answer, transcoded: answer.plan === 'transcode' };
}
