// The identity of one pulled stream: which camera, which of its stream profiles, and whether it
// is the camera's own bitstream or a re-encode made from it. The hub keys its sources by the
// text form; everything else builds and reads keys only through these functions.

/** A device channel's streams, best first: main, sub (smaller), third (smallest, where offered). */
export const STREAM_PROFILES = ['main', 'sub', 'third'] as const;
export type ChannelProfile = (typeof STREAM_PROFILES)[number];

/** `direct`: the camera's stream as it is. `x264`: that stream re-encoded to H.264 in the main process. */
export const SOURCE_VARIANTS = ['direct', 'x264'] as const;
export type SourceVariant = (typeof SOURCE_VARIANTS)[number];

export interface SourceKey {
  cameraId: string;
  profile: ChannelProfile;
  variant: SourceVariant;
}

/** Camera ids never contain `/` (contract Id), so it separates the parts unambiguously. */
const SEP = '/';
const CAMERA_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

export function sourceKey(cameraId: string, profile: ChannelProfile, variant: SourceVariant = 'direct'): SourceKey {
  return { cameraId, profile, variant };
}

/** `cam-1/main` for the camera's own stream, `cam-1/main/x264` for its H.264 re-encode. */
export function formatSourceKey(k: SourceKey): string {
  const base = `${k.cameraId}${SEP}${k.profile}`;
  return k.variant === 'direct' ? base : `${base}${SEP}${k.variant}`;
}

/** The inverse of formatSourceKey; undefined for text it did not make. */
export function parseSourceKey(text: string): SourceKey | undefined {
  const parts = text.split(SEP);
  if (parts.length < 2 || parts.length > 3) return undefined;
  const [cameraId, profile, variant = 'direct'] = parts as [string, string, string?];
  if (!CAMERA_ID.test(cameraId)) return undefined;
  if (!(STREAM_PROFILES as readonly string[]).includes(profile)) return undefined;
  if (variant === 'direct' && parts.length === 3) return undefined; // one spelling per key
  if (!(SOURCE_VARIANTS as readonly string[]).includes(variant)) return undefined;
  return { cameraId, profile: profile as ChannelProfile, variant: variant as SourceVariant };
}

/** The stream a variant is made from (a re-encode reads the camera's own stream). */
export function directKeyOf(k: SourceKey): SourceKey {
  return { ...k, variant: 'direct' };
}
