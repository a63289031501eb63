// Operator actions through the real contract (router -> services -> audit.jsonl), as the
// renderer makes them: each one leaves a verified entry, and no secret reaches the file.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AuditEntryView, ChannelName, Req, Res } from '../../common/contract/index.js';
import { startDemoRtspServer } from '../../demo/rtsp/index.js';
import type { SenderInfo } from '../../ipc/sender.js';
import { useTempDirs } from '../../testing/storage/temp-dir.js';
import { createAppCore, type AppCore } from '../app-core.js';

const tempDir = useTempDirs();
const sender: SenderInfo = { transport: 'host', authenticated: true, origin: 'http://127.0.0.1:1', displayKey: 'host' };
const cores: AppCore[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function start() {
  const dir = tempDir();
  const core = await createAppCore({ mode: 'host', dataDir: dir, version: '0.0.0-test', demo: false });
  cores.push(core);
  const router = core.router(() => true);
  const appended: AuditEntryView[] = [];
  core.bus.subscribe((name, payload) => name === 'sw:audit:onDidAppend' && appended.push(payload as AuditEntryView));
  async function call<C extends ChannelName>(channel: C, payload: Req<C>): Promise<Res<C>> {
    const r = await router.handle(channel, payload, sender);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as Res<C>;
  }
  return { dir, core, call, appended, auditFile: path.join(dir, 'audit.jsonl') };
}

const camera = (id: string, url: string) => ({ id, name: `Camera ${id}`, ptz: false, sources: [{ profile: 'main' as const, url }] });

describe('audit trail', () => {
  it('records every device and credential change, verified, newest first, with no password in the file', async () => {
    const { call, appended, auditFile } = await start();
    const added = await call('sw:devices:add', { name: 'Gate', kind: 'rtsp', host: '10.0.0.5', port: 554, username: 'admin', password: 'First-Secret-81', cameras: [camera('gate-1', 'rtsp://10.0.0.5/ch1')] });
    await call('sw:devices:update', { id: added.id, name: 'North gate' });
    await call('sw:devices:update', { id: added.id, password: 'Second-Secret-92' });
    await call('sw:devices:update', { id: added.id, username: 'operator' });
    await call('sw:devices:update', { id: added.id, password: null });
    await call('sw:devices:remove', { id: added.id });

    const page = await call('sw:audit:list', {});
    expect(page.entries.map((e) => e.kind)).toEqual(['device.remove', 'device.credentials', 'device.credentials', 'device.credentials', 'device.update', 'device.add']);
    expect(page.entries.map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(page.nextBefore).toBeUndefined();
    const [removed, cleared, renamedUser, newPassword, renamed, add] = page.entries;
    expect(add).toMatchObject({ targetId: added.id, targetName: 'Gate', details: { host: '10.0.0.5', port: 554, username: 'admin', hasPassword: true, cameras: ['gate-1'] } });
    expect(add!.actor.workstation).not.toBe('');
    expect(renamed).toMatchObject({ targetName: 'North gate', details: { changed: ['name'], previousName: 'Gate' } });
    expect(newPassword).toMatchObject({ targetName: 'North gate', details: { passwordChange: 'replaced', username: 'admin' } });
    expect(renamedUser).toMatchObject({ details: { previousUsername: 'admin', username: 'operator', passwordChange: 'unchanged' } });
    expect(cleared).toMatchObject({ details: { passwordChange: 'removed' } });
    expect(removed).toMatchObject({ targetId: added.id, targetName: 'North gate', details: { cameras: ['gate-1'] } });

    // Each entry was announced once, as the list shows it.
    expect(appended.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(appended[0]).toEqual(add);

    expect(await call('sw:audit:verify', {})).toEqual({ ok: true, entries: 6, lastSeq: 6 });
    const text = readFileSync(auditFile, 'utf8');
    expect(text).not.toContain('First-Secret-81');
    expect(text).not.toContain('Second-Secret-92');
  });

  it('records wall changes and reports the first broken entry after tampering', async () => {
    const { call, auditFile } = await start();
    const wall = (await call('sw:walls:list', {}))[0]!;
    await call('sw:walls:save', { ...wall, name: 'Lobby', rows: 1, cols: 1, tiles: [{ cameraId: 'cam-a', profile: 'main' }] });
    await call('sw:walls:save', { ...wall, name: 'Lobby', rows: 1, cols: 2, tiles: [{ cameraId: 'cam-a', profile: 'main' }, { cameraId: null, profile: 'sub' }] });
    const page = await call('sw:audit:list', { kinds: ['wall.save'] });
    expect(page.entries.map((e) => e.details)).toEqual([
      { rows: 1, cols: 2, cameras: ['cam-a'] },
      { rows: 1, cols: 1, cameras: ['cam-a'] },
    ]);
    expect(page.entries[0]).toMatchObject({ targetId: wall.id, targetName: 'Lobby' });

    const lines = readFileSync(auditFile, 'utf8').split('\n');
    lines[0] = lines[0]!.replace('"rows":1', '"rows":4');
    writeFileSync(auditFile, lines.join('\n'));
    expect(await call('sw:audit:verify', {})).toEqual({ ok: false, entries: 0, brokenSeq: 1, line: 1, reason: 'hash_mismatch' });
  });

  it('records a camera login refusal that stopped retries, once per set of credentials', async () => {
    const rtsp = await startDemoRtspServer({ host: '127.0.0.1', port: 0, auth: { username: 'admin', password: 'Right-Pass-7', scheme: 'digest' } });
    try {
      const { call } = await start();
      const device = await call('sw:devices:add', { name: 'Dock', kind: 'rtsp', host: '127.0.0.1', port: rtsp.port, username: 'admin', password: 'Wrong-Pass-3', cameras: [camera('dock-1', rtsp.url('/demo/h264'))] });
      const facts = await call('sw:stream:open', { cameraId: 'dock-1', profile: 'main' });
      if (facts.plan === 'dark') throw new Error('an H.264 camera should play');
      const viewer = new WebSocket(facts.url); // the camera is pulled while someone watches
      viewer.on('error', () => undefined);
      const lockouts = async () => (await call('sw:audit:list', { kinds: ['stream.auth_lockout'] })).entries;
      await expect.poll(async () => (await lockouts()).length, { timeout: 15_000 }).toBe(1);
      expect((await lockouts())[0]).toMatchObject({ targetId: 'dock-1', targetName: 'Camera dock-1', details: { profile: 'main', deviceId: device.id, deviceName: 'Dock', username: 'admin' } });
      // A second window opening the same camera does not add another entry while retries stay stopped.
      const again = await call('sw:stream:open', { cameraId: 'dock-1', profile: 'main' });
      if (again.plan === 'dark') throw new Error('an H.264 camera should play');
      await new Promise((r) => setTimeout(r, 300));
      expect(await lockouts()).toHaveLength(1);
      viewer.close();
      await call('sw:stream:close', { streamId: facts.streamId });
      await call('sw:stream:close', { streamId: again.streamId });
      // New credentials that are refused too are a new lockout, recorded once more.
      await call('sw:devices:update', { id: device.id, password: 'Still-Wrong-5' });
      const third = await call('sw:stream:open', { cameraId: 'dock-1', profile: 'main' });
      if (third.plan === 'dark') throw new Error('an H.264 camera should play');
      const viewer2 = new WebSocket(third.url);
      viewer2.on('error', () => undefined);
      await expect.poll(async () => (await lockouts()).length, { timeout: 15_000 }).toBe(2);
      viewer2.close();
      await call('sw:stream:close', { streamId: third.streamId });
      expect(await call('sw:audit:verify', {})).toMatchObject({ ok: true });
    } finally {
      await rtsp.close();
    }
  });
});
