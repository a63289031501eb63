// Factories for the two vault flavours. Both keep secrets in `<dir>/credentials.json`.
import type { Problem } from '../../common/contract/app.js';
import { SkywallError } from '../../common/model/errors.js';
import { openDocumentStore, type DocumentBackend } from '../document-store.js';
import { CredentialsFile } from './credentials-file.js';
import type { CredentialVault, VaultProtection } from './credential-vault.js';
import { FileVault } from './file-vault.js';
import { createKeyFileCipher, loadOrCreateKey } from './keyfile-cipher.js';
import { createSafeStorageCipher, isSafeStorageAvailable, type SafeStorageLike } from './safe-storage-cipher.js';

export const CREDENTIALS_DOCUMENT_NAME = 'credentials';

export interface OpenVaultOptions {
  /** Folder for credentials.json (and vault.key for the key-file vault). */
  dir: string;
  /** Document backend for credentials.json; default 'conf'. */
  backend?: DocumentBackend;
  now?: () => Date;
}

export interface OpenSafeStorageVaultOptions extends OpenVaultOptions {
  /** Electron's `safeStorage`, passed in so this module never imports electron. Call after app 'ready'. */
  safeStorage: SafeStorageLike;
  /** Default process.platform; tests pass 'linux' to exercise backend detection. */
  platform?: NodeJS.Platform;
}

function keyFileWarning(keyPath: string): string {
  return `device passwords are encrypted with a key file stored beside them (${keyPath}); anyone who can read that folder can decrypt them — restrict access to it`;
}

const BASIC_TEXT_WARNING =
  "no OS keyring is available (Linux password store 'basic_text'): device passwords are only obfuscated with a fixed, public key — install or unlock GNOME Keyring/KWallet, or start Skywall with --password-store=gnome-libsecret";

function weakProtectionProblem(protection: VaultProtection, at: Date): Problem {
  return { code: 'vault_weak_protection', params: { protection }, at: at.toISOString() };
}

async function openFile(opts: OpenVaultOptions): Promise<{ file: CredentialsFile; problems: Problem[] }> {
  const store = await openDocumentStore({ backend: opts.backend ?? 'conf', dir: opts.dir, name: CREDENTIALS_DOCUMENT_NAME });
  return CredentialsFile.load(store, opts.now ?? (() => new Date()));
}

async function buildKeyFileVault(opts: OpenVaultOptions, reason: string): Promise<CredentialVault> {
  const now = opts.now ?? (() => new Date());
  const { key, keyPath } = await loadOrCreateKey(opts.dir);
  const { file, problems } = await openFile(opts);
  return new FileVault({
    file,
    cipher: createKeyFileCipher(key),
    protection: 'keyfile',
    warning: `${reason}${keyFileWarning(keyPath)}`,
    problems: [...problems, weakProtectionProblem('keyfile', now())],
  });
}

/** Host mode: AES-256-GCM with `<dir>/vault.key` (created on first use, mode 0600). */
export function openKeyFileVault(opts: OpenVaultOptions): Promise<CredentialVault> {
  return buildKeyFileVault(opts, '');
}

/**
 * Electron: safeStorage. On Linux without a keyring (`basic_text`) it still works but warns.
 * If safeStorage cannot encrypt at all, it falls back to the key-file vault (with its warning)
 * rather than leaving the operator unable to save passwords.
 */
export async function openSafeStorageVault(opts: OpenSafeStorageVaultOptions): Promise<CredentialVault> {
  const now = opts.now ?? (() => new Date());
  const platform = opts.platform ?? process.platform;
  const ss = opts.safeStorage;
  const linuxBackend = platform === 'linux' && typeof ss.getSelectedStorageBackend === 'function' ? ss.getSelectedStorageBackend() : undefined;
  if (linuxBackend === 'unknown') {
    throw new SkywallError('storage', "safeStorage reports backend 'unknown': open the vault after Electron's app 'ready' event");
  }
  if (!(await isSafeStorageAvailable(ss))) {
    return buildKeyFileVault(opts, `OS encryption (safeStorage) is unavailable${linuxBackend ? ` (backend '${linuxBackend}')` : ''}; `);
  }
  const { file, problems } = await openFile(opts);
  const protection: VaultProtection = linuxBackend === 'basic_text' ? 'basic_text' : 'os';
  return new FileVault({
    file,
    cipher: createSafeStorageCipher(ss),
    protection,
    ...(protection === 'basic_text' ? { warning: BASIC_TEXT_WARNING } : {}),
    problems: protection === 'basic_text' ? [...problems, weakProtectionProblem('basic_text', now())] : problems,
  });
}
