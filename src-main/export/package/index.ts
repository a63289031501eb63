export { writeExportPackage, type ExportPackageRequest, type ExportPackageResult, type ClipSource } from './build-package.js';
export { installationSigner, signerFromPrivateKey, SIGNING_KEY_VAULT_ID, type ManifestSigner } from './signing-key.js';
export * from './metadata.js';
export { README_FILE, VERIFY_PAGE_FILE, VERIFY_SCRIPT_FILE } from './readme-text.js';
