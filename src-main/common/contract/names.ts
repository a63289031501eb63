// Channel and event names without their schemas, for the preload: it allow-lists by name and
// must stay small (no zod). contract.test.ts keeps these lists equal to the schema maps.
export const CHANNEL_NAME_LIST = [
  'sw:app:getInfo',
  'sw:settings:get',
  'sw:settings:update',
  'sw:devices:list',
  'sw:devices:add',
  'sw:devices:remove',
  'sw:walls:list',
  'sw:walls:save',
  'sw:walls:forWindow',
  'sw:stream:open',
  'sw:stream:close',
] as const;

export const EVENT_NAME_LIST = [
  'sw:app:onDidReportProblem',
  'sw:settings:onDidChange',
  'sw:devices:onDidChange',
  'sw:walls:onDidChange',
  'sw:stream:onDidChangeStatus',
] as const;
