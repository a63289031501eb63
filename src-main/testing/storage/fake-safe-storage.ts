// Stand-in for Electron's safeStorage (the real one needs a running Electron app). Same method
// names and shapes; encrypts for real (AES-GCM with a per-instance key, `v11` prefix like
// Chromium's OSCrypt on Linux) so tests can check that ciphertext does not reveal the secret.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../storage/vault/safe-storage-cipher.js';

export interface FakeSafeStorageOptions {
  backend?: string;
  available?: boolean;
  /** Omit the async API, like Electron before 39. */
  syncOnly?: boolean;
  key?: Buffer;
}

export interface FakeSafeStorage extends SafeStorageLike {
  calls: string[];
  /** Makes the next decryptStringAsync report shouldReEncrypt (key rotation). */
  rotateOnce(): void;
  readonly key: Buffer;
}

export function createFakeSafeStorage(opts: FakeSafeStorageOptions = {}): FakeSafeStorage {
  const key = opts.key ?? randomBytes(32);
  const calls: string[] = [];
  let rotate = false;
  const available = opts.available ?? true;
  const encrypt = (plain: string): Buffer => {
    if (!available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([Buffer.from('v11'), iv, c.getAuthTag(), body]);
  };
  const decrypt = (buf: Buffer): string => {
    if (buf.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const d = createDecipheriv('aes-256-gcm', key, buf.subarray(3, 15));
    d.setAuthTag(buf.subarray(15, 31));
    return Buffer.concat([d.update(buf.subarray(31)), d.final()]).toString('utf8');
  };
  const fake: FakeSafeStorage = {
    calls,
    key,
    rotateOnce: () => {
      rotate = true;
    },
    isEncryptionAvailable: () => {
      calls.push('isEncryptionAvailable');
      return available;
    },
    encryptString: (plain) => {
      calls.push('encryptString');
      return encrypt(plain);
    },
    decryptString: (buf) => {
      calls.push('decryptString');
      return decrypt(buf);
    },
    getSelectedStorageBackend: () => {
      calls.push('getSelectedStorageBackend');
      return opts.backend ?? 'gnome_libsecret';
    },
  };
  if (!opts.syncOnly) {
    fake.isAsyncEncryptionAvailable = async () => {
      calls.push('isAsyncEncryptionAvailable');
      return available;
    };
    fake.encryptStringAsync = async (plain) => {
      calls.push('encryptStringAsync');
      return encrypt(plain);
    };
    fake.decryptStringAsync = async (buf) => {
      calls.push('decryptStringAsync');
      const shouldReEncrypt = rotate;
      rotate = false;
      return { result: decrypt(buf), shouldReEncrypt };
    };
  }
  return fake;
}
