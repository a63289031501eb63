// Simplified Chinese: the default language. Messages live per domain in messages/<domain>.ts, each
// with its Chinese and English side by side; a new domain adds one line here and one in en.ts.
import * as appMessages from './messages/app.js';
import * as devicesMessages from './messages/devices.js';
import * as wallMessages from './messages/wall.js';
import * as tileMessages from './messages/tile.js';
import * as auditMessages from './messages/audit.js';
import * as errorMessages from './messages/error.js';
import * as exportMessages from './messages/export.js';
import * as replayMessages from './messages/replay.js';
import * as shortcutsMessages from './messages/shortcuts.js';
import * as healthMessages from './messages/health.js';
import * as ptzMessages from './messages/ptz.js';
import * as treeMessages from './messages/tree.js';
import * as platformsMessages from './messages/platforms.js';
import * as tourMessages from './messages/tour.js';
import * as importMessages from './messages/import.js';

export const zhCN = {
  ...appMessages.zh,
  ...devicesMessages.zh,
  ...wallMessages.zh,
  ...tileMessages.zh,
  ...auditMessages.zh,
  ...errorMessages.zh,
  ...exportMessages.zh,
  ...replayMessages.zh,
  ...shortcutsMessages.zh,
  ...healthMessages.zh,
  ...ptzMessages.zh,
  ...treeMessages.zh,
  ...platformsMessages.zh,
  ...tourMessages.zh,
  ...importMessages.zh,
} as const;

export type MessageKey = keyof typeof zhCN;
