import type { CustomLayout, Scene, Wall, WallsRestore, WallsSnapshot } from '@common/contract/index.js';
import { call, subscribe } from './bridge.js';
import type { Unsubscribe } from './sync.js';

export const wallsService = {
  /** The wall this window shows (main remembers it per display). */
  forWindow: (): Promise<Wall> => call('sw:walls:forWindow', {}),
  save: (wall: Wall): Promise<Wall> => call('sw:walls:save', wall),
  onChange: (listener: (walls: Wall[]) => void): Unsubscribe => subscribe('sw:walls:onDidChange', listener),
  layouts: (): Promise<CustomLayout[]> => call('sw:walls:layouts', {}),
  saveLayout: (layout: CustomLayout): Promise<CustomLayout> => call('sw:walls:saveLayout', layout),
  removeLayout: (id: string): Promise<void> => call('sw:walls:removeLayout', { id }).then(() => undefined),
  list: (): Promise<Wall[]> => call('sw:walls:list', {}),
  create: (name: string, copyOf?: string): Promise<Wall> => call('sw:walls:create', copyOf ? { name, copyOf } : { name }),
  remove: (id: string): Promise<WallsSnapshot> => call('sw:walls:remove', { id }),
  show: (id: string): Promise<Wall> => call('sw:walls:show', { id }),
  scenes: (): Promise<Scene[]> => call('sw:walls:scenes', {}),
  saveScene: (name: string): Promise<{ scene: Scene; replaced?: Scene }> => call('sw:walls:saveScene', { name }),
  putScene: (scene: Scene): Promise<Scene> => call('sw:walls:putScene', scene),
  removeScene: (id: string): Promise<Scene> => call('sw:walls:removeScene', { id }),
  recallScene: (id: string): Promise<WallsSnapshot> => call('sw:walls:recallScene', { id }),
  restore: (snapshot: WallsRestore): Promise<WallsSnapshot> => call('sw:walls:restore', snapshot),
  onScenesChange: (listener: (scenes: Scene[]) => void): Unsubscribe => subscribe('sw:walls:onDidChangeScenes', listener),
  onLayoutsChange: (listener: (layouts: CustomLayout[]) => void): Unsubscribe => subscribe('sw:walls:onDidChangeLayouts', listener),
};
