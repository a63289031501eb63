// A platform's channel as a stored camera. Names come from the platform, not the operator: one
// the display-name rule would refuse (control, bidi or zero-width characters, too long) is
// made fit rather than failing the whole import, and an empty one takes the channel id.
import { randomUUID } from 'node:crypto';
import { DISPLAY_NAME_MAX, displayNameProblem } from '../../common/contract/display-name.js';
import type { Camera } from '../../common/contract/index.js';
import { AREA_LEVELS } from '../../common/model/device.js';
import type { PlatformChannel } from '../../devices/platforms/platform-adapter.js';

/** A character the display-name rule refuses on its own (control, bidi, zero-width). */
function unfit(ch: string): boolean {
  const p = displayNameProblem(ch);
  return p === 'control' || p === 'bidi' || p === 'zero_width';
}

export function fitName(raw: string, fallback: string): string {
  const spaced = [...raw].map((ch) => (unfit(ch) ? ' ' : ch)).join('');
  const cleaned = [...spaced.replace(/\s+/g, ' ').trim()].slice(0, DISPLAY_NAME_MAX).join('').trim();
  if (cleaned && !displayNameProblem(cleaned)) return cleaned;
  return [...fallback].slice(0, DISPLAY_NAME_MAX).join('');
}

/** The platform's area under the operator's area for the platform, at most county/township/village/site. */
export function areaOf(platformArea: string[], channelArea: string[] | undefined): string[] | undefined {
  if (!channelArea?.length) return undefined;
  return [...platformArea, ...channelArea.map((a) => fitName(a, '-'))].slice(0, AREA_LEVELS.length);
}

export function cameraFromChannel(ch: PlatformChannel, platformArea: string[], newId: () => string = () => `cam-${randomUUID()}`): Camera {
  const area = areaOf(platformArea, ch.area);
  return {
    id: newId(),
    name: fitName(ch.name, ch.id),
    ptz: ch.ptz,
    sources: ch.profiles.map((p) => ({ profile: p.profile })),
    externalId: ch.id.slice(0, 128),
    ...(ch.subDevice ? { subDevice: { id: ch.subDevice.id.slice(0, 128), name: ch.subDevice.name.slice(0, 128) } } : {}),
    ...(area ? { area } : {}),
  };
}
