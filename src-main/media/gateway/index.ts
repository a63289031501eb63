export { LiveGateway, type LiveGatewayOptions, type IssueOptions, type GatewayHub } from './gateway.js';
export type { GatewayCounters, RejectReason } from './counters.js';
export type { LiveFormat } from './tokens.js';
