// A picture's bytes in the MP4: every NAL unit of the access unit as it came from the camera,
// each behind a 4-byte big-endian length (ISO/IEC 14496-15). Nothing is dropped or rewritten:
// the export carries the camera's own bitstream.
export function sampleSize(nalus: readonly Uint8Array[]): number {
  let n = 0;
  for (const nal of nalus) n += 4 + nal.length;
  return n;
}

export function sampleBytes(nalus: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(sampleSize(nalus));
  const view = new DataView(out.buffer);
  let o = 0;
  for (const nal of nalus) {
    view.setUint32(o, nal.length);
    out.set(nal, o + 4);
    o += 4 + nal.length;
  }
  return out;
}
