import type { z } from 'zod';
import { appChannels, appEvents } from './app.js';
import { auditChannels, auditEvents } from './audit.js';
import { devicesChannels, devicesEvents } from './devices.js';
import { exportChannels, exportEvents } from './export.js';
import { platformsChannels, platformsEvents } from './platforms.js';
import { ptzChannels, ptzEvents } from './ptz.js';
import { healthChannels, healthEvents } from './health.js';
import { importChannels, importEvents } from './import.js';
import { settingsChannels, settingsEvents } from './settings.js';
import { streamChannels, streamEvents } from './stream.js';
import { wallsChannels, wallsEvents } from './walls.js';

export const channels = {
  ...appChannels,
  ...settingsChannels,
  ...devicesChannels,
  ...wallsChannels,
  ...streamChannels,
  ...exportChannels,
  ...auditChannels,
  ...ptzChannels,
  ...platformsChannels,
  ...healthChannels,
  ...importChannels,
} as const;

export const events = {
  ...appEvents,
  ...settingsEvents,
  ...devicesEvents,
  ...wallsEvents,
  ...streamEvents,
  ...exportEvents,
  ...auditEvents,
  ...ptzEvents,
  ...platformsEvents,
  ...healthEvents,
  ...importEvents,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;
export type Req<C extends ChannelName> = z.input<Channels[C]['req']>;
export type ReqParsed<C extends ChannelName> = z.output<Channels[C]['req']>;
export type Res<C extends ChannelName> = z.output<Channels[C]['res']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** Wire result of every invoke: never a thrown error across the boundary. */
export type InvokeResult<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; message: string; params?: Record<string, string | number> } };

export * from './app.js';
export * from './audit.js';
export * from './devices.js';
export * from './display-name.js';
export * from './export.js';
export * from './platforms.js';
export * from './ptz.js';
export * from './health.js';
export * from './import.js';
export * from './settings.js';
export * from './stream.js';
export * from './walls.js';
export * from './define.js';
