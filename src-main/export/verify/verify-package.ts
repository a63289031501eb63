// Verifies an export folder with nothing but the folder: the signature over manifest.json by
// the key in public-key.pem (whose fingerprint the manifest names), then every file's size and
// SHA-256. Reports exactly which file is altered, missing or unexpected. Needs no settings.
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
  isPlainFileName,
  type ExportManifest,
  type VerifyProblem,
  type VerifyReport,
} from './manifest-format.js';

async function readOptional(file: string): Promise<Buffer | undefined> {
  return readFile(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
}

async function hashFile(file: string): Promise<{ bytes: number; sha256: string } | undefined> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'EISDIR') return undefined;
    throw e;
  }
  return { bytes, sha256: hash.digest('hex') };
}

function parseManifest(bytes: Buffer): ExportManifest | string {
  let m: ExportManifest;
  try {
    m = JSON.parse(bytes.toString('utf8')) as ExportManifest;
  } catch (e) {
    return `manifest.json is not JSON (${(e as Error).message})`;
  }
  if (m?.format !== MANIFEST_FORMAT) return `manifest.json format is ${JSON.stringify(m?.format)}, expected ${MANIFEST_FORMAT}`;
  if (!Array.isArray(m.files) || !m.files.every((f) => isPlainFileName(f?.name) && Number.isSafeInteger(f.bytes) && /^[0-9a-f]{64}$/.test(f.sha256))) {
    return 'manifest.json has a malformed file list';
  }
  return m;
}

export async function verifyExportFolder(folder: string): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [];
  const manifestBytes = await readOptional(path.join(folder, MANIFEST_FILE));
  if (!manifestBytes) return { ok: false, problems: [{ kind: 'missing', file: MANIFEST_FILE, detail: 'manifest.json is missing' }], files: 0 };
  const manifest = parseManifest(manifestBytes);
  if (typeof manifest === 'string') return { ok: false, problems: [{ kind: 'manifest', file: MANIFEST_FILE, detail: manifest }], files: 0 };

  let fingerprint: string | undefined;
  const signature = await readOptional(path.join(folder, SIGNATURE_FILE));
  const pem = await readOptional(path.join(folder, PUBLIC_KEY_FILE));
  if (!signature) problems.push({ kind: 'missing', file: SIGNATURE_FILE, detail: 'manifest.sig is missing: the manifest is not signed' });
  if (!pem) problems.push({ kind: 'missing', file: PUBLIC_KEY_FILE, detail: 'public-key.pem is missing: the signature cannot be checked' });
  if (signature && pem) {
    try {
      const key = createPublicKey(pem);
      const der = key.export({ type: 'spki', format: 'der' });
      fingerprint = createHash('sha256').update(der).digest('hex');
      if (fingerprint !== manifest.publicKeyFingerprint) {
        problems.push({ kind: 'key', file: PUBLIC_KEY_FILE, detail: `public-key.pem (fingerprint ${fingerprint}) is not the key the manifest names (${manifest.publicKeyFingerprint})` });
      }
      if (key.asymmetricKeyType !== 'ed25519' || !verifySignature(null, manifestBytes, key, signature)) {
        problems.push({ kind: 'signature', file: MANIFEST_FILE, detail: 'the signature does not match manifest.json: the manifest was changed or signed by another key' });
      }
    } catch (e) {
      problems.push({ kind: 'key', file: PUBLIC_KEY_FILE, detail: `public-key.pem cannot be read as an Ed25519 key (${(e as Error).message})` });
    }
  }

  const listed = new Set<string>([MANIFEST_FILE, SIGNATURE_FILE]);
  for (const f of manifest.files) {
    listed.add(f.name);
    const actual = await hashFile(path.join(folder, f.name));
    if (!actual) problems.push({ kind: 'missing', file: f.name, detail: `${f.name} is missing` });
    else if (actual.bytes !== f.bytes || actual.sha256 !== f.sha256) {
      problems.push({ kind: 'altered', file: f.name, detail: `${f.name} was altered: ${actual.bytes} bytes, SHA-256 ${actual.sha256}; the manifest says ${f.bytes} bytes, ${f.sha256}` });
    }
  }
  for (const name of (await readdir(folder)).sort()) {
    if (!listed.has(name)) problems.push({ kind: 'unexpected', file: name, detail: `${name} is not part of the signed export` });
  }
  return { ok: problems.length === 0, problems, fingerprint, files: manifest.files.length };
}
