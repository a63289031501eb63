// A county's worth of cameras for tests, the bench and the screenshots: named as township
// consoles name them, placed in county / township / village / site.
import type { TreeDeviceSource } from '../../../src-renderer/features/tree/tree-model.js';

const TOWNSHIPS = ['新荣镇', '花园屯乡', '破鲁堡乡', '堡子湾乡', '西村乡', '郭家窑乡', '上深涧乡', '古店镇'];
const VILLAGES = ['东村', '西村', '南关村', '北岭村', '大河村', '石门村'];
const SITES = ['村委会', '路口', '学校门口', '卫生院', '桥头', '集市'];

/** `count` cameras on NVRs of 16 channels each, areas filled in on the NVR. */
export function countyDevices(count: number, county = '新荣区'): TreeDeviceSource[] {
  const devices: TreeDeviceSource[] = [];
  for (let n = 0; n * 16 < count; n++) {
    const township = TOWNSHIPS[n % TOWNSHIPS.length];
    const village = VILLAGES[Math.floor(n / TOWNSHIPS.length) % VILLAGES.length];
    const cameras = Array.from({ length: Math.min(16, count - n * 16) }, (_, i) => {
      const site = SITES[i % SITES.length];
      return { id: `cam-${n}-${i + 1}`, name: `${township}${village}${site}${i + 1}号`, ptz: i % 5 === 0, area: [county, township, village, site] };
    });
    devices.push({ id: `nvr-${n}`, name: `${township}${village}录像机${n + 1}`, demo: false, area: [county, township, village], cameras });
  }
  return devices;
}
