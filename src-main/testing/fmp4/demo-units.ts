// Test and benchmark support (not used at runtime): the demo clips as VideoAccessUnits.
// Reads assets/demo/demo-<codec>.<codec>; when that file is missing, encodes a short
// Annex-B clip with ffmpeg into a temporary directory instead.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { videoTrackInfo } from '../../media/codec/index.js';
import { resolveAssetsDir } from '../../demo/assets-dir.js';
import { readAnnexBAccessUnits } from '../../demo/rtsp/annexb.js';
import { findParameterSets } from '../../demo/rtsp/nal-units.js';
import type { VideoAccessUnit, VideoCodec, VideoTrackInfo } from '../../media/types.js';

const run = promisify(execFile);

export interface DemoClip {
  track: VideoTrackInfo;
  /** Access units with 25 fps timestamps from 0. */
  units: VideoAccessUnit[];
  /** The Annex-B file read. */
  path: string;
}

function findAssets(): string | undefined {
  try {
    return join(resolveAssetsDir(), 'demo');
  } catch {
    return undefined; // no assets folder: encode a clip instead
  }
}

async function encodeFallback(codec: VideoCodec): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'skywall-clip-'));
  const path = join(dir, `clip.${codec}`);
  const enc = codec === 'h264' ? ['-c:v', 'libx264', '-bf', '0'] : ['-c:v', 'libx265', '-x265-params', 'log-level=error:bframes=0'];
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25', '-frames:v', '100', '-g', '25', ...enc, '-f', codec === 'h264' ? 'h264' : 'hevc', path]);
  return path;
}

export async function loadDemoClip(codec: VideoCodec, frameDuration90k = 3600): Promise<DemoClip> {
  const assets = findAssets();
  const asset = assets ? join(assets, `demo-${codec}.${codec}`) : undefined;
  const path = asset && existsSync(asset) ? asset : await encodeFallback(codec);
  const data = new Uint8Array(await readFile(path));
  if (path !== asset) await rm(dirname(path), { recursive: true, force: true });
  const groups = readAnnexBAccessUnits(codec, data);
  const ps = findParameterSets(codec, groups.flatMap((g) => g.nalus));
  if (!ps) throw new Error(`no parameter sets in ${path}`);
  const track = videoTrackInfo(codec, ps);
  const units = groups.map((g, i): VideoAccessUnit => ({
    kind: 'video',
    codec,
    nalus: g.nalus,
    pts90k: i * frameDuration90k,
    dts90k: i * frameDuration90k,
    keyframe: g.keyframe,
    receivedAt: 0,
  }));
  return { track, units, path };
}
