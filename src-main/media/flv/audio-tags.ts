// FLV audio tags for AAC (SoundFormat 10). The SoundRate/SoundSize/SoundType bits are fixed
// at 44 kHz / 16-bit / stereo for AAC (FLV spec); decoders take the real values from the
// AudioSpecificConfig in the sequence header. G.711 is not carried: FLV's SoundFormat 7/8
// exist but mpegts.js and MSE cannot play them.
import { TAG_AUDIO, TAG_HEADER_SIZE, allocTag } from './flv-tags.js';

const AAC_SOUND_BYTE = (10 << 4) | (3 << 2) | (1 << 1) | 1;

function aacTag(packetType: number, data: Uint8Array, timestampMs: number): Buffer {
  const b = allocTag(TAG_AUDIO, 2 + data.length, timestampMs);
  b[TAG_HEADER_SIZE] = AAC_SOUND_BYTE;
  b[TAG_HEADER_SIZE + 1] = packetType;
  b.set(data, TAG_HEADER_SIZE + 2);
  return b;
}

/** AAC sequence header: the AudioSpecificConfig. */
export function aacSequenceHeaderTag(audioSpecificConfig: Uint8Array, timestampMs: number): Buffer {
  return aacTag(0, audioSpecificConfig, timestampMs);
}

/** One raw AAC frame (no ADTS header). */
export function aacFrameTag(frame: Uint8Array, timestampMs: number): Buffer {
  return aacTag(1, frame, timestampMs);
}
