// sw:export:* end to end in the composition root (host mode, the built-in demo camera): a
// tile's stream starts the replay buffer, "export the last 2 s" lands a verified package, the
// history says so, progress and history events go out on the bus, verify works on any folder,
// and the audit log records the export and each verification.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InvokeResult } from '../../common/contract/index.js';
import type { SenderInfo } from '../../ipc/sender.js';
import { mountTmpfs } from '../../testing/export/tmpfs.js';
import { createAppCore, type AppCore } from '../app-core.js';

const sender: SenderInfo = { transport: 'host', authenticated: true, origin: 'http://127.0.0.1:1', displayKey: 'host' };
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function value<T>(r: InvokeResult): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

describe('sw:export channels', () => {
  it('a watched demo camera exports the last 2 s to a folder, verified, in the history and on the bus', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'skywall-export-core-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const core: AppCore = await createAppCore({ mode: 'host', dataDir, version: '0.1.0' });
    cleanups.push(() => core.close());
    const router = core.router(() => true);
    const call = async <T>(channel: string, payload: unknown) => value<T>(await router.handle(channel, payload, sender));
    const events: string[] = [];
    core.bus.subscribe((name) => events.push(name));

    const devices = await call<Array<{ cameras: Array<{ id: string }> }>>('sw:devices:list', {});
    const cameraId = devices[0].cameras[0].id;
    const opened = await call<{ plan: string; streamId: string }>('sw:stream:open', { cameraId, profile: 'main' });
    expect(opened.plan).not.toBe('dark');
    await new Promise((r) => setTimeout(r, 3500));

    const target = await mountTmpfs(32 * 1024 * 1024);
    cleanups.push(() => target.dispose());
    const { exportId } = await call<{ exportId: string }>('sw:export:start', { cameraId, profile: 'main', lastSeconds: 2, targetDir: target.dir, caseReference: 'AJ-7', reason: '核查' });
    let entry: { id: string; state: string; folder?: string; verify?: { ok: boolean } } | undefined;
    for (let i = 0; i < 100 && entry?.state !== 'done' && entry?.state !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      entry = (await call<Array<typeof entry>>('sw:export:history', {})).find((e) => e!.id === exportId);
    }
    expect(entry).toMatchObject({ state: 'done', verify: { ok: true } });
    expect(events).toContain('sw:export:onDidChangeHistory');
    expect(events).toContain('sw:export:onDidProgress');
    expect(await call('sw:export:verify', { folder: entry!.folder })).toMatchObject({ ok: true, problems: [] });
    expect(await call('sw:export:verify', { folder: target.dir })).toMatchObject({ ok: false, problems: [{ kind: 'missing', file: 'manifest.json' }] });
    expect(await call('sw:export:drives', {})).toMatchObject({ drives: expect.any(Array) });
    const bad = await router.handle('sw:export:start', { cameraId, profile: 'main', lastSeconds: 0, targetDir: target.dir, caseReference: '', reason: '' }, sender);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_payload' } });
    const audit = await call<{ entries: Array<{ kind: string; targetId: string }> }>('sw:audit:list', { kinds: ['export.start', 'export.done', 'export.verify'] });
    expect(audit.entries.filter((e) => e.targetId === exportId).map((e) => e.kind).sort()).toEqual(['export.done', 'export.start']);
    expect(audit.entries.filter((e) => e.kind === 'export.verify')).toHaveLength(2);
    await call('sw:stream:close', { streamId: opened.streamId });
  });
});
