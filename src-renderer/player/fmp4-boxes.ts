// Just enough ISO BMFF reading to steer the appender: is this an init segment, what is the
// track timescale, and for a fragment its decode time, duration and whether it starts with a
// keyframe. Reads only box headers and a few fields; never copies the media.

interface Box {
  type: string;
  /** Offset of the payload (after the header). */
  start: number;
  /** Offset one past the end of the box. */
  end: number;
}

function boxes(view: DataView, from: number, to: number): Box[] {
  const out: Box[] = [];
  let off = from;
  while (off + 8 <= to) {
    let size = view.getUint32(off);
    const type = String.fromCharCode(view.getUint8(off + 4), view.getUint8(off + 5), view.getUint8(off + 6), view.getUint8(off + 7));
    let header = 8;
    if (size === 1) {
      if (off + 16 > to) break;
      size = view.getUint32(off + 8) * 2 ** 32 + view.getUint32(off + 12);
      header = 16;
    } else if (size === 0) {
      size = to - off;
    }
    if (size < header || off + size > to) break; // truncated or corrupt: stop, caller decides
    out.push({ type, start: off + header, end: off + size });
    off += size;
  }
  return out;
}

function child(view: DataView, parent: Box, type: string): Box | undefined {
  return boxes(view, parent.start, parent.end).find((b) => b.type === type);
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** True when the message starts with ftyp or moov (an init segment), false for styp/moof. */
export function isInitSegment(bytes: Uint8Array): boolean {
  const top = boxes(viewOf(bytes), 0, bytes.byteLength);
  return top.some((b) => b.type === 'moov') && !top.some((b) => b.type === 'moof');
}

/** Timescale of the first track (moov/trak/mdia/mdhd), or null. */
export function readInitTimescale(bytes: Uint8Array): number | null {
  const view = viewOf(bytes);
  const moov = boxes(view, 0, bytes.byteLength).find((b) => b.type === 'moov');
  const trak = moov && child(view, moov, 'trak');
  const mdia = trak && child(view, trak, 'mdia');
  const mdhd = mdia && child(view, mdia, 'mdhd');
  if (!mdhd) return null;
  const version = view.getUint8(mdhd.start);
  // version 1: 8-byte creation and modification times; version 0: 4-byte.
  const at = mdhd.start + 4 + (version === 1 ? 16 : 8);
  if (at + 4 > mdhd.end) return null;
  const ts = view.getUint32(at);
  return ts > 0 ? ts : null;
}

export interface FragmentInfo {
  /** tfdt baseMediaDecodeTime of the first moof, track timescale units. */
  baseDecodeTime: number;
  /** Sum of sample durations over every moof in the message, timescale units (0 if unknown). */
  durationTicks: number;
  sampleCount: number;
  /** The first sample is a sync sample; null when neither trun nor tfhd carries sample flags (they are in trex then). */
  keyframe: boolean | null;
}

const TFHD_BASE_DATA_OFFSET = 0x01;
const TFHD_SAMPLE_DESCRIPTION_INDEX = 0x02;
const TFHD_DEFAULT_DURATION = 0x08;
const TFHD_DEFAULT_SIZE = 0x10;
const TFHD_DEFAULT_FLAGS = 0x20;
const TRUN_DATA_OFFSET = 0x01;
const TRUN_FIRST_FLAGS = 0x04;
const TRUN_DURATION = 0x100;
const TRUN_SIZE = 0x200;
const TRUN_FLAGS = 0x400;
const TRUN_CTS = 0x800;

/** Reads the fragment(s) in one message; null when there is no moof/traf/tfdt to read. */
export function readFragmentInfo(bytes: Uint8Array): FragmentInfo | null {
  const view = viewOf(bytes);
  let info: FragmentInfo | null = null;
  for (const moof of boxes(view, 0, bytes.byteLength)) {
    if (moof.type !== 'moof') continue;
    const traf = child(view, moof, 'traf');
    if (!traf) continue;
    const parts = boxes(view, traf.start, traf.end);
    const tfhd = parts.find((b) => b.type === 'tfhd');
    const tfdt = parts.find((b) => b.type === 'tfdt');
    const trun = parts.find((b) => b.type === 'trun');
    if (!tfhd || !tfdt || !trun) continue;
    const defaults = readTfhd(view, tfhd);
    const run = readTrun(view, trun, defaults);
    if (!info) {
      const version = view.getUint8(tfdt.start);
      const base = version === 1 ? view.getUint32(tfdt.start + 4) * 2 ** 32 + view.getUint32(tfdt.start + 8) : view.getUint32(tfdt.start + 4);
      info = { baseDecodeTime: base, durationTicks: 0, sampleCount: 0, keyframe: run.firstIsSync };
    }
    info.durationTicks += run.durationTicks;
    info.sampleCount += run.sampleCount;
  }
  return info;
}

interface TfhdDefaults {
  duration: number;
  flags: number | null;
}

function readTfhd(view: DataView, tfhd: Box): TfhdDefaults {
  const flags = view.getUint32(tfhd.start) & 0xffffff;
  let off = tfhd.start + 8; // version/flags + track_ID
  if (flags & TFHD_BASE_DATA_OFFSET) off += 8;
  if (flags & TFHD_SAMPLE_DESCRIPTION_INDEX) off += 4;
  let duration = 0;
  if (flags & TFHD_DEFAULT_DURATION) {
    duration = view.getUint32(off);
    off += 4;
  }
  if (flags & TFHD_DEFAULT_SIZE) off += 4;
  const defaultFlags = flags & TFHD_DEFAULT_FLAGS ? view.getUint32(off) : null;
  return { duration, flags: defaultFlags };
}

function readTrun(view: DataView, trun: Box, defaults: TfhdDefaults): { durationTicks: number; sampleCount: number; firstIsSync: boolean | null } {
  const flags = view.getUint32(trun.start) & 0xffffff;
  const sampleCount = view.getUint32(trun.start + 4);
  let off = trun.start + 8;
  if (flags & TRUN_DATA_OFFSET) off += 4;
  let firstFlags: number | null = null;
  if (flags & TRUN_FIRST_FLAGS) {
    firstFlags = view.getUint32(off);
    off += 4;
  }
  const perSample = (flags & TRUN_DURATION ? 4 : 0) + (flags & TRUN_SIZE ? 4 : 0) + (flags & TRUN_FLAGS ? 4 : 0) + (flags & TRUN_CTS ? 4 : 0);
  let durationTicks = 0;
  for (let i = 0; i < sampleCount && off + perSample <= trun.end; i++) {
    let f = off;
    if (flags & TRUN_DURATION) {
      durationTicks += view.getUint32(f);
      f += 4;
    } else {
      durationTicks += defaults.duration;
    }
    if (flags & TRUN_SIZE) f += 4;
    if (i === 0 && firstFlags === null && flags & TRUN_FLAGS) firstFlags = view.getUint32(f);
    off += perSample;
  }
  const sampleFlags = firstFlags ?? defaults.flags;
  return { durationTicks, sampleCount, firstIsSync: sampleFlags === null ? null : isSyncSample(sampleFlags) };
}

/** ISO 14496-12 sample_flags: is_non_sync_sample bit 16; sample_depends_on bits 24-25 (2 = depends on nothing). */
export function isSyncSample(sampleFlags: number): boolean {
  const nonSync = (sampleFlags >>> 16) & 0x1;
  const dependsOn = (sampleFlags >>> 24) & 0x3;
  return nonSync === 0 && dependsOn !== 1;
}
