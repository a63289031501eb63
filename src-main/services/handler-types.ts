import type { z } from 'zod';
import type { ChannelSpec } from '../common/contract/index.js';
import type { CallContext } from '../ipc/router.js';

/**
 * The handlers of one domain, typed by that domain's slice of the contract: every channel of
 * the slice must be present, no other channel may be, and each answers with the slice's response.
 */
export type DomainHandlers<M extends Record<string, ChannelSpec>> = {
  [C in keyof M]: (req: z.output<M[C]['req']>, ctx: CallContext) => Promise<z.output<M[C]['res']>> | z.output<M[C]['res']>;
};
