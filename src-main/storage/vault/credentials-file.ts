// credentials.json: { schemaVersion: 1, entries: { <id>: { scheme, data: base64 } } }.
// Loaded once; every change replaces the file atomically through the DocumentStore.
import { z } from 'zod';
import type { Problem } from '../../common/contract/app.js';
import { Id } from '../../common/contract/define.js';
import type { DocumentStore } from '../document-store.js';
import { quarantine, type CorruptReason } from '../quarantine.js';

export const CREDENTIALS_SCHEMA_VERSION = 1;

const Base64 = z.string().max(65536).regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const VaultEntry = z.object({
  scheme: z.enum(['safe-storage', 'aes-256-gcm-keyfile']),
  data: Base64,
});
export type VaultEntry = z.infer<typeof VaultEntry>;

export const CredentialsDoc = z.object({
  schemaVersion: z.literal(CREDENTIALS_SCHEMA_VERSION),
  entries: z.record(Id, VaultEntry),
});
export type CredentialsDoc = z.infer<typeof CredentialsDoc>;

function classify(raw: Record<string, unknown>): { doc: CredentialsDoc } | { reason: CorruptReason } {
  const v = raw.schemaVersion;
  if (typeof v === 'number' && v > CREDENTIALS_SCHEMA_VERSION) return { reason: 'future_version' };
  const parsed = CredentialsDoc.safeParse(raw);
  return parsed.success ? { doc: parsed.data } : { reason: 'schema' };
}

export class CredentialsFile {
  readonly #store: DocumentStore;
  #entries: Map<string, VaultEntry>;

  private constructor(store: DocumentStore, entries: Map<string, VaultEntry>) {
    this.#store = store;
    this.#entries = entries;
  }

  get path(): string {
    return this.#store.path;
  }

  /** Loads the file; an unusable one is moved aside (reported in `problems`) and an empty vault starts. */
  static load(store: DocumentStore, now: () => Date): { file: CredentialsFile; problems: Problem[] } {
    const read = store.get();
    if (read.status === 'missing') return { file: new CredentialsFile(store, new Map()), problems: [] };
    const outcome = read.status === 'unreadable' ? { reason: read.reason } : classify(read.value);
    if ('doc' in outcome) {
      return { file: new CredentialsFile(store, new Map(Object.entries(outcome.doc.entries))), problems: [] };
    }
    const problem = quarantine(store.path, outcome.reason, now());
    return { file: new CredentialsFile(store, new Map()), problems: [problem] };
  }

  get(id: string): VaultEntry | undefined {
    return this.#entries.get(id);
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  set(id: string, entry: VaultEntry): void {
    const next = new Map(this.#entries);
    next.set(id, entry);
    this.#save(next);
  }

  setMany(entries: ReadonlyArray<readonly [string, VaultEntry]>): void {
    if (entries.length === 0) return;
    const next = new Map(this.#entries);
    for (const [id, entry] of entries) next.set(id, entry);
    this.#save(next);
  }

  delete(id: string): void {
    if (!this.#entries.has(id)) return;
    const next = new Map(this.#entries);
    next.delete(id);
    this.#save(next);
  }

  // Memory changes only after the file write succeeded, so both always agree.
  #save(next: Map<string, VaultEntry>): void {
    const doc: CredentialsDoc = { schemaVersion: CREDENTIALS_SCHEMA_VERSION, entries: Object.fromEntries(next) };
    this.#store.set(doc);
    this.#entries = next;
  }
}
