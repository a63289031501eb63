// The CSV the maintenance contractor gets: BOM, Chinese headers, what is down sorted by area,
// a device down once (not per channel), quoting, and no formula from a hostile name.
import { describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../../common/contract/health.js';
import { healthCsv } from './health-csv.js';

const at = '2026-12-03T06:30:00.000Z';

function dev(id: string, name: string, area: string[], state: DeviceHealth['state'], channels: Partial<DeviceHealth['channels'][number]>[] = []): DeviceHealth {
  return {
    deviceId: id,
    name,
    kind: 'rtsp',
    host: `10.0.0.${id.length}`,
    area,
    state,
    ...(state === 'online' ? {} : { since: at, reason: state === 'auth_failed' ? 'auth_failed' : 'unreachable' }),
    channels: channels.map((c, i) => ({ cameraId: `${id}-c${i}`, name: `通道 ${i + 1}`, area, state: 'online', ...c })),
  };
}

describe('health CSV', () => {
  const devices = [
    dev('a', '南山 NVR', ['平安县', '南山镇', '三村'], 'offline', [{ state: 'offline' }, { state: 'offline' }]),
    dev('bb', '东城 NVR', ['平安县', '东城镇'], 'online', [{ state: 'online' }, { state: 'offline', since: at, reason: 'timeout' }]),
    dev('ccc', '=HYPERLINK("x"),"门口"', ['平安县', '东城镇', '一村'], 'auth_failed'),
    dev('dddd', '未分区', [], 'offline'),
    dev('eeeee', '北门', ['平安县', '北关镇'], 'online', [{ state: 'online' }]),
  ];

  it('lists what is down, by area, with a BOM so Excel reads the Chinese', () => {
    const { text, rows } = healthCsv(devices, 'zh-CN');
    expect(text.startsWith('\uFEFF区域,设备,地址,通道,状态,自何时起,原因\r\n')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(rows).toBe(4);
    expect(lines).toHaveLength(5);
    // 东城镇 before 南山镇 (pinyin), 东城镇 itself before its village, unplaced last.
    expect(lines[1]).toMatch(/^平安县 \/ 东城镇,东城 NVR,10\.0\.0\.2,通道 2,离线,2026-12-03 \d\d:30,无响应$/);
    expect(lines[2]).toContain('平安县 / 东城镇 / 一村');
    expect(lines[2]).toContain('认证失败');
    expect(lines[3]).toMatch(/^平安县 \/ 南山镇 \/ 三村,南山 NVR,10\.0\.0\.1,全部 2 路,离线,/);
    expect(lines[4]).toMatch(/^（未设置区域）,未分区,/);
    expect(text).not.toContain('北门');
  });

  it('quotes commas and quotes, and a name that would start a formula is text', () => {
    const { text } = healthCsv(devices, 'zh-CN');
    expect(text).toContain(`"'=HYPERLINK(""x""),""门口"""`);
  });

  it('in English, and everything on request', () => {
    const { text, rows } = healthCsv(devices, 'en', true);
    expect(text.startsWith('\uFEFFArea,Device,Address,Channel,State,Since,Reason\r\n')).toBe(true);
    expect(text).toContain('北门');
    expect(text).toContain('Online');
    expect(rows).toBe(8); // a device that is down is one row; an online device lists its channels
  });
});
