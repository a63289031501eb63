// The wall: layouts and assignment.
export const zh = {
  'wall.title': '视频墙',
  'wall.defaultName': '墙 {n}',
  'wall.layout': '布局',
  'wall.assign': '双击摄像机放入选中的窗格',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'wall.title': 'Video wall',
  'wall.defaultName': 'Wall {n}',
  'wall.layout': 'Layout',
  'wall.assign': 'Double-click a camera to put it in the selected tile',
};
