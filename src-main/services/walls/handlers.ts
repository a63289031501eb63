import type { wallsChannels } from '../../common/contract/index.js';
import type { DomainHandlers } from '../handler-types.js';
import type { WallSetService } from './scenes.js';
import type { WallsService } from './service.js';

export function wallsHandlers(walls: WallsService, wallSet: WallSetService): DomainHandlers<typeof wallsChannels> {
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
    'sw:walls:create': ({ name, copyOf }) => wallSet.create(name, copyOf),
    'sw:walls:remove': ({ id }) => wallSet.remove(id),
    'sw:walls:show': ({ id }, ctx) => wallSet.show(ctx.sender.displayKey, id),
    'sw:walls:scenes': () => wallSet.scenes(),
    'sw:walls:saveScene': ({ name }) => wallSet.saveScene(name),
    'sw:walls:putScene': (scene) => wallSet.putScene(scene),
    'sw:walls:removeScene': ({ id }) => wallSet.removeScene(id),
    'sw:walls:recallScene': ({ id }) => wallSet.recallScene(id),
    'sw:walls:restore': (snapshot) => wallSet.restore(snapshot),
  };
}
