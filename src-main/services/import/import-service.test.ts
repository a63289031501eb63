import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../common/contract/index.js';
import { openKeyFileVault, openSkywallStore } from '../../storage/index.js';
import type { AuditRecord } from '../audit/service.js';
import { createConnectionCheck } from '../devices/connection-check.js';
import { createDevicesService } from '../devices/service.js';
import { createImportService } from './import-service.js';

async function setup(onProgress: (p: ImportProgress) => void = () => undefined) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sw-import-'));
  const vault = await openKeyFileVault({ dir });
  const { store } = await openSkywallStore({ dir, vault });
  const audit: AuditRecord[] = [];
  const recorder = { record: async (r: AuditRecord) => void audit.push(r) };
  const devices = createDevicesService(store, vault, { records: () => [], password: () => undefined }, recorder, createConnectionCheck({ onvifTimeoutMs: 2000 }));
  const events: ImportProgress[] = [];
  const imports = createImportService({ devices, stored: () => store.listDevices(), audit: recorder, emit: (p) => {
      events.push(p);
      onProgress(p);
    },
  });
  return { dir, store, vault, devices, imports, events, audit };
}

/** Sends a file's text the way the renderer does: in pieces of at most `size` characters. */
async function send(imports: ReturnType<typeof createImportService>, fileName: string, text: string, size = 64 * 1024) {
  const { importId } = imports.begin({ fileName });
  for (let at = 0; at < text.length; at += size) await imports.chunk(importId, text.slice(at, at + size));
  return imports.finish(importId);
}

const TEN_ROWS = [
  '名称,地址,厂商,区域,用户名,密码,通道数',
  '东门,rtsp://10.1.0.1/Streaming/Channels/101,,城关县/东关镇,admin,pw1,',
  '西门,rtsp://admin:pw2@10.1.0.2/live,,城关县/东关镇,,,',
  '村委会,10.1.0.3,海康威视,城关县/东关镇/李家村,admin,pw3,4',
  '学校,10.1.0.4,大华,城关县/西关镇,admin,pw4,1',
  '桥头,10.1.0.5,sony,城关县/西关镇,admin,pw5,1',
  '路口,10.1.0.6,宇视,城关县/西关镇,admin,pw6,2',
  '卫生院,rtsp://10.1.0.7/a,,城关县,admin,pw7,',
  '"仓库, 北",http://10.1.0.8/live/cam.flv,,城关县,,,',
  '加油站,10.1.0.9:99999,dahua,城关县,admin,pw9,1',
  '<b>河堤</b>,rtsp://10.1.0.10/live,,城关县,,,',
].join('\r\n');

describe('bulk import', () => {
  it('CSV with 2 bad rows of 10: 8 imported, the 2 reported by line number and reason, credentials in the vault', async () => {
    const { dir, store, imports, events, audit, vault } = await setup();
    const summary = await send(imports, '设备清单.csv', TEN_ROWS, 100);
    expect(summary).toMatchObject({ format: 'csv', rows: 10, imported: 8, cameras: 12, errorCount: 2 });
    expect(summary.errors).toEqual([
      { line: 6, reason: 'vendor_unknown', params: { value: 'sony' } },
      { line: 10, reason: 'port_invalid' },
    ]);
    const stored = store.listDevices();
    expect(stored.map((d) => d.name)).toEqual(['东门', '西门', '村委会', '学校', '路口', '卫生院', '仓库, 北', '<b>河堤</b>']);
    expect(stored.find((d) => d.name === '村委会')).toMatchObject({ kind: 'hikvision', category: 'nvr', area: ['城关县', '东关镇', '李家村'] });
    expect(stored.find((d) => d.name === '西门')).toMatchObject({ username: 'admin', cameras: [{ sources: [{ url: 'rtsp://10.1.0.2/live' }] }] });
    expect(await vault.get(stored.find((d) => d.name === '西门')!.id)).toBe('pw2');
    expect(readFileSync(path.join(dir, 'skywall.json'), 'utf8')).not.toMatch(/pw\d/);
    expect(events.at(-1)).toMatchObject({ phase: 'done', rows: 10, valid: 8, invalid: 2, saved: 8 });
    expect(audit).toEqual([expect.objectContaining({ kind: 'device.import', details: { format: 'csv', rows: 10, imported: 8, cameras: 12, refused: 2 } })]);
  });

  it('refuses rows that repeat an earlier row or a stored device, and a file sent again adds nothing', async () => {
    const { imports, store } = await setup();
    const first = await send(imports, 'a.csv', 'a,rtsp://10.2.0.1/x\nb,10.2.0.2,dahua\nc,rtsp://10.2.0.1/x\n');
    expect(first.errors).toEqual([{ line: 3, reason: 'duplicate', params: { line: 1 } }]);
    const again = await send(imports, 'a.csv', 'a,rtsp://10.2.0.1/x\nb,10.2.0.2:80,dahua\n');
    expect(again).toMatchObject({ imported: 0, errors: [{ line: 1, reason: 'already_added', params: { name: 'a' } }, { line: 2, reason: 'already_added', params: { name: 'b' } }] });
    expect(store.listDevices()).toHaveLength(2);
  });

  it('an M3U list: each entry a camera named by its title, placed by its group', async () => {
    const { imports, store } = await setup();
    const summary = await send(imports, 'list.m3u8', '#EXTM3U\n#EXTINF:-1 group-title="城关县/东关镇",东门\nrtsp://10.3.0.1/live\n#EXTINF:-1,坏的\nftp://10.3.0.2/x\nhttp://10.3.0.3/b.flv\n');
    expect(summary).toMatchObject({ format: 'm3u', rows: 3, imported: 2, errors: [{ line: 4, reason: 'url_scheme' }] });
    expect(store.listDevices().map((d) => [d.name, d.area])).toEqual([
      ['东门', ['城关县', '东关镇']],
      ['10.3.0.3', []],
    ]);
  });

  it('an ONVIF row that cannot be reached is reported by its line, the others are added', async () => {
    const { imports, store } = await setup();
    const summary = await send(imports, 'x.csv', 'name,address,vendor\nok,rtsp://10.4.0.1/a,\nnvr,127.0.0.1:1,onvif\n');
    expect(summary).toMatchObject({ imported: 1, errorCount: 1, errors: [{ line: 3, reason: 'connect_failed', params: { failure: 'unreachable' } }] });
    expect(store.listDevices().map((d) => d.name)).toEqual(['ok']);
  });

  it('10,000 rows: progress while reading, main keeps turning between slices, one save', async () => {
    // A heartbeat on the event loop: it must advance between every two progress events.
    let beats = 0;
    const beatsAtProgress: number[] = [];
    const times: number[] = [];
    const { imports, store, events } = await setup((p) => {
      if (p.phase !== 'reading') return;
      beatsAtProgress.push(beats);
      times.push(performance.now());
    });
    const rows = Array.from({ length: 10_000 }, (_, i) => `摄像机 ${i + 1},rtsp://10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/live,,城关县/乡镇 ${i % 20},admin,pw${i}`);
    const text = `名称,地址,厂商,区域,用户名,密码\n${rows.join('\n')}\n`;
    let beating = true;
    let lastBeat = performance.now();
    let longestHold = 0;
    const beat = (): void => {
      beats++;
      longestHold = Math.max(longestHold, performance.now() - lastBeat);
      lastBeat = performance.now();
      if (beating) setImmediate(beat);
    };
    setImmediate(beat);
    const started = performance.now();
    const summary = await send(imports, '万路.csv', text);
    const total = performance.now() - started;
    beating = false;
    expect(summary).toMatchObject({ rows: 10_000, imported: 10_000, cameras: 10_000, errorCount: 0 });
    expect(store.listDevices()).toHaveLength(10_000);
    const reading = events.filter((e) => e.phase === 'reading');
    expect(reading.length).toBeGreaterThanOrEqual(10);
    expect(reading.map((e) => e.rows)).toEqual([...reading.map((e) => e.rows)].sort((a, b) => a - b));
    for (let i = 1; i < beatsAtProgress.length; i++) expect(beatsAtProgress[i]).toBeGreaterThan(beatsAtProgress[i - 1]);
    const readingMs = times.at(-1)! - started;
    console.log(`import 10,000 rows: ${Math.round(total)} ms in all (reading ${Math.round(readingMs)} ms, saving ${Math.round(total - readingMs)} ms), ${reading.length} progress events, main held at most ${Math.round(longestHold)} ms at a time`);
  }, 120_000);
});
