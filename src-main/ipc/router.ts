import { channels, isChannelName, type ChannelName, type InvokeResult, type ReqParsed, type Res } from '../common/contract/index.js';
import { isErrorCode, isSkywallError } from '../common/model/errors.js';
import type { SenderInfo } from './sender.js';

export interface CallContext {
  sender: SenderInfo;
}

export type Handlers = {
  [C in ChannelName]: (req: ReqParsed<C>, ctx: CallContext) => Promise<Res<C>> | Res<C>;
};

export interface RouterOptions {
  isTrusted: (sender: SenderInfo) => boolean;
  onInternalError?: (channel: string, error: unknown) => void;
}

export interface Router {
  handle(channel: unknown, payload: unknown, sender: SenderInfo): Promise<InvokeResult>;
}

function fail(code: string, message: string, params?: Record<string, string | number>): InvokeResult {
  return params ? { ok: false, error: { code, message, params } } : { ok: false, error: { code, message } };
}

/**
 * The single gate in front of every service: sender check, then schema parse, then dispatch.
 * It never throws; every failure comes back as a typed error.
 */
export function createRouter(handlers: Handlers, options: RouterOptions): Router {
  return {
    async handle(channel, payload, sender) {
      if (!options.isTrusted(sender)) return fail('forbidden_sender', 'sender is not an application window');
      if (!isChannelName(channel)) return fail('unknown_channel', 'no such channel', { channel: typeof channel === 'string' ? channel.slice(0, 80) : typeof channel });
      const spec = channels[channel];
      const parsed = spec.req.safeParse(payload ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const path = issue?.path.join('.') || '(root)';
        // Schemas that know better (e.g. displayName) name a specific error code and its limit.
        const specific = issue?.code === 'custom' ? (issue.params as { errorCode?: unknown; max?: unknown } | undefined) : undefined;
        if (typeof specific?.errorCode === 'string' && isErrorCode(specific.errorCode)) {
          return fail(specific.errorCode, `${channel}: ${path}: ${issue?.message}`, { channel, path, ...(typeof specific.max === 'number' ? { max: specific.max } : {}) });
        }
        return fail('bad_payload', `${channel}: ${path}: ${issue?.message ?? 'invalid'}`, { channel, path });
      }
      try {
        const handler = handlers[channel] as (req: unknown, ctx: CallContext) => unknown;
        const value = await handler(parsed.data, { sender });
        // Responses are parsed too: unknown keys (a password, say) are stripped, never sent.
        const out = spec.res.safeParse(value);
        if (!out.success) {
          options.onInternalError?.(channel, out.error);
          return fail('internal', `${channel}: response did not match the contract`);
        }
        return { ok: true, value: out.data };
      } catch (e) {
        if (isSkywallError(e)) return { ok: false, error: e.toShape() };
        options.onInternalError?.(channel, e);
        return fail('internal', `${channel}: unexpected failure`);
      }
    },
  };
}

export type { Res };
