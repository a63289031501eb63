// One row of a bulk import (a CSV line or an M3U entry) checked with zod and turned into the
// device it describes, or into the reason it was refused, named for the operator. A row is a
// camera by its stream URL, or a device by address with a vendor (Hikvision, Dahua, Uniview: the
// given number of channels) or ONVIF (its channels are asked of the device when it is added).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DeviceInput } from '../../common/contract/devices.js';
import { displayNameProblem, DISPLAY_NAME_ERROR } from '../../common/contract/display-name.js';
import { AREA_LEVELS, type DeviceKind } from '../../common/model/device.js';
import { parseStreamUrl, streamTransportOf } from '../../common/model/stream-url.js';
import { ImportReason } from '../../common/contract/import.js';

/** The cells of a row by meaning, as read from the file (absent: the column was not there). */
export interface ImportCells {
  name?: string;
  address?: string;
  vendor?: string;
  area?: string;
  username?: string;
  password?: string;
  channels?: string;
  port?: string;
}

export type RowOutcome = { ok: true; input: DeviceInput } | { ok: false; reason: ImportReason; params?: Record<string, string | number> };

export const MAX_IMPORT_CHANNELS = 256;
const AREA_SEPARATOR = /[/／>＞|｜\\]/;
const HOST = /^[A-Za-z0-9._-]{1,253}$|^\[[0-9A-Fa-f:.]{2,45}\]$/;

/** What the vendor cell may say, in either language, lower-cased. */
const VENDOR_WORDS: Record<string, DeviceKind> = {
  rtsp: 'rtsp', url: 'rtsp', onvif: 'onvif',
  hikvision: 'hikvision', hik: 'hikvision', 海康: 'hikvision', 海康威视: 'hikvision',
  dahua: 'dahua', 大华: 'dahua',
  uniview: 'uniview', unv: 'uniview', 宇视: 'uniview',
};

const refuse = (ctx: z.RefinementCtx, reason: ImportReason, params: Record<string, string | number> = {}): never => {
  ctx.addIssue({ code: 'custom', message: reason, params: { reason, ...params } });
  return z.NEVER;
};

// The issue's message is the reason for cells that are simply too long.
const cell = (max: number, reason: ImportReason) => z.string().trim().max(max, { message: reason }).optional();

const Cells = z.object({
  name: z.string().trim().max(1024).optional(),
  address: cell(2048, 'address_invalid'),
  vendor: cell(32, 'vendor_unknown'),
  area: cell(512, 'area_invalid'),
  username: cell(64, 'username_too_long'),
  password: z.string().max(128, { message: 'password_too_long' }).optional(),
  channels: cell(16, 'channels_invalid'),
  port: cell(16, 'port_invalid'),
});

function areaOf(text: string | undefined, ctx: z.RefinementCtx): string[] {
  if (!text) return [];
  const levels = text.split(AREA_SEPARATOR).map((l) => l.trim());
  if (levels.length > AREA_LEVELS.length) return refuse(ctx, 'area_too_deep', { max: AREA_LEVELS.length });
  if (levels.some((l) => l === '' || l.length > 64 || displayNameProblem(l) !== undefined)) return refuse(ctx, 'area_invalid');
  return levels;
}

function nameOf(text: string | undefined, fallback: string, ctx: z.RefinementCtx): string {
  const name = text || fallback;
  const problem = displayNameProblem(name);
  if (problem) return refuse(ctx, DISPLAY_NAME_ERROR[problem] === 'name_too_long' ? 'name_too_long' : 'name_invalid_chars', { max: 64 });
  return name;
}

const camera = (name: string, channel?: number): DeviceInput['cameras'][number] => ({
  id: `cam-${randomUUID()}`,
  name,
  ptz: false,
  ...(channel !== undefined ? { channel } : {}),
  sources: [{ profile: 'main' }, { profile: 'sub' }],
});

/** A row whose address is a stream URL: one camera, credentials out of the URL into the vault. */
function byUrl(row: z.infer<typeof Cells>, ctx: z.RefinementCtx): DeviceInput {
  const parsed = parseStreamUrl(row.address!);
  if (!parsed.ok) return refuse(ctx, parsed.problem === 'bad_escape' ? 'url_escape' : parsed.problem === 'unsupported_scheme' ? 'url_scheme' : 'url_invalid');
  const url = parsed.value;
  if (!streamTransportOf(url)) return refuse(ctx, 'url_scheme');
  const name = nameOf(row.name, url.host, ctx);
  const username = row.username || url.username;
  const password = row.password || url.password;
  const area = areaOf(row.area, ctx);
  return {
    name,
    kind: url.scheme.startsWith('rtsp') ? 'rtsp' : 'url',
    host: url.host,
    port: url.port,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    area,
    cameras: [{ ...camera(name), sources: [{ profile: 'main', url: url.url }] }],
  };
}

/** A row with a host (and port) and a vendor or ONVIF. */
function byAddress(row: z.infer<typeof Cells>, kind: DeviceKind, ctx: z.RefinementCtx): DeviceInput {
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(row.address!);
  const host = m?.[1] ?? '';
  if (!HOST.test(host)) return refuse(ctx, 'address_invalid');
  const portText = row.port || m?.[2];
  const port = portText === undefined || portText === '' ? 80 : Number(portText);
  if (!/^\d{1,5}$/.test(String(portText ?? '80')) || port < 1 || port > 65535) return refuse(ctx, 'port_invalid');
  const name = nameOf(row.name, host.replace(/^\[|\]$/g, ''), ctx);
  const area = areaOf(row.area, ctx);
  let cameras: DeviceInput['cameras'] = [];
  if (kind !== 'onvif') {
    const count = row.channels ? Number(row.channels) : 1;
    if (!/^\d+$/.test(row.channels || '1') || count < 1 || count > MAX_IMPORT_CHANNELS) return refuse(ctx, 'channels_invalid', { max: MAX_IMPORT_CHANNELS });
    cameras = Array.from({ length: count }, (_, i) => camera(count > 1 ? `${name} ${i + 1}`.slice(0, 64) : name, i + 1));
  }
  return {
    name,
    kind,
    ...(kind === 'onvif' ? {} : { category: cameras.length > 1 ? 'nvr' : 'camera' }),
    host: host.replace(/^\[|\]$/g, ''),
    port,
    ...(row.username ? { username: row.username } : {}),
    ...(row.password ? { password: row.password } : {}),
    area,
    cameras,
  };
}

/** The row schema: cells in, a device to add out (or an issue whose params name the reason). */
export const ImportRow = Cells.transform((row, ctx): DeviceInput => {
  if (!row.address) return refuse(ctx, 'address_missing');
  const vendorWord = (row.vendor ?? '').toLowerCase();
  const vendor = vendorWord === '' ? undefined : VENDOR_WORDS[vendorWord];
  if (vendorWord !== '' && !vendor) return refuse(ctx, 'vendor_unknown', { value: (row.vendor ?? '').slice(0, 32) });
  const isUrl = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(row.address);
  if (isUrl) return byUrl(row, ctx);
  if (!vendor || vendor === 'rtsp') return refuse(ctx, 'vendor_missing');
  return byAddress(row, vendor, ctx);
});

/** Checks one row; never throws. */
export function checkImportRow(cells: ImportCells): RowOutcome {
  const parsed = ImportRow.safeParse(cells);
  if (parsed.success) {
    // The contract's own check, as an add through the dialog would meet it.
    const checked = DeviceInput.safeParse(parsed.data);
    return checked.success ? { ok: true, input: checked.data } : { ok: false, reason: 'invalid' };
  }
  const issue = parsed.error.issues[0];
  const params = (issue && 'params' in issue ? (issue.params as Record<string, string | number> | undefined) : undefined) ?? {};
  const { reason, ...rest } = params;
  const named = ImportReason.safeParse(reason ?? issue?.message);
  return { ok: false, reason: named.success ? named.data : 'invalid', ...(Object.keys(rest).length > 0 ? { params: rest } : {}) };
}
