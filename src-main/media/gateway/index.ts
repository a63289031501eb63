export { LiveGateway, type LiveGatewayOptions, type IssueOptions, type GatewayHub } from './gateway.js';
export type { GatewayCounters, RejectReason } from './counters.js';
export type { Fmp4FactsMessage } from './formats.js';
export type { LiveFormat } from './tokens.js';
export { DEFAULT_ALLOWED_ORIGINS, type OriginPolicy } from './origin.js';
