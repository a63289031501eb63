// Pictures Skywall can carry to a player. The bounds are the largest pictures of the highest
// levels of both standards (H.264 level 6.2 and H.265 level 6.2: 8192x4320, 35,651,584 luma
// samples, no side over 8192 pixels in practice); a camera claiming more is misconfigured or
// lying, and no browser decoder would take it. Reconnecting cannot fix that, so the source
// reports "unsupported format" instead.
import { SkywallError } from '../../common/model/errors.js';
import type { VideoTrackInfo } from '../types.js';

export const MAX_PICTURE_SIDE = 8192;
export const MAX_LUMA_SAMPLES = 35_651_584;

/** Throws SkywallError unsupported_format (params.reason 'resolution') if the picture is out of bounds. */
export function checkSupportedPicture(info: Pick<VideoTrackInfo, 'codec' | 'width' | 'height'>): void {
  const { width, height } = info;
  if (width >= 1 && height >= 1 && width <= MAX_PICTURE_SIDE && height <= MAX_PICTURE_SIDE && width * height <= MAX_LUMA_SAMPLES) return;
  throw new SkywallError('unsupported_format', `${info.codec} picture ${width}x${height} is outside what can be shown (at most ${MAX_PICTURE_SIDE} pixels a side, ${MAX_LUMA_SAMPLES} pixels)`, {
    reason: 'resolution',
    width,
    height,
  });
}
