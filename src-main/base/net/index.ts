// The loopback server kit: what every Skywall server on 127.0.0.1 does the same way.
export { guardRequest, guardUpgrade, reportHandlerError, type HandlerErrorSink, type RequestHandler, type UpgradeHandler } from './boundary.js';
export { listenLoopback, listeningPort, LOOPBACK_HOST, refuseRequest, refuseUpgrade, type RefusalStatus } from './loopback.js';
export { APP_PAGE_ORIGINS, originAllowed, type OriginPolicy } from './origin-policy.js';
export { MAX_TARGET_LENGTH, parseRequestTarget, safeDecode, type RequestTarget } from './request-target.js';
export { newSecret, sameSecret, TokenStore, type RedeemFailure, type RedeemResult, type TokenStoreOptions } from './token-store.js';
