import type { wallsChannels } from '../../common/contract/index.js';
import type { DomainHandlers } from '../handler-types.js';
import type { WallsService } from './service.js';

export function wallsHandlers(walls: WallsService): DomainHandlers<typeof wallsChannels> {
  return {
    'sw:walls:list': () => walls.list(),
    'sw:walls:save': (wall) => walls.save(wall),
    'sw:walls:forWindow': (_req, ctx) => walls.forDisplay(ctx.sender.displayKey),
    'sw:walls:layouts': () => walls.layouts(),
    'sw:walls:saveLayout': (layout) => walls.saveLayout(layout),
    'sw:walls:removeLayout': ({ id }) => {
      walls.removeLayout(id);
      return { ok: true as const };
    },
  };
}
