// Checks what the `onvif` library hands back from the device. Its parser turns "1" into 1,
// "true" into true and ISO times into Date, and unwraps one-element lists, so text fields are
// coerced back to strings and lists accept a single object.

import { z } from 'zod';
import type { OnvifCodec, OnvifDeviceInfo, OnvifProfile, PtzMoveState, PtzPreset, PtzStatus, PtzVector } from './onvif-types.js';

const text = z.union([z.string(), z.number(), z.boolean(), z.date()]).transform((v) => (v instanceof Date ? v.toISOString() : String(v)));
const num = z.union([z.number(), z.string()]).transform(Number).pipe(z.number().finite());
const listOf = <T extends z.ZodType>(item: T) => z.union([z.array(item), item.transform((v) => [v])]);

const DeviceInformation = z.object({
  manufacturer: text.optional(),
  model: text.optional(),
  firmwareVersion: text.optional(),
  serialNumber: text.optional(),
  hardwareId: text.optional(),
});

export function parseDeviceInfo(value: unknown): OnvifDeviceInfo {
  const d = DeviceInformation.parse(value ?? {});
  return {
    manufacturer: d.manufacturer ?? '',
    model: d.model ?? '',
    firmwareVersion: d.firmwareVersion ?? '',
    serialNumber: d.serialNumber ?? '',
    hardwareId: d.hardwareId ?? '',
  };
}

const Profile = z.object({
  $: z.object({ token: text }),
  name: text.optional(),
  videoEncoderConfiguration: z
    .object({
      encoding: text,
      resolution: z.object({ width: num, height: num }),
    })
    .optional(),
  PTZConfiguration: z.unknown().optional(),
  videoSourceConfiguration: z.object({ sourceToken: text.optional() }).optional(),
});

export function codecOf(encoding: string): OnvifCodec | null {
  const e = encoding.toUpperCase();
  if (e === 'H264') return 'h264';
  if (e === 'H265' || e === 'HEVC') return 'h265';
  return null;
}

export function parseProfiles(value: unknown): OnvifProfile[] {
  const out: OnvifProfile[] = [];
  for (const p of listOf(Profile).parse(value ?? [])) {
    const enc = p.videoEncoderConfiguration;
    if (!enc) continue;
    const encoding = enc.encoding.toUpperCase();
    out.push({
      token: p.$.token,
      name: p.name ?? p.$.token,
      encoding,
      codec: codecOf(encoding),
      width: enc.resolution.width,
      height: enc.resolution.height,
      hasPtz: p.PTZConfiguration !== undefined && p.PTZConfiguration !== null && p.PTZConfiguration !== '',
      ...(p.videoSourceConfiguration?.sourceToken ? { sourceToken: p.videoSourceConfiguration.sourceToken } : {}),
    });
  }
  return out;
}

export function parseUri(value: unknown, schemes: RegExp): string {
  const uri = z.object({ uri: text }).parse(value).uri.trim();
  if (!schemes.test(uri)) throw new Error('unexpected URI scheme');
  return uri;
}

const Attrs = z.object({ $: z.object({ x: num, y: num.optional() }) });
const Position = z.object({ panTilt: Attrs.optional(), zoom: Attrs.optional() });

function vectorOf(p: z.infer<typeof Position> | undefined): PtzVector | null {
  if (!p || (!p.panTilt && !p.zoom)) return null;
  return { x: p.panTilt?.$.x ?? 0, y: p.panTilt?.$.y ?? 0, zoom: p.zoom?.$.x ?? 0 };
}

const Preset = z.object({ $: z.object({ token: text }), name: text.optional(), PTZPosition: Position.optional() });

/** `byToken`: the library's Cam#presets map, filled by getPresets. */
export function parsePresets(byToken: unknown): PtzPreset[] {
  const presets = z.record(z.string(), Preset).parse(byToken ?? {});
  return Object.values(presets).map((p) => ({ token: p.$.token, name: p.name ?? '', position: vectorOf(p.PTZPosition) }));
}

const MoveStatus = z.union([z.object({ panTilt: text.optional(), zoom: text.optional() }), text]).optional();
const Status = z.object({
  position: z.object({ x: num, y: num, zoom: num }),
  moveStatus: MoveStatus,
});

function moveState(v: string | undefined): PtzMoveState {
  const s = v?.toUpperCase();
  if (s === 'IDLE') return 'idle';
  if (s === 'MOVING') return 'moving';
  return 'unknown';
}

export function parseStatus(value: unknown): PtzStatus {
  const s = Status.parse(value);
  const ms = s.moveStatus;
  const pt = typeof ms === 'string' ? ms : ms?.panTilt;
  const zm = typeof ms === 'string' ? ms : ms?.zoom;
  return { position: s.position, panTilt: moveState(pt), zoom: moveState(zm) };
}

/** SetPreset answer in the library's raw (not flattened) form: [{ setPresetResponse: [{ presetToken: ['1'] }] }]. */
export function parseSetPresetToken(value: unknown): string {
  const raw = z
    .array(z.object({ setPresetResponse: z.array(z.object({ presetToken: z.array(z.union([text, z.object({ _: text })])) })) }))
    .parse(value);
  const t = raw[0].setPresetResponse[0].presetToken[0];
  return typeof t === 'string' ? t : t._;
}
