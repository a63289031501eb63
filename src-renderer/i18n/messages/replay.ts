// Instant replay inside a tile: back 30 s, pause, step, back to live.
export const zh = {
  'replay.open': '回放 30 秒',
  'replay.loading': '正在取回放…',
  'replay.badge': '回放',
  'replay.behind': '比实时晚 {n} 秒',
  'replay.pause': '暂停',
  'replay.play': '播放',
  'replay.stepBack': '上一帧',
  'replay.stepForward': '下一帧',
  'replay.back10': '后退 10 秒',
  'replay.live': '回到直播',
  'replay.ended': '已放到缓存末尾',
  'replay.short': '缓存只有 {n} 秒',
  'replay.noVideo': '还没有可回放的画面：画面出现后才开始缓存',
  'replay.failed': '无法回放，请稍后重试',
};

export const en: Record<keyof typeof zh, string> = {
  'replay.open': 'Replay 30 s',
  'replay.loading': 'Fetching the replay…',
  'replay.badge': 'Replay',
  'replay.behind': '{n} s behind live',
  'replay.pause': 'Pause',
  'replay.play': 'Play',
  'replay.stepBack': 'Previous frame',
  'replay.stepForward': 'Next frame',
  'replay.back10': 'Back 10 s',
  'replay.live': 'Back to live',
  'replay.ended': 'End of the buffer',
  'replay.short': 'Only {n} s buffered',
  'replay.noVideo': 'Nothing to replay yet: buffering starts when the picture does',
  'replay.failed': 'Cannot replay; try again shortly',
};
