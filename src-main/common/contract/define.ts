import { z } from 'zod';

/** A request/response pair for one `sw:<domain>:<verb>` channel. */
export interface ChannelSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  req: Req;
  res: Res;
}

export const CHANNEL_PATTERN = /^sw:[a-z]+:[a-z][A-Za-z]*$/;
export const EVENT_PATTERN = /^sw:[a-z]+:onDid[A-Z][A-Za-z]*$/;

export const Empty = z.object({}).strict();
export const Ok = z.object({ ok: z.literal(true) });
export const Id = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/);
