export { verifyExportFolder } from './verify-package.js';
export { offlineVerifierPage } from './offline/verify-html.js';
export { offlineVerifierScript } from './offline/verify-mjs.js';
export * from './manifest-format.js';
