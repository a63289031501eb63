export { MediaRelay, type MediaRelayOptions, type RelayUpstream } from './media-relay.js';
export type { RelayCounters } from './counters.js';
export { RELAY_CLOSE } from './close-codes.js';
export { normalizeFingerprint, type RelayTls } from './upstream-tls.js';
export type { UpstreamFailure } from './upstream-error.js';
