// Test fixture (node only): a real per-frame fragmented MP4 made by ffmpeg, split the way the
// gateway sends it (init, then one moof+mdat per message), with ffprobe's packet list to compare.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PerFrameMp4 {
  init: Uint8Array;
  fragments: Uint8Array[];
  probed: { dts: number; key: boolean; duration: number }[];
}

function split(file: Uint8Array): { init: Uint8Array; fragments: Uint8Array[] } {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const top: { type: string; start: number; end: number }[] = [];
  for (let off = 0; off < file.byteLength; ) {
    const size = view.getUint32(off);
    top.push({ type: String.fromCharCode(...file.subarray(off + 4, off + 8)), start: off, end: off + size });
    off += size;
  }
  const moovEnd = top.find((b) => b.type === 'moov')!.end;
  const fragments: Uint8Array[] = [];
  for (let i = 0; i < top.length; i++) {
    if (top[i]!.type === 'moof') fragments.push(file.subarray(top[i]!.start, top[i + 1]!.end));
  }
  return { init: file.subarray(0, moovEnd), fragments };
}

/** `frames` H.264 frames at 25 fps, keyframe every `gop`, 90 kHz timescale. */
export function makePerFrameMp4(frames: number, gop: number): PerFrameMp4 {
  const dir = mkdtempSync(join(tmpdir(), 'sw-fmp4-'));
  try {
    const out = join(dir, 'per-frame.mp4');
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25', '-frames:v', String(frames), '-c:v', 'libx264', '-g', String(gop), '-bf', '0', '-video_track_timescale', '90000', '-movflags', 'empty_moov+default_base_moof+frag_every_frame', '-f', 'mp4', out]);
    const json = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=dts,duration,flags', '-of', 'json', out], { encoding: 'utf8' });
    const packets = (JSON.parse(json) as { packets: { dts: number; duration: number; flags: string }[] }).packets;
    return { ...split(new Uint8Array(readFileSync(out))), probed: packets.map((p) => ({ dts: p.dts, duration: p.duration, key: p.flags.includes('K') })) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
