import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDocumentStore } from './document-store.js';
import { useTempDirs } from '../testing/storage/temp-dir.js';

const tempDir = useTempDirs();

describe('openDocumentStore (conf backend)', () => {
  it('reports a missing file, then round-trips a document through a fresh instance', async () => {
    const dir = tempDir();
    const a = await openDocumentStore({ backend: 'conf', dir, name: 'doc' });
    expect(a.path).toBe(path.join(dir, 'doc.json'));
    expect(a.get()).toEqual({ status: 'missing' });
    const doc = { schemaVersion: 1, nested: { list: [1, 'two', null], flag: true }, 'dotted.key': 'kept' };
    a.set(doc);
    const b = await openDocumentStore({ backend: 'conf', dir, name: 'doc' });
    expect(b.get()).toEqual({ status: 'ok', value: doc });
    expect(JSON.parse(readFileSync(b.path, 'utf8'))).toEqual(doc);
  });

  it('writes the file with mode 0600 and leaves no temp files behind', async () => {
    const dir = tempDir();
    const s = await openDocumentStore({ backend: 'conf', dir, name: 'doc' });
    for (let i = 0; i < 5; i++) s.set({ i });
    expect(readdirSync(dir)).toEqual(['doc.json']);
    if (process.platform !== 'win32') expect(statSync(s.path).mode & 0o777).toBe(0o600);
    expect(s.get()).toEqual({ status: 'ok', value: { i: 4 } });
  });

  it('tells an empty object apart from a missing file', async () => {
    const dir = tempDir();
    const s = await openDocumentStore({ backend: 'conf', dir, name: 'doc' });
    s.set({});
    expect(s.get()).toEqual({ status: 'ok', value: {} });
  });

  it('reports invalid JSON without touching the file, even when opened on it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'doc.json');
    writeFileSync(file, '{"schemaVersion": 1, "settings": ');
    const s = await openDocumentStore({ backend: 'conf', dir, name: 'doc' });
    const read = s.get();
    expect(read.status).toBe('unreadable');
    expect(read.status === 'unreadable' && read.reason).toBe('invalid_json');
    expect(readFileSync(file, 'utf8')).toBe('{"schemaVersion": 1, "settings": ');
  });

  it('reports a top-level array as not_an_object', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'doc.json'), '[1,2,3]');
    const s = await openDocumentStore({ backend: 'conf', dir, name: 'doc' });
    expect(s.get()).toMatchObject({ status: 'unreadable', reason: 'not_an_object' });
  });

  it('accepts a UTF-8 BOM written by Windows editors', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'doc.json'), '\uFEFF{"a":1}');
    const s = await openDocumentStore({ backend: 'conf', dir, name: 'doc' });
    expect(s.get()).toEqual({ status: 'ok', value: { a: 1 } });
  });

  it('reports an I/O failure (a directory in place of the file) as unreadable io', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'doc.json'));
    const s = await openDocumentStore({ backend: 'conf', dir, name: 'doc' });
    expect(s.get()).toMatchObject({ status: 'unreadable', reason: 'io' });
    expect(() => s.set({ a: 1 })).toThrow(/cannot write/);
  });

  it('refuses names that could escape the folder', async () => {
    await expect(openDocumentStore({ backend: 'conf', dir: tempDir(), name: '../evil' })).rejects.toThrow(/must match/);
  });

  it('refuses the electron-store backend outside Electron instead of importing electron', async () => {
    expect(process.versions.electron).toBeUndefined();
    await expect(openDocumentStore({ backend: 'electron-store', dir: tempDir(), name: 'doc' })).rejects.toMatchObject({
      code: 'storage',
      message: expect.stringContaining("use backend 'conf'"),
    });
  });
});
