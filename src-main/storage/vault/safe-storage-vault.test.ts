import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFakeSafeStorage } from '../../testing/storage/fake-safe-storage.js';
import { useTempDirs } from '../../testing/storage/temp-dir.js';
import { openKeyFileVault, openSafeStorageVault } from './open-vault.js';

const tempDir = useTempDirs();

describe('safeStorage vault (Electron, with a fake safeStorage)', () => {
  it('round-trips through the async API and reports OS protection', async () => {
    const dir = tempDir();
    const ss = createFakeSafeStorage();
    const a = await openSafeStorageVault({ dir, safeStorage: ss, platform: 'linux' });
    expect(a.protection).toBe('os');
    expect(a.warning).toBeUndefined();
    expect(a.problems).toEqual([]);
    await a.set('nvr-1', 'Dahua@888');
    const b = await openSafeStorageVault({ dir, safeStorage: ss, platform: 'linux' });
    expect(await b.get('nvr-1')).toBe('Dahua@888');
    expect(ss.calls).toContain('encryptStringAsync');
    expect(ss.calls).toContain('decryptStringAsync');
    expect(ss.calls).not.toContain('encryptString');
    expect(ss.calls).not.toContain('decryptString');
    const text = readFileSync(path.join(dir, 'credentials.json'), 'utf8');
    expect(text).not.toContain('Dahua@888');
    expect(JSON.parse(text).entries['nvr-1'].scheme).toBe('safe-storage');
  });

  it('falls back to the sync API on Electron versions without the async one', async () => {
    const dir = tempDir();
    const ss = createFakeSafeStorage({ syncOnly: true });
    const v = await openSafeStorageVault({ dir, safeStorage: ss, platform: 'win32' });
    await v.set('x', 'sync-secret');
    expect(await v.get('x')).toBe('sync-secret');
    expect(ss.calls).toEqual(expect.arrayContaining(['isEncryptionAvailable', 'encryptString', 'decryptString']));
    expect(ss.calls).not.toContain('getSelectedStorageBackend');
  });

  it("detects Linux 'basic_text' and warns", async () => {
    const dir = tempDir();
    const v = await openSafeStorageVault({ dir, safeStorage: createFakeSafeStorage({ backend: 'basic_text' }), platform: 'linux' });
    expect(v.protection).toBe('basic_text');
    expect(v.warning).toMatch(/basic_text/);
    expect(v.problems).toMatchObject([{ code: 'vault_weak_protection', params: { protection: 'basic_text' } }]);
    await v.set('x', 'still-works');
    expect(await v.get('x')).toBe('still-works');
  });

  it('falls back to the key-file vault when encryption is unavailable', async () => {
    const dir = tempDir();
    const ss = createFakeSafeStorage({ backend: 'basic_text', available: false });
    const v = await openSafeStorageVault({ dir, safeStorage: ss, platform: 'linux' });
    expect(v.protection).toBe('keyfile');
    expect(v.warning).toMatch(/safeStorage\) is unavailable \(backend 'basic_text'\).*key file/);
    await v.set('x', 'fallback-secret');
    expect(await v.get('x')).toBe('fallback-secret');
    expect(ss.calls).not.toContain('encryptStringAsync');
  });

  it("refuses to open before app 'ready' (backend 'unknown')", async () => {
    await expect(openSafeStorageVault({ dir: tempDir(), safeStorage: createFakeSafeStorage({ backend: 'unknown' }), platform: 'linux' })).rejects.toThrow(/after Electron's app 'ready'/);
  });

  it('re-encrypts when safeStorage says the key rotated', async () => {
    const dir = tempDir();
    const ss = createFakeSafeStorage();
    const v = await openSafeStorageVault({ dir, safeStorage: ss, platform: 'darwin' });
    await v.set('x', 'rotating');
    const before = JSON.parse(readFileSync(path.join(dir, 'credentials.json'), 'utf8')).entries.x.data;
    ss.rotateOnce();
    expect(await v.get('x')).toBe('rotating');
    const after = JSON.parse(readFileSync(path.join(dir, 'credentials.json'), 'utf8')).entries.x.data;
    expect(after).not.toBe(before);
    expect(await v.get('x')).toBe('rotating');
  });

  it('refuses entries written by the key-file vault or swapped between ids', async () => {
    const dir = tempDir();
    await (await openKeyFileVault({ dir })).set('host-made', 'pw-1234');
    const ss = createFakeSafeStorage();
    const v = await openSafeStorageVault({ dir, safeStorage: ss, platform: 'linux' });
    await expect(v.get('host-made')).rejects.toThrow(/encrypted with aes-256-gcm-keyfile.*enter the password again/);

    await v.set('a', 'secret-a');
    await v.set('b', 'secret-b');
    const credPath = path.join(dir, 'credentials.json');
    const doc = JSON.parse(readFileSync(credPath, 'utf8'));
    [doc.entries.a, doc.entries.b] = [doc.entries.b, doc.entries.a];
    writeFileSync(credPath, JSON.stringify(doc));
    const reopened = await openSafeStorageVault({ dir, safeStorage: ss, platform: 'linux' });
    await expect(reopened.get('a')).rejects.toMatchObject({ code: 'storage' });
  });
});
