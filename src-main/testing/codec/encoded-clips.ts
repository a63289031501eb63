// Test support (not used at runtime): encodes small clips with ffmpeg and reads ffprobe/MP4
// facts about them, so parser tests compare against an independent implementation.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ClipSpec {
  name: string;
  codec: 'h264' | 'h265';
  size: string;
  /** extra ffmpeg output options (profile, pixel format, interlacing...) */
  options: string[];
}

/** Encodes `frames` frames of a test pattern to a raw Annex-B file; returns its path. */
export async function encodeClip(dir: string, spec: ClipSpec, frames = 5): Promise<string> {
  const path = join(dir, `${spec.name}.${spec.codec}`);
  const encoder = spec.codec === 'h264' ? ['-c:v', 'libx264'] : ['-c:v', 'libx265', '-x265-params', 'log-level=error'];
  await run('ffmpeg', [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${spec.size}:rate=25`,
    '-frames:v', String(frames), ...encoder, ...spec.options, '-f', spec.codec === 'h264' ? 'h264' : 'hevc', path,
  ]);
  return path;
}

export interface ProbeFacts {
  width: number;
  height: number;
  profile: string;
  level: number;
  frames?: number;
}

export async function probe(path: string, countFrames = false): Promise<ProbeFacts> {
  const args = ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height,profile,level,nb_read_frames', '-of', 'json'];
  if (countFrames) args.push('-count_frames');
  const { stdout } = await run('ffprobe', [...args, path]);
  const s = JSON.parse(stdout).streams[0];
  return { width: s.width, height: s.height, profile: s.profile, level: s.level, frames: s.nb_read_frames ? Number(s.nb_read_frames) : undefined };
}

/** Remuxes a raw stream into MP4 with ffmpeg and returns ffmpeg's avcC/hvcC box payload. */
export async function ffmpegDecoderConfig(dir: string, rawPath: string, codec: 'h264' | 'h265'): Promise<Uint8Array> {
  const mp4 = join(dir, `${codec}-${Date.now()}-${Math.random().toString(36).slice(2)}.mp4`);
  await run('ffmpeg', ['-v', 'error', '-y', '-f', codec === 'h264' ? 'h264' : 'hevc', '-r', '25', '-i', rawPath, '-c', 'copy', '-tag:v', codec === 'h264' ? 'avc1' : 'hvc1', mp4]);
  const data = new Uint8Array(await readFile(mp4));
  const fourcc = codec === 'h264' ? 'avcC' : 'hvcC';
  const tag = [...fourcc].map((c) => c.charCodeAt(0));
  for (let i = 4; i + 4 <= data.length; i++) {
    if (data[i] === tag[0] && data[i + 1] === tag[1] && data[i + 2] === tag[2] && data[i + 3] === tag[3]) {
      const size = new DataView(data.buffer, data.byteOffset + i - 4, 4).getUint32(0);
      return data.slice(i + 4, i - 4 + size);
    }
  }
  throw new Error(`${fourcc} box not found in ffmpeg output`);
}
