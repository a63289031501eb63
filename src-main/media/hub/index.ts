export { StreamHub, type StreamHubOptions, type HubStats } from './stream-hub.js';
export type { HubConsumer, HubStatus, Subscription, SubscribeOptions, ConsumerStats } from './hub-types.js';
export type { Producer, ProducerEvents, ProducerFactory, ProducerStatus, ProducerError } from './producer.js';
export { ReconnectBackoff, type BackoffOptions } from './backoff.js';
export { ConnectLimiter, type ConnectLimiterOptions } from './connect-limiter.js';
