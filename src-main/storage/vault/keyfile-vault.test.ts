import { readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../testing/storage/temp-dir.js';
import { openKeyFileVault } from './open-vault.js';

const tempDir = useTempDirs();

describe('key-file vault (host mode)', () => {
  it('round-trips secrets across reopen, encrypted in credentials.json', async () => {
    const dir = tempDir();
    const a = await openKeyFileVault({ dir });
    expect(a.protection).toBe('keyfile');
    expect(a.warning).toContain(path.join(dir, 'vault.key'));
    expect(a.problems).toMatchObject([{ code: 'vault_weak_protection', params: { protection: 'keyfile' } }]);
    await a.set('nvr-1', 'Hik12345!');
    await a.set('nvr-2', 'пароль 密码 🔑');
    const b = await openKeyFileVault({ dir });
    expect(await b.get('nvr-1')).toBe('Hik12345!');
    expect(await b.get('nvr-2')).toBe('пароль 密码 🔑');
    expect(await b.get('nvr-3')).toBeUndefined();
    expect(await b.has('nvr-1')).toBe(true);
    await b.delete('nvr-1');
    expect(await (await openKeyFileVault({ dir })).has('nvr-1')).toBe(false);

    const file = JSON.parse(readFileSync(path.join(dir, 'credentials.json'), 'utf8'));
    expect(file.schemaVersion).toBe(1);
    expect(file.entries['nvr-2'].scheme).toBe('aes-256-gcm-keyfile');
    expect(readFileSync(path.join(dir, 'credentials.json'), 'utf8')).not.toContain('Hik12345');
  });

  it('creates a 32-byte key with mode 0600 once, and tightens loosened permissions', async () => {
    const dir = tempDir();
    await openKeyFileVault({ dir });
    const keyPath = path.join(dir, 'vault.key');
    const key = readFileSync(keyPath);
    expect(key.length).toBe(32);
    if (process.platform !== 'win32') {
      expect(statSync(keyPath).mode & 0o777).toBe(0o600);
      chmodSync(keyPath, 0o644);
    }
    await openKeyFileVault({ dir });
    expect(readFileSync(keyPath).equals(key)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(keyPath).mode & 0o777).toBe(0o600);
  });

  it('uses a fresh IV per write (same secret, different ciphertext)', async () => {
    const dir = tempDir();
    const v = await openKeyFileVault({ dir });
    await v.set('a', 'same-secret');
    const first = JSON.parse(readFileSync(path.join(dir, 'credentials.json'), 'utf8')).entries.a.data;
    await v.set('a', 'same-secret');
    const second = JSON.parse(readFileSync(path.join(dir, 'credentials.json'), 'utf8')).entries.a.data;
    expect(first).not.toBe(second);
  });

  it('detects entries swapped between ids and a replaced key, without leaking the secret', async () => {
    const dir = tempDir();
    const v = await openKeyFileVault({ dir });
    await v.set('a', 'secret-of-a');
    await v.set('b', 'secret-of-b');
    const credPath = path.join(dir, 'credentials.json');
    const doc = JSON.parse(readFileSync(credPath, 'utf8'));
    [doc.entries.a, doc.entries.b] = [doc.entries.b, doc.entries.a];
    writeFileSync(credPath, JSON.stringify(doc));
    const swapped = await openKeyFileVault({ dir });
    const err = (await swapped.get('a').catch((e: unknown) => e)) as Error & { code: string };
    expect(err.code).toBe('storage');
    expect(err.message).toMatch(/cannot be decrypted.*enter the password again/);
    expect(err.message).not.toContain('secret-of');

    writeFileSync(path.join(dir, 'vault.key'), Buffer.alloc(32, 7));
    await expect((await openKeyFileVault({ dir })).get('b')).rejects.toMatchObject({ code: 'storage' });
  });

  it('refuses a key file of the wrong size instead of replacing it', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'vault.key'), 'short');
    await expect(openKeyFileVault({ dir })).rejects.toThrow(/holds 5 bytes instead of 32/);
    expect(readFileSync(path.join(dir, 'vault.key'), 'utf8')).toBe('short');
  });

  it('moves a corrupt credentials.json aside and reports it', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'credentials.json'), '{"schemaVersion":1,"entries":{"a":{"scheme":"rot13","data":"x"}}}');
    const at = new Date('2025-01-02T03:04:05Z');
    const v = await openKeyFileVault({ dir, now: () => at });
    expect(v.problems[0]).toEqual({
      code: 'storage_corrupt',
      params: { file: path.join(dir, 'credentials.json'), movedTo: path.join(dir, 'credentials.corrupt-20250102T030405Z.json'), reason: 'schema' },
      at: at.toISOString(),
    });
    expect(await v.has('a')).toBe(false);
  });

  it('validates ids and secret size', async () => {
    const v = await openKeyFileVault({ dir: tempDir() });
    await expect(v.set('../x', 'p')).rejects.toMatchObject({ code: 'bad_payload' });
    await expect(v.set('ok', 'x'.repeat(4097))).rejects.toMatchObject({ code: 'bad_payload' });
  });
});
