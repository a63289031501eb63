// What a gateway token grants. The tokens themselves live in base/net's TokenStore: random,
// bound to one stream id, valid once, and only for a short time if unused.

export type LiveFormat = 'fmp4' | 'flv';

export interface TokenGrant {
  streamId: string;
  /** Hub source key (camera + profile). */
  key: string;
  format: LiveFormat;
  /** FLV only: carry AAC audio. */
  audio: boolean;
}
