// Everything of a progressive (non-fragmented) MP4 before the sample data: ftyp, a complete
// moov (fast start: players can begin before reading the whole file), and the mdat header.
// The sample table is known before any sample byte is written, so the file is produced in one
// sequential pass and can be hashed while it is written. One chunk per sample keeps the
// offsets trivial; files past 4 GiB get 64-bit offsets (co64) and a 64-bit mdat size.
import { BoxWriter } from '../../media/fmp4/box-writer.js';
import { decoderConfigRecord } from '../../media/fmp4/decoder-config.js';
import type { VideoTrackInfo } from '../../media/types.js';
import { TIMESCALE, runLengths, type SampleTable } from './sample-table.js';

const TRACK_ID = 1;
const UNITY_MATRIX = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000];
const U32_MAX = 0xffff_ffff;

function matrix(w: BoxWriter): void {
  for (const v of UNITY_MATRIX) w.u32(v);
}

/** mvhd/tkhd/mdhd times: version 1 (64-bit) only when the duration needs it. */
function times(w: BoxWriter, version: number, duration: number, timescale?: number, trackId?: number): void {
  const t = version === 1 ? (v: number) => w.u64(v) : (v: number) => w.u32(v);
  t(0);
  t(0); // creation, modification: left 0 (the metadata holds the real times)
  if (trackId !== undefined) w.u32(trackId).u32(0);
  if (timescale !== undefined) w.u32(timescale);
  t(duration);
}

function sampleEntry(w: BoxWriter, track: VideoTrackInfo): void {
  w.box(track.codec === 'h264' ? 'avc1' : 'hvc1');
  w.zeros(6).u16(1);
  w.u16(0).u16(0).zeros(12);
  w.u16(track.width).u16(track.height);
  w.u32(0x00480000).u32(0x00480000);
  w.u32(0).u16(1);
  w.zeros(32);
  w.u16(0x0018).i16(-1);
  w.box(track.codec === 'h264' ? 'avcC' : 'hvcC').bytes(decoderConfigRecord(track)).end();
  w.end();
}

function sampleTableBoxes(w: BoxWriter, track: VideoTrackInfo, table: SampleTable, offsets: number[], wide: boolean): void {
  w.box('stbl');
  w.box('stsd', 0).u32(1);
  sampleEntry(w, track);
  w.end();
  const stts = runLengths(table.durations);
  w.box('stts', 0).u32(stts.length);
  for (const [count, delta] of stts) w.u32(count).u32(delta);
  w.end();
  if (table.hasCompositionOffsets) {
    const ctts = runLengths(table.compositionOffsets);
    w.box('ctts', 1).u32(ctts.length);
    for (const [count, offset] of ctts) w.u32(count).u32(offset >>> 0);
    w.end();
  }
  if (table.syncSamples.length < table.sizes.length) {
    w.box('stss', 0).u32(table.syncSamples.length);
    for (const n of table.syncSamples) w.u32(n);
    w.end();
  }
  w.box('stsc', 0).u32(1).u32(1).u32(1).u32(1).end(); // every chunk holds one sample
  w.box('stsz', 0).u32(0).u32(table.sizes.length);
  for (const s of table.sizes) w.u32(s);
  w.end();
  w.box(wide ? 'co64' : 'stco', 0).u32(offsets.length);
  for (const o of offsets) {
    if (wide) w.u64(o);
    else w.u32(o);
  }
  w.end();
  w.end();
}

function buildHeader(track: VideoTrackInfo, table: SampleTable, offsets: number[], wide: boolean, largeMdat: boolean, mdatPayload: number): Uint8Array {
  const dur = table.duration90k;
  const v = dur > U32_MAX ? 1 : 0;
  const w = new BoxWriter(4096 + table.sizes.length * 20);
  w.box('ftyp').fourcc('isom').u32(512).fourcc('isom').fourcc('iso2').fourcc(track.codec === 'h264' ? 'avc1' : 'hvc1').fourcc('mp41').end();
  w.box('moov');
  w.box('mvhd', v);
  times(w, v, dur, TIMESCALE);
  w.u32(0x00010000).u16(0x0100).zeros(10);
  matrix(w);
  w.zeros(24).u32(TRACK_ID + 1);
  w.end();
  w.box('trak');
  w.box('tkhd', v, 0x000003);
  times(w, v, dur, undefined, TRACK_ID);
  w.zeros(8).u16(0).u16(0).u16(0).u16(0);
  matrix(w);
  w.u32(track.width * 0x10000).u32(track.height * 0x10000);
  w.end();
  w.box('mdia');
  w.box('mdhd', v);
  times(w, v, dur, TIMESCALE);
  w.u16(0x55c4).u16(0).end();
  w.box('hdlr', 0).u32(0).fourcc('vide').zeros(12).bytes(new TextEncoder().encode('VideoHandler\0')).end();
  w.box('minf');
  w.box('vmhd', 0, 1).u16(0).zeros(6).end();
  w.box('dinf').box('dref', 0).u32(1).box('url ', 0, 1).end().end().end();
  sampleTableBoxes(w, track, table, offsets, wide);
  w.end(); // minf
  w.end(); // mdia
  w.end(); // trak
  w.end(); // moov
  if (largeMdat) w.u32(1).fourcc('mdat').u64(16 + mdatPayload);
  else w.u32(8 + mdatPayload).fourcc('mdat');
  return w.finish();
}

/**
 * The header bytes for this sample table. The header's length depends on the offset width and
 * the offsets on the header's length, so it is built once to measure and once for real.
 */
export function mp4Header(track: VideoTrackInfo, table: SampleTable): Uint8Array {
  const mdatPayload = table.sizes.reduce((a, b) => a + b, 0);
  const largeMdat = 8 + mdatPayload > U32_MAX;
  const zeros = new Array<number>(table.sizes.length).fill(0);
  const probe = buildHeader(track, table, zeros, false, largeMdat, mdatPayload);
  const wide = probe.length + 8 * table.sizes.length + mdatPayload > U32_MAX;
  const headerLength = wide ? buildHeader(track, table, zeros, true, largeMdat, mdatPayload).length : probe.length;
  const offsets: number[] = [];
  let o = headerLength;
  for (const s of table.sizes) {
    offsets.push(o);
    o += s;
  }
  const header = buildHeader(track, table, offsets, wide, largeMdat, mdatPayload);
  if (header.length !== headerLength) throw new Error('MP4 header length changed between passes');
  return header;
}
