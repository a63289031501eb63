import { describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '../../ipc/router.js';
import type { SenderInfo } from '../../ipc/sender.js';
import { CHANNEL_NAMES } from './index.js';
import { DISPLAY_NAME_MAX, displayName } from './display-name.js';

const refused = (name: string) => {
  const r = displayName.safeParse(name);
  return r.success ? undefined : ((r.error.issues[0] as { params?: { reason?: string } }).params?.reason ?? r.error.issues[0]?.code);
};

describe('display names', () => {
  it('trims, and keeps ordinary names in any script', () => {
    expect(displayName.parse('  北门 Gate-01  ')).toBe('北门 Gate-01');
    expect(displayName.parse('Café — entrée № 3')).toBe('Café — entrée № 3');
    expect(displayName.parse('ك'.repeat(DISPLAY_NAME_MAX))).toHaveLength(DISPLAY_NAME_MAX);
    expect(displayName.parse('🎥'.repeat(DISPLAY_NAME_MAX))).toBe('🎥'.repeat(DISPLAY_NAME_MAX)); // counted as characters, not UTF-16 units
  });

  it('refuses blank, control, bidi, zero-width and over-long names with the reason', () => {
    for (const blank of ['', '   ', '\u3000\t ']) expect(refused(blank), JSON.stringify(blank)).toBe('blank');
    for (const c of ['\u0000', '\r', '\n', '\u0007', '\u001B', '\u007F', '\u0085', '\u2028']) expect(refused(`CAM${c}01`), JSON.stringify(c)).toBe('control');
    for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F']) expect(refused(`CAM${c}01`), JSON.stringify(c)).toBe('bidi');
    expect(refused('CAM\u202E4pm.exe\u202C-01')).toBe('bidi');
    for (const c of ['\u200B', '\u200C', '\u200D', '\uFEFF', '\u2060']) expect(refused(`CAM${c}01`), JSON.stringify(c)).toBe('zero_width');
    expect(refused('x'.repeat(DISPLAY_NAME_MAX + 1))).toBe('too_long');
    expect(refused('x'.repeat(10_000))).toBeDefined();
  });
});

describe('display names at the contract', () => {
  const sender: SenderInfo = { transport: 'host', authenticated: true, origin: 'http://127.0.0.1:1', displayKey: 'host' };
  const reached: unknown[] = [];
  const handlers = Object.fromEntries(CHANNEL_NAMES.map((c) => [c, (req: unknown) => (reached.push(req), req)])) as unknown as Handlers;
  const router = createRouter(handlers, { isTrusted: () => true });
  const camera = (name: string) => ({ id: 'cam-1', name, ptz: false, sources: [{ profile: 'main', url: 'rtsp://10.0.0.5/ch1' }] });
  const device = (name: string, cameraName = 'Lens') => ({ name, kind: 'rtsp', host: '10.0.0.5', port: 554, cameras: [camera(cameraName)] });
  const wall = (name: string) => ({ id: 'wall-1', name, rows: 1, cols: 1, tiles: [{ cameraId: null, profile: 'main' }] });

  it('answers with an error that names the field and the limit, and nothing reaches a service', async () => {
    expect(await router.handle('sw:devices:add', device('x'.repeat(10_000)), sender)).toMatchObject({ ok: false, error: { code: 'name_too_long', params: { path: 'name', max: DISPLAY_NAME_MAX } } });
    expect(await router.handle('sw:devices:add', device('Gate', 'CAM\u202E4pm.exe'), sender)).toMatchObject({ ok: false, error: { code: 'name_invalid_chars', params: { path: 'cameras.0.name' } } });
    expect(await router.handle('sw:devices:update', { id: 'dev-1', name: ' \u200B ' }, sender)).toMatchObject({ ok: false, error: { code: 'name_invalid_chars', params: { path: 'name' } } });
    expect(await router.handle('sw:devices:add', device('   '), sender)).toMatchObject({ ok: false, error: { code: 'name_blank', params: { path: 'name' } } });
    expect(await router.handle('sw:walls:save', wall('Lobby\r\nInjected'), sender)).toMatchObject({ ok: false, error: { code: 'name_invalid_chars', params: { path: 'name' } } });
    expect(reached).toEqual([]);
  });

  it('passes a good name through trimmed', async () => {
    expect(await router.handle('sw:walls:save', wall('  Lobby  '), sender)).toMatchObject({ ok: true, value: { name: 'Lobby' } });
    expect(reached).toHaveLength(1);
  });
});
