// An export MP4 as a byte source for the safe writer: its exact size and sample table are
// known up front, its bytes come in one sequential pass (header, then each picture in order).
import type { VideoAccessUnit, VideoTrackInfo } from '../../media/types.js';
import { mp4Header } from './mp4-header.js';
import { sampleBytes, sampleSize } from './sample-bytes.js';
import { buildSampleTable, TIMESCALE, type Mp4SampleInfo, type SampleTable } from './sample-table.js';

export interface Mp4Clip {
  size: number;
  table: SampleTable;
  track: VideoTrackInfo;
  content(): AsyncIterable<Uint8Array>;
}

/**
 * `payloads()` must yield each sample's bytes (sampleBytes()) in order, as announced in
 * `samples`; a sample of another size stops the export rather than writing a broken file.
 */
export function muxMp4(track: VideoTrackInfo, samples: Mp4SampleInfo[], payloads: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Mp4Clip {
  const table = buildSampleTable(samples);
  const header = mp4Header(track, table);
  const size = header.length + table.sizes.reduce((a, b) => a + b, 0);
  return {
    size,
    table,
    track,
    async *content() {
      yield header;
      let i = 0;
      for await (const bytes of payloads()) {
        if (i >= table.sizes.length || bytes.length !== table.sizes[i]) {
          throw new Error(`sample ${i} has ${bytes.length} bytes, the table says ${table.sizes[i] ?? 'none'}`);
        }
        yield bytes;
        i++;
      }
      if (i !== table.sizes.length) throw new Error(`only ${i} of ${table.sizes.length} samples arrived`);
    },
  };
}

export function sampleInfo(au: VideoAccessUnit): Mp4SampleInfo {
  return { dts90k: au.dts90k, pts90k: au.pts90k, keyframe: au.keyframe, size: sampleSize(au.nalus) };
}

/** Access units already in memory (short clips, tests). */
export function muxAccessUnits(track: VideoTrackInfo, units: VideoAccessUnit[]): Mp4Clip {
  return muxMp4(track, units.map(sampleInfo), function* () {
    for (const au of units) yield sampleBytes(au.nalus);
  });
}

/** Gaps as UTC times, given the wall-clock time (ms) of the first picture. */
export function gapsUtc(table: SampleTable, firstPictureMs: number): Array<{ startUtc: string; endUtc: string; durationMs: number }> {
  return table.gaps.map((g) => {
    const start = firstPictureMs + (g.start90k * 1000) / TIMESCALE;
    const end = firstPictureMs + (g.end90k * 1000) / TIMESCALE;
    return { startUtc: new Date(start).toISOString(), endUtc: new Date(end).toISOString(), durationMs: Math.round(end - start) };
  });
}
