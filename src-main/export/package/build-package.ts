// Assembles and writes one evidence package: the clip (as numbered parts where the file
// system needs it), metadata.json, README.txt, the two offline verifiers and the public key,
// then manifest.json and its signature last (writer/export-folder.ts does the safe writing).
import { offlineVerifierPage, offlineVerifierScript } from '../verify/index.js';
import { MANIFEST_FILE, MANIFEST_FORMAT, PUBLIC_KEY_FILE, SIGNATURE_FILE, type ExportManifest } from '../verify/manifest-format.js';
import { bytesSpec, exportErrorFrom, partNames, readTargetVolume, writeExportFolder, type ExportFileSpec, type ExportFolderResult, type ExportProgress } from '../writer/index.js';
import { METADATA_FILE, METADATA_FORMAT, exportFolderName, type ExportMetadata, type ExportMetadataInput } from './metadata.js';
import { README_FILE, VERIFY_PAGE_FILE, VERIFY_SCRIPT_FILE, readmeText } from './readme-text.js';
import type { ManifestSigner } from './signing-key.js';

export interface ClipSource {
  size: number;
  content(): AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
}

export interface ExportPackageRequest {
  parentDir: string;
  metadata: ExportMetadataInput;
  clip: ClipSource;
  signer: ManifestSigner;
  signal?: AbortSignal;
  onProgress?(progress: ExportProgress): void;
  /** Part size for splitting the clip; default: the target file system's limit (4 GiB - 1 on FAT32). */
  maxFileBytes?: number;
  watchIntervalMs?: number;
}

export interface ExportPackageResult extends ExportFolderResult {
  metadata: ExportMetadata;
  manifest: ExportManifest;
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8');

export async function writeExportPackage(req: ExportPackageRequest): Promise<ExportPackageResult> {
  const folderName = exportFolderName(req.metadata);
  // A target that is missing or unreadable is an export failure like any other, not a raw errno.
  const maxFileBytes =
    req.maxFileBytes ??
    (await readTargetVolume(req.parentDir).catch((e: unknown) => {
      throw exportErrorFrom(e);
    })).maxFileBytes;
  const clipName = `${folderName}.mp4`;
  const metadata: ExportMetadata = { format: METADATA_FORMAT, ...req.metadata, clipFiles: partNames(clipName, req.clip.size, maxFileBytes) };
  const files: ExportFileSpec[] = [
    { name: clipName, size: req.clip.size, content: () => req.clip.content() },
    bytesSpec(METADATA_FILE, json(metadata)),
    bytesSpec(README_FILE, Buffer.from(readmeText(metadata, req.signer.fingerprint), 'utf8')),
    bytesSpec(VERIFY_PAGE_FILE, Buffer.from(offlineVerifierPage(), 'utf8')),
    bytesSpec(VERIFY_SCRIPT_FILE, Buffer.from(offlineVerifierScript(), 'utf8')),
    bytesSpec(PUBLIC_KEY_FILE, Buffer.from(req.signer.publicKeyPem, 'utf8')),
  ];
  let manifest: ExportManifest | undefined;
  const result = await writeExportFolder({
    parentDir: req.parentDir,
    folderName,
    files,
    maxFileBytes,
    signal: req.signal,
    onProgress: req.onProgress,
    watchIntervalMs: req.watchIntervalMs,
    seal: (written) => {
      manifest = {
        format: MANIFEST_FORMAT,
        createdUtc: req.metadata.exportedAtUtc,
        hash: 'SHA-256',
        signature: 'Ed25519',
        publicKey: PUBLIC_KEY_FILE,
        publicKeyFingerprint: req.signer.fingerprint,
        files: written.map((w) => ({ name: w.name, bytes: w.bytes, sha256: w.sha256 })),
      };
      const manifestBytes = json(manifest);
      return [bytesSpec(MANIFEST_FILE, manifestBytes), bytesSpec(SIGNATURE_FILE, req.signer.sign(manifestBytes))];
    },
  });
  return { ...result, metadata, manifest: manifest! };
}
