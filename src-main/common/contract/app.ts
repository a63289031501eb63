import { z } from 'zod';
import { Empty } from './define.js';
import { ERROR_CODES } from '../model/errors.js';

export const Problem = z.object({
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  at: z.string(),
});
export type Problem = z.infer<typeof Problem>;

export const AppInfo = z.object({
  name: z.literal('Skywall'),
  version: z.string(),
  mode: z.enum(['electron', 'host']),
  platform: z.string(),
  problems: z.array(Problem),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const ErrorShape = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

export const appChannels = {
  'sw:app:getInfo': { req: Empty, res: AppInfo },
} as const;

export const appEvents = {
  'sw:app:onDidReportProblem': Problem,
} as const;
