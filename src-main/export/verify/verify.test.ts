// Signed packages and their three verifiers: the app's (verify-package.ts), and the two that
// travel inside the package (verify.mjs under Node, verify.html in Chromium). They must agree.
import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeyFileVault } from '../../storage/vault/index.js';
import { sampleMetadata, runPackagePage, runPackageScript, type Findings } from '../../testing/export/package-kit.js';
import { patternBytes } from '../../testing/export/slow-source.js';
import { installationSigner, writeExportPackage, type ManifestSigner } from '../package/index.js';
import { runVerifyCli } from './verify-cli.js';
import { verifyExportFolder } from './verify-package.js';

let browser: Browser;
let signer: ManifestSigner;
let vaultDir: string;
const dirs: string[] = [];
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: process.env.SKYWALL_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
  vaultDir = await tempDir();
  signer = await installationSigner(await openKeyFileVault({ dir: vaultDir }));
});
afterAll(async () => {
  await browser?.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(tmpdir(), 'skywall-verify-'));
  dirs.push(d);
  return d;
}

async function makePackage(maxFileBytes?: number): Promise<{ folder: string; clip: string }> {
  const clip = patternBytes(300_000);
  const result = await writeExportPackage({
    parentDir: await tempDir(),
    metadata: sampleMetadata(),
    clip: { size: clip.length, content: () => [clip] },
    signer,
    maxFileBytes,
  });
  return { folder: result.folder, clip: result.metadata.clipFiles[0] };
}

/** All three verifiers; asserts they agree and returns the app's findings. */
async function verifyAll(folder: string): Promise<Findings> {
  const report = await verifyExportFolder(folder);
  const app: Findings = { ok: report.ok, problems: report.problems.map((p) => `${p.kind.toUpperCase()} ${p.file}`).sort(), text: '' };
  const script = await runPackageScript(folder);
  const page = await runPackagePage(browser, folder);
  expect({ ok: script.ok, problems: script.problems }).toEqual({ ok: app.ok, problems: app.problems });
  expect({ ok: page.ok, problems: page.problems }).toEqual({ ok: app.ok, problems: app.problems });
  return app;
}

describe('export package and verifiers', () => {
  it('a fresh package verifies OK everywhere, names the camera and time, and holds no private key', async () => {
    const { folder, clip } = await makePackage();
    expect(path.basename(folder)).toBe('大门-东侧_20260301T080000Z');
    expect(clip).toBe('大门-东侧_20260301T080000Z.mp4');
    expect((await readdir(folder)).sort()).toEqual(
      [clip, 'README.txt', 'manifest.json', 'manifest.sig', 'metadata.json', 'public-key.pem', 'verify.html', 'verify.mjs'].sort(),
    );
    expect(await verifyAll(folder)).toMatchObject({ ok: true, problems: [] });
    for (const name of await readdir(folder)) expect((await readFile(path.join(folder, name))).includes('PRIVATE KEY')).toBe(false);
    const meta = JSON.parse(await readFile(path.join(folder, 'metadata.json'), 'utf8'));
    expect(meta).toMatchObject({ caseReference: 'AJ-2026-0301', operator: '张伟', clipFiles: [clip], recorderClockOffsetMs: null });
    const readme = await readFile(path.join(folder, 'README.txt'), 'utf8');
    expect(readme).toContain('如何校验 / How to verify');
    expect(readme.replace(/ /g, '')).toContain(signer.fingerprint);
  });

  it('one flipped byte in the MP4: every verifier names the file', async () => {
    const { folder, clip } = await makePackage();
    const file = path.join(folder, clip);
    const bytes = await readFile(file);
    bytes[123_456] ^= 0x01;
    await writeFile(file, bytes);
    expect(await verifyAll(folder)).toEqual({ ok: false, problems: [`ALTERED ${clip}`], text: '' });
  });

  it('metadata edited: named as altered; with the manifest hash fixed too, the signature fails', async () => {
    const { folder } = await makePackage();
    const metaFile = path.join(folder, 'metadata.json');
    const edited = (await readFile(metaFile, 'utf8')).replace('AJ-2026-0301', 'AJ-2026-0999');
    await writeFile(metaFile, edited);
    expect((await verifyAll(folder)).problems).toEqual(['ALTERED metadata.json']);

    const { createHash } = await import('node:crypto');
    const manifestFile = path.join(folder, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    const entry = manifest.files.find((f: { name: string }) => f.name === 'metadata.json');
    entry.sha256 = createHash('sha256').update(edited).digest('hex');
    entry.bytes = Buffer.byteLength(edited);
    await writeFile(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
    expect((await verifyAll(folder)).problems).toEqual(['SIGNATURE manifest.json']);
  });

  it('a missing part and an added file are named', async () => {
    const { folder } = await makePackage(128 * 1024);
    const parts = (await readdir(folder)).filter((n) => /\.mp4\.\d{3}$/.test(n)).sort();
    expect(parts).toHaveLength(3);
    await unlink(path.join(folder, parts[1]));
    await writeFile(path.join(folder, 'note.txt'), 'added later');
    expect((await verifyAll(folder)).problems).toEqual([`MISSING ${parts[1]}`, 'UNEXPECTED note.txt']);
  });

  it('another key re-signing the manifest is caught by the fingerprint the manifest names', async () => {
    const { folder } = await makePackage();
    const { generateKeyPairSync, sign } = await import('node:crypto');
    const other = generateKeyPairSync('ed25519');
    await writeFile(path.join(folder, 'public-key.pem'), other.publicKey.export({ type: 'spki', format: 'pem' }));
    const manifestBytes = await readFile(path.join(folder, 'manifest.json'));
    await writeFile(path.join(folder, 'manifest.sig'), sign(null, manifestBytes, other.privateKey));
    expect((await verifyAll(folder)).problems).toEqual(['ALTERED public-key.pem', 'KEY public-key.pem']);
  });

  it('npm run verify prints OK, or the altered file, and exits accordingly; the installation key is reused', async () => {
    const { folder, clip } = await makePackage();
    const lines: string[] = [];
    expect(await runVerifyCli([folder], (l) => lines.push(l))).toBe(0);
    expect(lines[0]).toBe('OK: 6 files match the signed manifest');
    await writeFile(path.join(folder, clip), Buffer.from('replaced'));
    lines.length = 0;
    expect(await runVerifyCli([folder], (l) => lines.push(l))).toBe(1);
    expect(lines.slice(0, 2)).toEqual(['FAILED', expect.stringMatching(new RegExp(`^ALTERED ${clip}: `))]);
    expect(await runVerifyCli([path.join(folder, 'nope')], () => undefined)).toBe(2);
    const again = await installationSigner(await openKeyFileVault({ dir: vaultDir }));
    expect(again.fingerprint).toBe(signer.fingerprint);
  });
});
