// Checked by `tsc` only (never run or bundled): proves that the composition root's type
// covers every channel. Each @ts-expect-error fails the typecheck if the line compiles.
import type { wallsChannels } from '../common/contract/index.js';
import type { Handlers } from '../ipc/router.js';
import type { DomainHandlerSet } from './compose.js';
import type { DomainHandlers } from './handler-types.js';

declare const set: DomainHandlerSet;
const wall = { id: 'w', name: 'W', rows: 1, cols: 1, tiles: [{ cameraId: null, profile: 'main' as const }] };

// A domain left out of the merge leaves its channels without a handler.
// @ts-expect-error sw:walls:* have no handler
export const withoutWalls: Handlers = { ...set.app, ...set.settings, ...set.devices, ...set.stream, ...set.audit };

// A domain slice missing one channel.
// @ts-expect-error sw:walls:forWindow has no handler
export const missingForWindow: DomainHandlers<typeof wallsChannels> = { 'sw:walls:list': () => [], 'sw:walls:save': () => wall };

// A slice may not carry another domain's channel.
export const strayChannel: DomainHandlers<typeof wallsChannels> = {
  ...set.walls,
  'sw:walls:list': () => [],
  'sw:walls:save': () => wall,
  'sw:walls:forWindow': () => wall,
  // @ts-expect-error sw:stream:close belongs to the stream domain
  'sw:stream:close': () => ({ ok: true as const }),
};

// A handler answering off-contract.
export const wrongAnswer: DomainHandlers<typeof wallsChannels> = {
  ...set.walls,
  // @ts-expect-error a wall list is not a number
  'sw:walls:list': () => 42,
  'sw:walls:save': () => wall,
  'sw:walls:forWindow': () => wall,
};

// A set without one domain does not type as the full set.
// @ts-expect-error the stream domain is missing
export const incompleteSet: DomainHandlerSet = { app: set.app, settings: set.settings, devices: set.devices, walls: set.walls, audit: set.audit };
