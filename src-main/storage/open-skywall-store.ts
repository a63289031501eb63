// Opens skywall.json: reads it, migrates older versions, and moves an unusable file aside
// (reported as a Problem) before falling back to defaults — the file is never silently reset.
import type { Problem } from '../common/contract/app.js';
import { defaultDocument } from './defaults.js';
import { openDocumentStore, type DocumentBackend } from './document-store.js';
import { upgradeDocument } from './migrations/index.js';
import { quarantine } from './quarantine.js';
import { logger } from '../base/log/index.js';
import type { SkywallDoc } from './schema.js';
import { SkywallStore } from './skywall-store.js';
import { removeStaleTempFiles } from './stale-temp-files.js';
import type { CredentialVault } from './vault/credential-vault.js';

export const SKYWALL_DOCUMENT_NAME = 'skywall';
const storageLog = logger('storage');

export interface OpenSkywallStoreOptions {
  /** Folder holding skywall.json (Electron: app.getPath('userData')). */
  dir: string;
  /** Default 'conf'. Use 'electron-store' only in the Electron main process. */
  backend?: DocumentBackend;
  /** Receives passwords split out of v0 URLs, and device passwords later. */
  vault: CredentialVault;
  /** Default 'skywall' -> skywall.json. */
  name?: string;
  now?: () => Date;
  /** Where errors thrown by change listeners go (default: the process log). */
  onListenerError?: (error: unknown) => void;
  /** Told once when writing skywall.json starts failing; the store keeps working from memory. */
  onSaveFailed?: (error: unknown) => void;
}

export interface OpenedSkywallStore {
  store: SkywallStore;
  /** What the operator should be told: corrupt files moved aside, migration notes, vault problems. */
  problems: Problem[];
}

export async function openSkywallStore(opts: OpenSkywallStoreOptions): Promise<OpenedSkywallStore> {
  const now = opts.now ?? (() => new Date());
  const name = opts.name ?? SKYWALL_DOCUMENT_NAME;
  removeStaleTempFiles(opts.dir, `${name}.json`);
  const docs = await openDocumentStore({ backend: opts.backend ?? 'conf', dir: opts.dir, name });
  const problems: Problem[] = [...opts.vault.problems];
  const onSaveFailed = opts.onSaveFailed ?? ((e: unknown) => storageLog.error('skywall.json could not be written', e));
  // The first write (defaults, a migration) may fail on a full disk too: start from memory.
  const saveOrReport = (d: SkywallDoc): void => {
    try {
      docs.set(d);
    } catch (e) {
      onSaveFailed(e);
    }
  };
  let doc: SkywallDoc;
  const read = docs.get();
  if (read.status === 'missing') {
    doc = defaultDocument();
    saveOrReport(doc);
  } else if (read.status === 'unreadable') {
    problems.push(quarantine(docs.path, read.reason, now()));
    doc = defaultDocument();
    saveOrReport(doc);
  } else {
    const up = await upgradeDocument(read.value, opts.vault, { file: docs.path, at: now() });
    if (up.status === 'current') {
      doc = up.doc;
    } else if (up.status === 'migrated') {
      doc = up.doc;
      saveOrReport(doc);
      problems.push(...up.problems);
    } else {
      problems.push(quarantine(docs.path, up.reason, now()));
      doc = defaultDocument();
      saveOrReport(doc);
    }
  }
  const onListenerError = opts.onListenerError ?? ((e: unknown) => storageLog.error('a change listener failed', e));
  const store = new SkywallStore(docs, opts.vault, doc, onListenerError, onSaveFailed);
  return { store, problems };
}
