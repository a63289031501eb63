// The health list as CSV for the maintenance contractor: what is down, sorted by area, one row
// per device that is down and per channel that is down on a device that is up. UTF-8 with a BOM
// so Excel opens the Chinese correctly; names from devices are data, so a cell that would start
// a formula is prefixed with an apostrophe.
import type { DeviceHealth, HealthState } from '../../common/contract/health.js';
import { healthRows } from '../../common/model/health-rows.js';

type Locale = 'zh-CN' | 'en';

const LABELS = {
  'zh-CN': {
    header: ['区域', '设备', '地址', '通道', '状态', '自何时起', '原因'],
    state: { unknown: '未检查', online: '在线', offline: '离线', auth_failed: '认证失败' },
    reason: { unreachable: '无法连接', timeout: '无响应', protocol: '应答无法识别', auth_failed: '用户名或密码错误' } as Record<string, string>,
    allChannels: (n: number) => `全部 ${n} 路`,
    noArea: '（未设置区域）',
  },
  en: {
    header: ['Area', 'Device', 'Address', 'Channel', 'State', 'Since', 'Reason'],
    state: { unknown: 'Not checked', online: 'Online', offline: 'Offline', auth_failed: 'Authentication failed' },
    reason: { unreachable: 'Cannot connect', timeout: 'No answer', protocol: 'Unreadable answer', auth_failed: 'Wrong user name or password' } as Record<string, string>,
    allChannels: (n: number) => `All ${n}`,
    noArea: '(no area)',
  },
} satisfies Record<Locale, { header: string[]; state: Record<HealthState, string>; reason: Record<string, string>; allChannels(n: number): string; noArea: string }>;

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Local time, minutes: what a person reads on a printed list. */
export function localMinute(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export interface HealthCsv {
  text: string;
  rows: number;
}

export function healthCsv(devices: readonly DeviceHealth[], locale: Locale, all = false): HealthCsv {
  const L = LABELS[locale];
  const reason = (code: string | undefined) => (code ? (L.reason[code] ?? code) : '');
  const area = (a: readonly string[]) => (a.length > 0 ? a.join(' / ') : L.noArea);
  const lines = healthRows(devices, locale, all).map((r) => [
    area(r.area),
    r.device,
    r.host,
    r.channel ? r.channel.name : r.channelCount > 0 ? L.allChannels(r.channelCount) : '',
    L.state[r.state],
    localMinute(r.since),
    reason(r.reason),
  ]);
  const text = '\uFEFF' + [L.header, ...lines].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
  return { text, rows: lines.length };
}
