// Device health, the stream budget's refusals on tiles, and bulk import.
export const zh = {
  'budget.badge': '超出限额',
  'budget.refused.streams': '设备“{device}”同时最多传 {max} 路视频，已全部占用：有空位时自动播放。可关闭该设备的其他画面，或在设备设置中调高上限。',
  'budget.refused.bitrate': '设备“{device}”的带宽上限 {maxMbps} Mbit/s 已用满：有空位时自动播放。可改用子码流、关闭该设备的其他画面，或在设备设置中调高上限。',
  'budget.refused.transcodes': '本机同时转码已达上限（{max} 路，受 CPU 限制）：有空位时自动播放。可在摄像机上开启 H.264 子码流以免转码。',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'budget.badge': 'Over limit',
  'budget.refused.streams': 'Device "{device}" carries at most {max} streams at once and all are in use: this tile plays when one is free. Close another tile of this device, or raise the limit in the device settings.',
  'budget.refused.bitrate': 'Device "{device}" is at its bandwidth limit of {maxMbps} Mbit/s: this tile plays when there is room. Use sub-streams, close another tile of this device, or raise the limit in the device settings.',
  'budget.refused.transcodes': 'This computer is already re-encoding as many streams as its CPU allows ({max}): this tile plays when one is free. Enable an H.264 sub-stream on the camera to avoid re-encoding.',
};
