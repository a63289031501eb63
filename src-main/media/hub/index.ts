export { StreamHub, type StreamHubOptions, type HubStats } from './stream-hub.js';
export type { HubConsumer, HubStatus, Subscription, SubscribeOptions, ConsumerStats } from './hub-types.js';
export type { Producer, ProducerEvents, ProducerFactory, ProducerStatus, ProducerError } from './producer.js';
export { ReconnectBackoff, type BackoffOptions } from './backoff.js';
export { ConnectLimiter, type ConnectLimiterOptions } from './connect-limiter.js';
export { StreamBudget, transcodeCapForCpus, refusalParams, type BudgetLimits, type BudgetEntry, type BudgetVerdict, type BudgetLimitKind } from './budget.js';
export { describeCamera, effectiveLimits, estimateKbps, type BudgetDevice } from './budget-defaults.js';
export { BudgetArbiter, type TileWish as BudgetTileWish, type TileProfile, type BudgetArbiterOptions } from './budget-arbiter.js';
