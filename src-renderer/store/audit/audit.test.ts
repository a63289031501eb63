// The audit slice against a fake bridge: an entry appended while the first page is fetched is
// not lost, new entries outside the filter stay out, and verify says OK or the first break.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import type { AuditEntryView, AuditListRequest } from '@common/contract/index.js';
import { installBridge } from '../../services/bridge.js';
import { FakeBridge } from '../../../src-main/testing/renderer/fake-bridge.js';
import { createStore, type Store } from '../index.js';
import { matchesFilter } from './action.js';

const entry = (seq: number, kind = 'device.add', at = `2026-12-03T10:00:0${seq}.000Z`): AuditEntryView => ({
  seq,
  at,
  kind,
  actor: { operator: 'op', workstation: 'ws' },
  targetId: `dev-${seq}`,
  details: {},
});

let bridge: FakeBridge;
let store: StoreApi<Store>;
let requests: AuditListRequest[];

beforeEach(() => {
  requests = [];
  bridge = new FakeBridge()
    .handle('sw:audit:list', (req) => (requests.push(req as AuditListRequest), { entries: [entry(2), entry(1)] }))
    .handle('sw:audit:verify', () => ({ ok: false, entries: 1, brokenSeq: 2, line: 2, reason: 'hash_mismatch' }));
  installBridge(bridge);
  store = createStore();
});
afterEach(() => {
  store.getState().closeAudit();
  installBridge(undefined);
});

describe('audit slice', () => {
  it('keeps an entry appended while the first page was fetched, newest first, once', async () => {
    bridge.hold('sw:audit:list');
    const opening = store.getState().openAudit();
    await Promise.resolve();
    bridge.emit('sw:audit:onDidAppend', entry(3));
    bridge.emit('sw:audit:onDidAppend', entry(2)); // already in the page
    bridge.release('sw:audit:list');
    await opening;
    expect(store.getState().auditEntries.map((e) => e.seq)).toEqual([3, 2, 1]);
  });

  it('asks main for the filter and leaves new entries of other kinds out', async () => {
    await store.getState().openAudit();
    await store.getState().setAuditFilter({ kind: 'wall.save', from: '2026-12-03T00:00:00.000Z' });
    expect(requests[1]).toEqual({ kinds: ['wall.save'], from: '2026-12-03T00:00:00.000Z', limit: 100 });
    bridge.emit('sw:audit:onDidAppend', entry(4, 'device.remove'));
    expect(store.getState().auditEntries.map((e) => e.seq)).toEqual([2, 1]);
    expect(bridge.listenerCount('sw:audit:onDidAppend')).toBe(1);
    store.getState().closeAudit();
    expect(bridge.listenerCount('sw:audit:onDidAppend')).toBe(0);
  });

  it('shows the first broken entry from verify', async () => {
    await store.getState().openAudit();
    await store.getState().verifyAudit();
    expect(store.getState().auditVerify).toEqual({ ok: false, entries: 1, brokenSeq: 2, line: 2, reason: 'hash_mismatch' });
  });

  it('matches time bounds: from inclusive, to exclusive', () => {
    const e = entry(1, 'device.add', '2026-12-03T10:00:00.000Z');
    expect(matchesFilter(e, { from: '2026-12-03T10:00:00.000Z' })).toBe(true);
    expect(matchesFilter(e, { to: '2026-12-03T10:00:00.000Z' })).toBe(false);
    expect(matchesFilter(e, { kind: 'wall.save' })).toBe(false);
  });
});
