export { LiveGateway, type LiveGatewayOptions, type IssueOptions, type GatewayHub } from './gateway.js';
export type { GatewayCounters, RejectReason } from './counters.js';
export { TokenStore, type LiveFormat, type RedeemResult } from './tokens.js';
export { DEFAULT_ALLOWED_ORIGINS, originAllowed, type OriginPolicy } from './origin.js';
