// Reads a pinned buffer range back as MP4 sample bytes, in order, in reads of up to 1 MiB of
// whole pictures (a fresh buffer each time: the writer holds on to what it was given).
import { open } from 'node:fs/promises';
import type { Mp4SampleInfo } from '../mux/sample-table.js';
import type { BufferedRange } from './replay-buffer.js';
import type { StoredSample } from './segment-store.js';

const READ_BYTES = 1024 * 1024;

export function rangeSamples(range: BufferedRange): StoredSample[] {
  return range.segments.flatMap(({ segment, from }) => segment.samples.slice(from));
}

export function rangeSampleInfos(range: BufferedRange): Mp4SampleInfo[] {
  return rangeSamples(range).map((s) => ({ dts90k: s.dts90k, pts90k: s.pts90k, keyframe: s.keyframe, size: s.size }));
}

export async function* readRange(range: BufferedRange): AsyncGenerator<Uint8Array> {
  for (const { segment, from } of range.segments) {
    const samples = segment.samples.slice(from);
    if (samples.length === 0) continue;
    const fh = await open(segment.file, 'r');
    try {
      let i = 0;
      while (i < samples.length) {
        let j = i;
        let bytes = 0;
        while (j < samples.length && (j === i || bytes + samples[j].size <= READ_BYTES)) bytes += samples[j++].size;
        const buf = Buffer.allocUnsafe(bytes);
        let got = 0;
        while (got < bytes) {
          const { bytesRead } = await fh.read(buf, got, bytes - got, samples[i].offset + got);
          if (bytesRead === 0) throw new Error(`segment ${segment.file} is shorter than its index`);
          got += bytesRead;
        }
        let o = 0;
        for (let k = i; k < j; k++) {
          yield buf.subarray(o, o + samples[k].size);
          o += samples[k].size;
        }
        i = j;
      }
    } finally {
      await fh.close();
    }
  }
}
