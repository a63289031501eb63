// The one place where domain handlers meet. `Handlers` names every contract channel, so a
// channel with no handler (or a domain left out of the set) does not compile: see
// compose.typecheck.ts.
import type { appChannels, auditChannels, devicesChannels, exportChannels, healthChannels, importChannels, platformsChannels, ptzChannels, settingsChannels, streamChannels, wallsChannels } from '../common/contract/index.js';
import type { Handlers } from '../ipc/router.js';
import type { DomainHandlers } from './handler-types.js';

export interface DomainHandlerSet {
  app: DomainHandlers<typeof appChannels>;
  settings: DomainHandlers<typeof settingsChannels>;
  devices: DomainHandlers<typeof devicesChannels>;
  walls: DomainHandlers<typeof wallsChannels>;
  stream: DomainHandlers<typeof streamChannels>;
  export: DomainHandlers<typeof exportChannels>;
  audit: DomainHandlers<typeof auditChannels>;
  ptz: DomainHandlers<typeof ptzChannels>;
  platforms: DomainHandlers<typeof platformsChannels>;
  health: DomainHandlers<typeof healthChannels>;
  import: DomainHandlers<typeof importChannels>;
}

export function composeHandlers(set: DomainHandlerSet): Handlers {
  const all: Handlers = { ...set.app, ...set.settings, ...set.devices, ...set.walls, ...set.stream, ...set.export, ...set.audit, ...set.ptz, ...set.platforms, ...set.health, ...set.import };
  return all;
}
