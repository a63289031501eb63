// The "by address" form: a device reached at host and port, by ONVIF or by a vendor's rules,
// with credentials and where it stands. ONVIF and Hikvision (ISAPI) devices name their channels
// themselves; a Dahua or Uniview device gets the number of channels the operator enters (1 for a camera).
import { DeviceInput } from '@common/contract/devices.js';
import { AREA_LEVELS, type AreaPath } from '@common/model/device.js';
import type { MessageKey, Params } from '../../i18n/translate.js';

export const ADDRESS_KINDS = ['onvif', 'hikvision', 'dahua', 'uniview'] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];

export interface AddressForm {
  kind: AddressKind;
  name: string;
  host: string;
  port: string;
  username: string;
  password: string;
  /** Dahua and Uniview only: how many channels (cameras) it has. */
  channels: string;
  /** Vendor devices only: where their RTSP service listens when not on 554 (blank: 554). */
  rtspPort: string;
  area: string[];
}

export type AddressField = Exclude<keyof AddressForm, 'area'> | `area.${number}`;

export const EMPTY_ADDRESS: AddressForm = { kind: 'onvif', name: '', host: '', port: '80', username: 'admin', password: '', channels: '1', rtspPort: '', area: ['', '', '', ''] };

export type AddressResult = { ok: true; input: DeviceInput } | { ok: false; field: AddressField; error: MessageKey; params?: Params };

export const MAX_VENDOR_CHANNELS = 256;
const HOST = /^[A-Za-z0-9.:[\]_-]{1,255}$/;

/** The area path typed into the four level fields: empty levels at the end are left out, a gap is refused. */
export function areaPathOf(levels: string[]): { ok: true; area: AreaPath } | { ok: false; level: number } {
  const trimmed = levels.slice(0, AREA_LEVELS.length).map((l) => l.trim());
  let last = trimmed.length - 1;
  while (last >= 0 && trimmed[last] === '') last--;
  const area = trimmed.slice(0, last + 1);
  const gap = area.findIndex((l) => l === '');
  return gap >= 0 ? { ok: false, level: gap } : { ok: true, area };
}

export function parsePort(text: string): number | undefined {
  const n = Number(text.trim());
  return /^\d{1,5}$/.test(text.trim()) && n >= 1 && n <= 65535 ? n : undefined;
}

export function checkHost(text: string): string | undefined {
  const host = text.trim().replace(/^\w+:\/\//, '').replace(/\/.*$/, '');
  return HOST.test(host) ? host : undefined;
}

export function buildAddressInput(form: AddressForm): AddressResult {
  const host = checkHost(form.host);
  const name = form.name.trim() || host || '';
  if (!name) return { ok: false, field: 'name', error: 'devices.form.error.name' };
  if (!host) return { ok: false, field: 'host', error: 'devices.form.error.host' };
  const port = parsePort(form.port);
  if (port === undefined) return { ok: false, field: 'port', error: 'devices.form.error.port' };
  // Vendor rules open the streams over RTSP, on 554 unless the device was set up otherwise.
  const rtspPort = form.kind !== 'onvif' && form.rtspPort.trim() ? parsePort(form.rtspPort) : undefined;
  if (form.kind !== 'onvif' && form.rtspPort.trim() && rtspPort === undefined) return { ok: false, field: 'rtspPort', error: 'devices.form.error.rtspPort' };
  const area = areaPathOf(form.area);
  if (!area.ok) return { ok: false, field: `area.${area.level}`, error: 'devices.form.error.areaGap' };
  const max = DeviceInput.shape.name.maxLength ?? 64;
  if (name.length > max) return { ok: false, field: 'name', error: 'devices.form.error.nameTooLong', params: { max } };
  let cameras: DeviceInput['cameras'] = [];
  // ONVIF and Hikvision (ISAPI) devices list their channels themselves when added.
  if (form.kind !== 'onvif' && form.kind !== 'hikvision') {
    const count = Number(form.channels.trim());
    if (!Number.isInteger(count) || count < 1 || count > MAX_VENDOR_CHANNELS) return { ok: false, field: 'channels', error: 'devices.form.error.channels', params: { max: MAX_VENDOR_CHANNELS } };
    cameras = Array.from({ length: count }, (_, i) => ({
      id: `cam-${crypto.randomUUID()}`,
      name: count > 1 ? `${name} ${i + 1}` : name,
      ptz: false,
      channel: i + 1,
      sources: [{ profile: 'main' as const }, { profile: 'sub' as const }],
    }));
  }
  const input: DeviceInput = {
    name,
    kind: form.kind,
    host,
    port,
    ...(rtspPort !== undefined ? { rtspPort } : {}),
    ...(form.username.trim() ? { username: form.username.trim() } : {}),
    ...(form.password ? { password: form.password } : {}),
    area: area.area,
    cameras,
  };
  return { ok: true, input };
}
