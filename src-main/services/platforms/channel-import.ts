// A platform's channel as a stored camera. Names come from the platform, not the operator: one
// the display-name rule would refuse (control, bidi or zero-width characters, too long) is
// made fit rather than failing the whole import, and an empty one takes the channel id.
// A refresh merges a new listing into the stored cameras by platform channel id: every camera
// keeps its id (walls point at it) and its name; new channels are added, gone ones are kept and
// counted, for the operator to remove (with confirmation) if they are gone for good.
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

export interface ChannelMerge {
  cameras: Camera[];
  added: number;
  updated: number;
  /** Stored cameras whose channel the platform no longer lists (kept as they are). */
  missing: number;
}

const channelKey = (externalId: string, subDeviceId: string | undefined) => `${subDeviceId ?? ''}\n${externalId}`;

export function mergeChannels(stored: readonly Camera[], listed: readonly PlatformChannel[], platformArea: string[], newId?: () => string): ChannelMerge {
  const byKey = new Map<string, number>();
  const byId = new Map<string, number[]>();
  stored.forEach((c, i) => {
    if (!c.externalId) return;
    byKey.set(channelKey(c.externalId, c.subDevice?.id), i);
    byId.set(c.externalId, [...(byId.get(c.externalId) ?? []), i]);
  });
  const cameras = [...stored];
  const seen = new Set<number>();
  let added = 0;
  let updated = 0;
  for (const ch of listed) {
    const fresh = cameraFromChannel(ch, platformArea, newId);
    // The same channel under the same platform device; else the one stored camera with that channel id (its NVR moved).
    const sameId = byId.get(fresh.externalId!) ?? [];
    const at = byKey.get(channelKey(fresh.externalId!, fresh.subDevice?.id)) ?? (sameId.length === 1 ? sameId[0] : undefined);
    if (at === undefined || seen.has(at)) {
      cameras.push(fresh);
      added++;
      continue;
    }
    seen.add(at);
    const old = stored[at]!;
    const { subDevice, area, ...kept } = old;
    const next: Camera = { ...kept, ptz: fresh.ptz, sources: fresh.sources, ...(fresh.subDevice ? { subDevice: fresh.subDevice } : subDevice ? { subDevice } : {}), ...(fresh.area ? { area: fresh.area } : area ? { area } : {}) };
    if (JSON.stringify(next) !== JSON.stringify(old)) updated++;
    cameras[at] = next;
  }
  const missing = stored.filter((c, i) => c.externalId && !seen.has(i)).length;
  return { cameras, added, updated, missing };
}
