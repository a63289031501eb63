import type { TrackInfo } from '../types.js';

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when a player set up for `a` can keep going with `b` (same codecs, parameter sets, size). */
export function sameTracks(a: TrackInfo, b: TrackInfo): boolean {
  const va = a.video;
  const vb = b.video;
  if (!!va !== !!vb) return false;
  if (va && vb) {
    if (va.codec !== vb.codec || va.width !== vb.width || va.height !== vb.height) return false;
    if (!sameBytes(va.sps, vb.sps) || !sameBytes(va.pps, vb.pps) || !sameBytes(va.vps, vb.vps)) return false;
  }
  const aa = a.audio;
  const ab = b.audio;
  if (!!aa !== !!ab) return false;
  if (aa && ab) return aa.codec === ab.codec && aa.sampleRate === ab.sampleRate && aa.channels === ab.channels && sameBytes(aa.config, ab.config);
  return true;
}
