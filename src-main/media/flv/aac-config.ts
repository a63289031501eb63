// AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1): the sample rate and channel count an FLV AAC
// sequence header announces. Only the leading fields are read; the record is passed on whole.
import { SkywallError } from '../../common/model/errors.js';
import type { AudioTrackInfo } from '../types.js';

const SAMPLE_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

class Bits {
  private bit = 0;
  constructor(private readonly b: Uint8Array) {}

  read(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const byte = this.b[this.bit >> 3];
      if (byte === undefined) throw new SkywallError('protocol', 'AAC AudioSpecificConfig ends early');
      v = v * 2 + ((byte >> (7 - (this.bit & 7))) & 1);
      this.bit++;
    }
    return v;
  }
}

export function aacTrackInfo(config: Uint8Array): AudioTrackInfo {
  const bits = new Bits(config);
  if (bits.read(5) === 31) bits.read(6); // escaped audio object type: not needed, only skipped
  const index = bits.read(4);
  const sampleRate = index === 15 ? bits.read(24) : SAMPLE_RATES[index];
  const channels = bits.read(4);
  if (!sampleRate) throw new SkywallError('protocol', `AAC sample rate index ${index} is reserved`);
  return { codec: 'aac', sampleRate, channels: channels || 2, config: config.slice() };
}
