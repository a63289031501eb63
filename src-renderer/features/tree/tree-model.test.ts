import { describe, expect, it } from 'vitest';
import { countyDevices } from '../../../src-main/testing/tree/county-devices.js';
import { areaRows, deviceRows, listRows, type TreeDeviceSource, type TreeRow } from './tree-model.js';

const devices: TreeDeviceSource[] = [
  {
    id: 'nvr-1',
    name: '新荣镇录像机',
    demo: false,
    area: ['新荣区', '新荣镇'],
    cameras: [
      { id: 'c1', name: '新荣镇东村路口', ptz: false, area: ['新荣区', '新荣镇', '东村'] },
      { id: 'c2', name: '新荣镇政府', ptz: true },
    ],
  },
  { id: 'cam-9', name: '古店镇桥头', demo: false, area: ['新荣区', '古店镇', '河村', '桥头'], cameras: [{ id: 'c9', name: '古店镇桥头', ptz: false }] },
  { id: 'loose', name: '仓库', demo: false, cameras: [{ id: 'c5', name: '仓库门口', ptz: false }] },
];

const open = { collapsed: new Set<string>() };
const line = (r: TreeRow) => `${'  '.repeat(r.depth)}${r.type === 'group' ? `[${r.unplaced ? '?' : r.label}] ${r.cameraIds.join(',')}` : r.name}`;

describe('deviceRows', () => {
  it('lists each device with its channels under it', () => {
    expect(deviceRows(devices, open).map(line)).toEqual([
      '[新荣镇录像机] c1,c2',
      '  新荣镇东村路口',
      '  新荣镇政府',
      '[古店镇桥头] c9',
      '  古店镇桥头',
      '[仓库] c5',
      '  仓库门口',
    ]);
  });

  it('hides the channels of a collapsed device but keeps all of them for a drag', () => {
    const rows = deviceRows(devices, { collapsed: new Set(['dev:nvr-1']) });
    expect(rows.map(line).slice(0, 2)).toEqual(['[新荣镇录像机] c1,c2', '[古店镇桥头] c9']);
    expect(rows[0]).toMatchObject({ expanded: false, deviceId: 'nvr-1' });
  });

  it('keeps only matching cameras and their devices, opened, while searching', () => {
    const rows = deviceRows(devices, { collapsed: new Set(['dev:nvr-1']), only: new Set(['c2']) });
    expect(rows.map(line)).toEqual(['[新荣镇录像机] c2', '  新荣镇政府']);
  });
});

describe('areaRows', () => {
  it('groups county, township, village and site, a camera falling back to its device area', () => {
    expect(areaRows(devices, open).map(line)).toEqual([
      '[新荣区] c9,c1,c2',
      '  [古店镇] c9',
      '    [河村] c9',
      '      [桥头] c9',
      '        古店镇桥头',
      '  [新荣镇] c1,c2',
      '    [东村] c1',
      '      新荣镇东村路口',
      '    新荣镇政府',
      '[?] c5',
      '  仓库门口',
    ]);
  });

  it('collapses an area and narrows to matches', () => {
    expect(areaRows(devices, { collapsed: new Set(['area:/新荣区']) }).map(line)).toEqual(['[新荣区] c9,c1,c2', '[?] c5', '  仓库门口']);
    expect(areaRows(devices, { ...open, only: new Set(['c1']) }).map(line)).toEqual(['[新荣区] c1', '  [新荣镇] c1', '    [东村] c1', '      新荣镇东村路口']);
  });

  it('groups 1,000 cameras of a county into its townships', () => {
    const rows = areaRows(countyDevices(1000), open);
    expect(rows.filter((r) => r.type === 'camera')).toHaveLength(1000);
    expect(rows.filter((r) => r.type === 'group' && r.depth === 1)).toHaveLength(8);
  });
});

describe('listRows', () => {
  it('lists favourites in their order, skipping cameras that are gone', () => {
    expect(listRows(devices, ['c9', 'gone', 'c1'], {}, 'fav:').map((r) => r.type === 'camera' && `${r.name}/${r.deviceName}`)).toEqual(['古店镇桥头/古店镇桥头', '新荣镇东村路口/新荣镇录像机']);
  });
});
