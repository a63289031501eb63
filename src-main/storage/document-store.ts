// One JSON document per file, read and replaced as a whole. Two backends share one adapter:
// `conf` (plain Node: host mode, tests) and `electron-store` (Electron main process). Both
// replace the file atomically (write to a temp file, then rename), so a crash mid-write leaves
// either the old or the new document, never a torn one.
import { SkywallError } from '../common/model/errors.js';
import { ConfDocumentStore, type ConfLikeConstructor } from './conf-document.js';
import type { DocumentBackend, DocumentStore } from './document-types.js';

export type { DocumentBackend, DocumentRead, DocumentStore, UnreadableReason } from './document-types.js';

export interface OpenDocumentStoreOptions {
  backend: DocumentBackend;
  /** Absolute directory; created on first write. */
  dir: string;
  /** File name without extension: letters, digits, `-`, `_`. */
  name: string;
  /** POSIX permission bits for the file (default 0o600: it can name hosts and users). */
  fileMode?: number;
}

const NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isRunningInElectron(): boolean {
  return typeof process.versions.electron === 'string';
}

export async function openDocumentStore(options: OpenDocumentStoreOptions): Promise<DocumentStore> {
  if (!NAME_PATTERN.test(options.name)) {
    throw new SkywallError('storage', `document name "${options.name}" must match ${NAME_PATTERN.source}`);
  }
  const ctor = await loadBackend(options.backend);
  return new ConfDocumentStore(ctor, { dir: options.dir, name: options.name, fileMode: options.fileMode ?? 0o600 });
}

async function loadBackend(backend: DocumentBackend): Promise<ConfLikeConstructor> {
  if (backend === 'conf') {
    const mod = await import('conf');
    return mod.default as unknown as ConfLikeConstructor;
  }
  // electron-store imports `electron` at module load, so it is only imported inside Electron.
  if (!isRunningInElectron()) {
    throw new SkywallError(
      'storage',
      "document backend 'electron-store' needs the Electron main process; use backend 'conf' in host mode and tests",
      { backend },
    );
  }
  const mod = await import('electron-store');
  return mod.default as unknown as ConfLikeConstructor;
}
