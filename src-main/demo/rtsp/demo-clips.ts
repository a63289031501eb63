// Loads the committed demo clips (assets/demo/clips.json + Annex-B files) into access units
// that the RTSP server loops. Made by build/make-demo-clips.sh.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SkywallError } from '../../common/model/errors.js';
import type { VideoCodec } from '../../media/types.js';
import { readAnnexBAccessUnits, type AnnexBAccessUnit } from './annexb.js';
import { findParameterSets, type ParameterSets } from './nal-units.js';

export type DemoClipId = 'h264' | 'h265';

const ClipsManifest = z.object({
  clips: z.array(
    z.object({
      id: z.enum(['h264', 'h265']),
      file: z.string().min(1),
      codec: z.enum(['h264', 'h265']),
      fps: z.number().positive(),
      width: z.number().int().positive(),
      height: z.number().int().positive(),
      frames: z.number().int().positive(),
      gop: z.number().int().positive().optional(),
    }),
  ),
});

export interface DemoClip {
  id: DemoClipId;
  codec: VideoCodec;
  fps: number;
  width: number;
  height: number;
  /** One loop of pictures; units[0] is a keyframe carrying parameter sets. */
  units: AnnexBAccessUnit[];
  params: ParameterSets;
}

/** Reads every clip listed in `<assetsDir>/demo/clips.json`. */
export async function loadDemoClips(assetsDir: string): Promise<Map<DemoClipId, DemoClip>> {
  const manifestPath = path.join(assetsDir, 'demo', 'clips.json');
  let manifestText: string;
  try {
    manifestText = await readFile(manifestPath, 'utf8');
  } catch (e) {
    throw new SkywallError('not_found', `demo clip manifest not readable at ${manifestPath}: ${(e as Error).message}`);
  }
  const parsed = ClipsManifest.safeParse(JSON.parse(manifestText));
  if (!parsed.success) throw new SkywallError('bad_payload', `demo clip manifest ${manifestPath} is malformed: ${parsed.error.message}`);

  const clips = new Map<DemoClipId, DemoClip>();
  for (const entry of parsed.data.clips) {
    const file = path.join(assetsDir, 'demo', entry.file);
    const bytes = new Uint8Array(await readFile(file));
    const units = readAnnexBAccessUnits(entry.codec, bytes);
    if (units.length !== entry.frames) {
      throw new SkywallError('bad_payload', `demo clip ${file} has ${units.length} pictures, clips.json says ${entry.frames}`);
    }
    if (!units[0]?.keyframe) throw new SkywallError('bad_payload', `demo clip ${file} does not start with a keyframe`);
    const params = findParameterSets(entry.codec, units[0].nalus);
    if (!params) throw new SkywallError('bad_payload', `demo clip ${file} has no parameter sets before its first keyframe`);
    clips.set(entry.id, { id: entry.id, codec: entry.codec, fps: entry.fps, width: entry.width, height: entry.height, units, params });
  }
  return clips;
}

/**
 * Shortens a clip to at most `maxFrames` pictures, cutting just before a keyframe so the loop
 * stays decodable (closed GOPs). Used by tests to reach a loop boundary quickly.
 */
export function truncateClip(clip: DemoClip, maxFrames: number): DemoClip {
  if (maxFrames >= clip.units.length) return clip;
  let cut = 0;
  for (let i = 1; i <= maxFrames && i < clip.units.length; i++) if (clip.units[i].keyframe) cut = i;
  if (cut === 0) throw new SkywallError('bad_payload', `cannot shorten clip ${clip.id} to ${maxFrames} frames: no keyframe boundary within that length`);
  return { ...clip, units: clip.units.slice(0, cut) };
}
