// English, on request. Assembled from the same per-domain message files as zh-CN.ts.
import type { MessageKey } from './zh-CN.js';
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

export const en: Record<MessageKey, string> = {
  ...appMessages.en,
  ...devicesMessages.en,
  ...wallMessages.en,
  ...tileMessages.en,
  ...auditMessages.en,
  ...errorMessages.en,
  ...exportMessages.en,
  ...replayMessages.en,
  ...shortcutsMessages.en,
  ...healthMessages.en,
  ...ptzMessages.en,
  ...treeMessages.en,
  ...platformsMessages.en,
  ...tourMessages.en,
  ...importMessages.en,
};
