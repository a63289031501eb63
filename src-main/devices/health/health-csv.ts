// The health list as CSV for the maintenance contractor: what is down, sorted by area, one row
// per device that is down and per channel that is down on a device that is up. UTF-8 with a BOM
// so Excel opens the Chinese correctly; names from devices are data, so a cell that would start
// a formula is prefixed with an apostrophe.
import type { DeviceHealth, HealthState } from '../../common/contract/health.js';

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

const DOWN: ReadonlySet<HealthState> = new Set(['offline', 'auth_failed']);

export function isDown(state: HealthState): boolean {
  return DOWN.has(state);
}

/** Area first (county, township, village, site), then device name: how a contractor drives the round. */
export function compareByArea(locale: Locale): (a: { area: readonly string[]; name: string }, b: { area: readonly string[]; name: string }) => number {
  const collator = new Intl.Collator(locale === 'zh-CN' ? 'zh-CN' : 'en', { numeric: true });
  return (a, b) => {
    if ((a.area.length === 0) !== (b.area.length === 0)) return a.area.length === 0 ? 1 : -1; // unplaced last
    for (let i = 0; i < Math.max(a.area.length, b.area.length); i++) {
      const x = a.area[i];
      const y = b.area[i];
      if (x === y) continue;
      if (x === undefined) return -1; // a township's own devices before its villages'
      if (y === undefined) return 1;
      return collator.compare(x, y);
    }
    return collator.compare(a.name, b.name);
  };
}

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
  const lines: string[][] = [];
  const reason = (code: string | undefined) => (code ? (L.reason[code] ?? code) : '');
  const area = (a: readonly string[]) => (a.length > 0 ? a.join(' / ') : L.noArea);
  for (const d of [...devices].sort(compareByArea(locale))) {
    const deviceDown = isDown(d.state);
    if (deviceDown || all) {
      lines.push([area(d.area), d.name, d.host, d.channels.length > 0 ? L.allChannels(d.channels.length) : '', L.state[d.state], localMinute(d.since), reason(d.reason)]);
      if (deviceDown) continue;
    }
    for (const c of [...d.channels].sort(compareByArea(locale))) {
      if (!all && !isDown(c.state)) continue;
      lines.push([area(c.area), d.name, d.host, c.name, L.state[c.state], localMinute(c.since), reason(c.reason)]);
    }
  }
  const text = '\uFEFF' + [L.header, ...lines].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
  return { text, rows: lines.length };
}
