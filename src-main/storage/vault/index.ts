export type { CredentialVault, VaultProtection, CipherScheme } from './credential-vault.js';
export type { SafeStorageLike } from './safe-storage-cipher.js';
export { openKeyFileVault, openSafeStorageVault, CREDENTIALS_DOCUMENT_NAME, type OpenVaultOptions, type OpenSafeStorageVaultOptions } from './open-vault.js';
export { KEY_FILE_NAME } from './keyfile-cipher.js';
