// Test support: reads an export MP4 back two independent ways, to compare with the source
// access units. Our own reader walks moov's sample table; ffmpeg copies the stream out as
// Annex B with its mp4toannexb filter. ffprobe counts packets and decodes every frame.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

interface Box {
  type: string;
  start: number;
  body: number;
  end: number;
}

function boxes(buf: Buffer, from: number, to: number): Box[] {
  const out: Box[] = [];
  let o = from;
  while (o + 8 <= to) {
    let size = buf.readUInt32BE(o);
    const type = buf.toString('latin1', o + 4, o + 8);
    let body = o + 8;
    if (size === 1) {
      size = Number(buf.readBigUInt64BE(o + 8));
      body = o + 16;
    } else if (size === 0) size = to - o;
    out.push({ type, start: o, body, end: o + size });
    o += size;
  }
  return out;
}

function child(buf: Buffer, parent: Box, type: string): Box {
  const b = boxes(buf, parent.body, parent.end).find((x) => x.type === type);
  if (!b) throw new Error(`no ${type} in ${parent.type}`);
  return b;
}

/** Every sample of the first track, as the list of its NAL units (4-byte lengths). */
export async function readMp4Samples(file: string): Promise<Uint8Array[][]> {
  const buf = await readFile(file);
  const top = boxes(buf, 0, buf.length);
  const moov = top.find((b) => b.type === 'moov');
  if (!moov) throw new Error('no moov');
  const stbl = child(buf, child(buf, child(buf, child(buf, moov, 'trak'), 'mdia'), 'minf'), 'stbl');
  const stsz = child(buf, stbl, 'stsz');
  const count = buf.readUInt32BE(stsz.body + 8);
  const sizes = Array.from({ length: count }, (_, i) => buf.readUInt32BE(stsz.body + 12 + 4 * i));
  const co = boxes(buf, stbl.body, stbl.end).find((b) => b.type === 'stco' || b.type === 'co64')!;
  const chunks = buf.readUInt32BE(co.body + 4);
  const chunkOffsets = Array.from({ length: chunks }, (_, i) =>
    co.type === 'stco' ? buf.readUInt32BE(co.body + 8 + 4 * i) : Number(buf.readBigUInt64BE(co.body + 8 + 8 * i)),
  );
  const stsc = child(buf, stbl, 'stsc');
  const runs = Array.from({ length: buf.readUInt32BE(stsc.body + 4) }, (_, i) => ({
    firstChunk: buf.readUInt32BE(stsc.body + 8 + 12 * i),
    perChunk: buf.readUInt32BE(stsc.body + 12 + 12 * i),
  }));
  const samples: Uint8Array[][] = [];
  let s = 0;
  for (let c = 0; c < chunks; c++) {
    const perChunk = [...runs].reverse().find((r) => r.firstChunk <= c + 1)!.perChunk;
    let o = chunkOffsets[c];
    for (let k = 0; k < perChunk && s < count; k++, s++) {
      const end = o + sizes[s];
      const nalus: Uint8Array[] = [];
      for (let p = o; p < end; ) {
        const len = buf.readUInt32BE(p);
        nalus.push(new Uint8Array(buf.subarray(p + 4, p + 4 + len)));
        p += 4 + len;
      }
      samples.push(nalus);
      o = end;
    }
  }
  return samples;
}

/** Splits Annex B into NAL units (start codes and trailing zero bytes removed). */
export function splitAnnexB(data: Buffer): Buffer[] {
  const starts: Array<{ at: number; payload: number }> = [];
  for (let i = 0; i + 2 < data.length; i++) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1) {
      starts.push({ at: i > 0 && data[i - 1] === 0 ? i - 1 : i, payload: i + 3 });
      i += 2;
    }
  }
  return starts.map((s, k) => {
    let end = k + 1 < starts.length ? starts[k + 1].at : data.length;
    while (end > s.payload && data[end - 1] === 0) end--;
    return data.subarray(s.payload, end);
  });
}

/** ffmpeg -c copy with the mp4toannexb bitstream filter: the video stream as NAL units. */
export async function ffmpegAnnexBNalus(file: string, codec: 'h264' | 'h265'): Promise<Buffer[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'skywall-annexb-'));
  try {
    const out = path.join(dir, 'out.bin');
    const bsf = codec === 'h264' ? 'h264_mp4toannexb' : 'hevc_mp4toannexb';
    await run('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v:0', '-c', 'copy', '-bsf:v', bsf, '-f', codec === 'h264' ? 'h264' : 'hevc', out]);
    return splitAnnexB(await readFile(out));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface ProbedVideo {
  codec_name: string;
  width: number;
  height: number;
  nb_read_packets: string;
  nb_read_frames: string;
  duration: string;
}

/** ffprobe of the first video stream, counting packets and decoding every frame. */
export async function probeVideo(file: string): Promise<ProbedVideo> {
  const { stdout } = await run('ffprobe', [
    '-v', 'error', '-count_packets', '-count_frames', '-select_streams', 'v:0',
    '-show_entries', 'stream=codec_name,width,height,nb_read_packets,nb_read_frames,duration', '-of', 'json', file,
  ]);
  return (JSON.parse(stdout) as { streams: ProbedVideo[] }).streams[0];
}

/** Presentation times (seconds) of the first video stream's packets, as ffprobe reads them. */
export async function probePacketTimes(file: string): Promise<number[]> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file], { maxBuffer: 64 * 1024 * 1024 });
  return stdout.split('\n').filter((l) => l.trim() !== '').map(Number);
}
