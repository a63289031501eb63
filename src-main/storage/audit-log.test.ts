import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENESIS_PREV, sha256Hex } from './audit-chain.js';
import { openAuditLog } from './audit-log.js';
import { verifyAuditLog } from './audit-verify.js';
import { clearRegisteredSecrets, registerSecret } from '../base/log/redact.js';
import { useTempDirs } from '../testing/storage/temp-dir.js';

const tempDir = useTempDirs();
const actor = { operator: 'zhang.wei', workstation: 'CTRL-ROOM-02' };

function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
}

async function writeLog(dir: string, count: number): Promise<string> {
  const log = await openAuditLog({ dir, actor });
  for (let i = 1; i <= count; i++) await log.append({ action: 'export.start', target: `cam-${i}`, details: { i } });
  await log.close();
  return log.path;
}

describe('audit log', () => {
  it('appends hash-chained JSON lines and continues the chain after reopen', async () => {
    const dir = tempDir();
    let t = Date.parse('2025-05-01T08:00:00Z');
    const now = () => new Date((t += 1000));
    const first = await openAuditLog({ dir, actor, now });
    const e1 = await first.append({ action: 'ptz.takeover', target: 'cam-lobby', details: { from: 'op-b' } });
    const e2 = await first.append({ action: 'export.start', target: 'exp-1', details: { cameraId: 'cam-lobby', seconds: 60 } });
    await first.close();
    await expect(first.append({ action: 'export.done', target: 'exp-1' })).rejects.toThrow(/closed/);

    const second = await openAuditLog({ dir, actor, now });
    expect(second.lastSeq).toBe(2);
    const e3 = await second.append({ action: 'export.done', target: 'exp-1', actor: { operator: 'li.na' } });
    await second.close();

    const text = lines(path.join(dir, 'audit.jsonl'));
    expect(text).toHaveLength(3);
    expect([e1.seq, e2.seq, e3.seq]).toEqual([1, 2, 3]);
    expect(e1.prev).toBe(GENESIS_PREV);
    expect(e2.prev).toBe(sha256Hex(text[0]!));
    expect(e3.prev).toBe(sha256Hex(text[1]!));
    expect(JSON.parse(text[2]!)).toEqual(e3);
    expect(e3).toMatchObject({ at: '2025-05-01T08:00:03.000Z', actor: { operator: 'li.na', workstation: 'CTRL-ROOM-02' }, action: 'export.done', target: 'exp-1', details: {} });
    expect(Object.keys(e1)).toEqual(['seq', 'at', 'actor', 'action', 'target', 'details', 'prev', 'hash']);
    if (process.platform !== 'win32') expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(await verifyAuditLog(first.path)).toEqual({ ok: true, entries: 3, lastSeq: 3 });
  });

  it('keeps concurrent appends in call order', async () => {
    const log = await openAuditLog({ dir: tempDir(), actor });
    const entries = await Promise.all(Array.from({ length: 20 }, (_, i) => log.append({ action: 'wall.save', target: `w${i}` })));
    await log.close();
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(lines(log.path).map((l) => JSON.parse(l).target)).toEqual(entries.map((e) => e.target));
    expect(await verifyAuditLog(log.path)).toMatchObject({ ok: true, entries: 20 });
  });

  it('detects an edited line (hash mismatch) at its seq', async () => {
    const file = await writeLog(tempDir(), 5);
    const l = lines(file);
    l[2] = l[2]!.replace('"cam-3"', '"cam-9"');
    writeFileSync(file, `${l.join('\n')}\n`);
    expect(await verifyAuditLog(file)).toEqual({ ok: false, entries: 2, brokenSeq: 3, line: 3, reason: 'hash_mismatch' });
  });

  it('detects an edited line whose own hash was recomputed (next prev breaks)', async () => {
    const file = await writeLog(tempDir(), 5);
    const l = lines(file);
    const edited = l[1]!.replace('"cam-2"', '"cam-X"').replace(/,"hash":"[0-9a-f]{64}"\}$/, '}');
    l[1] = `${edited.slice(0, -1)},"hash":"${sha256Hex(edited)}"}`;
    writeFileSync(file, `${l.join('\n')}\n`);
    expect(await verifyAuditLog(file)).toEqual({ ok: false, entries: 2, brokenSeq: 3, line: 3, reason: 'prev_mismatch' });
  });

  it('detects a deleted line and garbage', async () => {
    const dir = tempDir();
    const file = await writeLog(dir, 4);
    const l = lines(file);
    writeFileSync(file, `${[l[0], l[1], l[3]].join('\n')}\n`);
    expect(await verifyAuditLog(file)).toMatchObject({ ok: false, brokenSeq: 3, line: 3, reason: 'seq_mismatch' });
    writeFileSync(file, `${l[0]}\nnot json\n${l[1]}\n`);
    expect(await verifyAuditLog(file)).toMatchObject({ ok: false, brokenSeq: 2, line: 2, reason: 'unparseable' });
  });

  it('drops a torn (unterminated) tail on open and continues a valid chain', async () => {
    const dir = tempDir();
    const file = await writeLog(dir, 2);
    appendFileSync(file, '{"seq":3,"at":"2025-');
    expect(await verifyAuditLog(file)).toMatchObject({ ok: false, brokenSeq: 3, reason: 'torn_tail' });
    const log = await openAuditLog({ dir, actor });
    expect((await log.append({ action: 'app.start', target: 'skywall' })).seq).toBe(3);
    await log.close();
    expect(await verifyAuditLog(file)).toEqual({ ok: true, entries: 3, lastSeq: 3 });
  });

  it('after tampering with the last line, new entries still chain onto it and the break stays visible', async () => {
    const dir = tempDir();
    const file = await writeLog(dir, 3);
    const l = lines(file);
    l[2] = '{"tampered":true}';
    writeFileSync(file, `${l.join('\n')}\n`);
    const log = await openAuditLog({ dir, actor });
    const e = await log.append({ action: 'app.start', target: 'skywall' });
    await log.close();
    expect(e.seq).toBe(4);
    expect(e.prev).toBe(sha256Hex('{"tampered":true}'));
    expect(await verifyAuditLog(file)).toMatchObject({ ok: false, brokenSeq: 3, line: 3, reason: 'unparseable' });
  });

  it('redacts secrets and rejects malformed entries', async () => {
    clearRegisteredSecrets();
    registerSecret('Vault-Pass-1');
    const log = await openAuditLog({ dir: tempDir(), actor });
    await log.append({ action: 'export.failed', target: 'rtsp://admin:Vault-Pass-1@10.0.0.2/ch1', details: { error: 'auth with Vault-Pass-1 failed', password: 'x' } });
    await expect(log.append({ action: 'NotAnAction' as 'x.y', target: 't' })).rejects.toMatchObject({ code: 'bad_payload' });
    await expect(log.append({ action: 'export.done', target: 't', details: { blob: 'x'.repeat(70_000) } })).rejects.toThrow(/limit is 65536/);
    await log.close();
    const text = readFileSync(log.path, 'utf8');
    expect(text).not.toContain('Vault-Pass-1');
    expect(JSON.parse(text.trim())).toMatchObject({ target: 'rtsp://admin:***@10.0.0.2/ch1', details: { error: 'auth with *** failed', password: '***' } });
    expect(await verifyAuditLog(log.path)).toMatchObject({ ok: true, entries: 1 });
  });

  it('reports a missing log as not_found', async () => {
    await expect(verifyAuditLog(path.join(tempDir(), 'audit.jsonl'))).rejects.toMatchObject({ code: 'not_found' });
  });
});
