// Device passwords (and other secrets) live here, keyed by device id, encrypted, in their own
// file `credentials.json` — never in skywall.json.
import type { Problem } from '../../common/contract/app.js';

/**
 * os         — encrypted by the OS keystore via Electron safeStorage (Keychain, DPAPI, libsecret/kwallet).
 * basic_text — Electron safeStorage on Linux without a keyring: a fixed, publicly known key.
 * keyfile    — AES-256-GCM with a random key in `vault.key` beside the data (host mode / fallback).
 */
export type VaultProtection = 'os' | 'basic_text' | 'keyfile';

export interface CredentialVault {
  get(id: string): Promise<string | undefined>;
  set(id: string, secret: string): Promise<void>;
  /** Stores many secrets with one write of the file (a bulk import). */
  setMany(entries: ReadonlyArray<readonly [id: string, secret: string]>): Promise<void>;
  delete(id: string): Promise<void>;
  has(id: string): Promise<boolean>;
  readonly protection: VaultProtection;
  /** English sentence for logs/support when protection is weaker than the OS keystore. */
  readonly warning?: string;
  /** Found while opening: credentials.json moved aside, weak protection. */
  readonly problems: readonly Problem[];
}

/** How one entry was encrypted; lets a vault refuse (clearly) what it cannot decrypt. */
export type CipherScheme = 'safe-storage' | 'aes-256-gcm-keyfile';

export interface SecretCipher {
  readonly scheme: CipherScheme;
  encrypt(id: string, plain: string): Promise<Buffer>;
  /** `reEncrypt` asks the vault to store a fresh ciphertext (the OS rotated its key). */
  decrypt(id: string, blob: Buffer): Promise<{ plain: string; reEncrypt: boolean }>;
}

export const MAX_SECRET_LENGTH = 4096;
