// Secret encryption through Electron's safeStorage. The object is passed in by the Electron main
// process, so this module never imports electron. The async API (Electron 39+) is preferred:
// the sync one is deprecated and can block the main thread on a keyring prompt.
import type { SecretCipher } from './credential-vault.js';

/** The part of Electron's `safeStorage` we use; optional members vary by version and platform. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  encryptStringAsync?(plainText: string): Promise<Buffer>;
  decryptStringAsync?(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

export async function isSafeStorageAvailable(ss: SafeStorageLike): Promise<boolean> {
  if (typeof ss.isAsyncEncryptionAvailable === 'function') return ss.isAsyncEncryptionAvailable();
  return ss.isEncryptionAvailable();
}

// The id travels inside the ciphertext so that swapping two entries in the file is detected
// (the key-file cipher gets the same property from GCM's associated data).
function wrap(id: string, plain: string): string {
  return `skywall-vault-v1:${id}\n${plain}`;
}

function unwrap(id: string, text: string): string {
  const prefix = wrap(id, '');
  if (!text.startsWith(prefix)) throw new Error('the entry belongs to another id or was altered');
  return text.slice(prefix.length);
}

export function createSafeStorageCipher(ss: SafeStorageLike): SecretCipher {
  return {
    scheme: 'safe-storage',
    async encrypt(id, plain) {
      if (typeof ss.encryptStringAsync === 'function') return ss.encryptStringAsync(wrap(id, plain));
      return ss.encryptString(wrap(id, plain));
    },
    async decrypt(id, blob) {
      if (typeof ss.decryptStringAsync === 'function') {
        const out = await ss.decryptStringAsync(blob);
        return { plain: unwrap(id, out.result), reEncrypt: out.shouldReEncrypt };
      }
      return { plain: unwrap(id, ss.decryptString(blob)), reEncrypt: false };
    },
  };
}
