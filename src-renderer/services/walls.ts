import type { CustomLayout, Wall } from '@common/contract/index.js';
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
  onLayoutsChange: (listener: (layouts: CustomLayout[]) => void): Unsubscribe => subscribe('sw:walls:onDidChangeLayouts', listener),
};
