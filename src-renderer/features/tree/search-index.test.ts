import { describe, expect, it } from 'vitest';
import { countyDevices } from '../../../src-main/testing/tree/county-devices.js';
import { buildSearchIndex, nameKeys, warmNameKeys, type NameKeyCache } from './search-index.js';
import type { TreeDeviceSource } from './tree-model.js';

const devices: TreeDeviceSource[] = [
  {
    id: 'd1',
    name: '东门录像机',
    demo: false,
    cameras: [
      { id: 'a', name: '新荣镇东村路口', ptz: false },
      { id: 'b', name: '花园屯乡学校', ptz: false },
      { id: 'c', name: 'Gate 3 北门', ptz: false },
    ],
  },
];

describe('nameKeys', () => {
  it('works out full pinyin and initials, lower case, no spaces', () => {
    expect(nameKeys('新荣镇 Cam-01')).toEqual({ text: '新荣镇cam-01', full: 'xinrongzhencam-01', initials: 'xrzcam-01' });
  });
});

describe('camera search', () => {
  const index = buildSearchIndex(devices);

  it('finds by pinyin initials: "xrz" finds 新荣镇…', () => {
    expect(index.search('xrz')).toEqual(new Set(['a']));
  });

  it('finds by full pinyin, by Chinese and by Latin letters, any case', () => {
    expect(index.search('huayuan')).toEqual(new Set(['b']));
    expect(index.search('学校')).toEqual(new Set(['b']));
    expect(index.search('GATE')).toEqual(new Set(['c']));
    expect(index.search('beimen')).toEqual(new Set(['c']));
  });

  it('matches every word, a device name counting for its cameras', () => {
    expect(index.search('dm xx')).toEqual(new Set(['b']));
    expect(index.search('dongmen')).toEqual(new Set(['a', 'b', 'c']));
    expect(index.search('xrz hyt')).toEqual(new Set());
  });

  it('answers nothing to search for an empty query', () => {
    expect(index.search('   ')).toBeUndefined();
  });

  it('finds "xrz" among 1,000 cameras of a county', () => {
    const county = buildSearchIndex(countyDevices(1000));
    expect(county.size).toBe(1000);
    const found = county.search('xrz');
    expect(found?.size).toBeGreaterThan(0);
    const names = new Map(countyDevices(1000).flatMap((d) => d.cameras.map((c) => [c.id, c.name])));
    for (const id of found ?? []) expect(names.get(id)).toMatch(/^新荣镇/);
    const sameName = [...names.values()].filter((n) => n === '新荣镇东村村委会1号').length;
    expect(county.search('新荣镇东村村委会1号')?.size).toBe(sameName);
  });

  it('reuses the pinyin of names it has seen', () => {
    const cache: NameKeyCache = new Map();
    buildSearchIndex(devices, cache).search('x');
    const keys = cache.get('花园屯乡学校');
    expect(keys).toBeDefined();
    buildSearchIndex(devices, cache).search('x');
    expect(cache.get('花园屯乡学校')).toBe(keys);
  });

  it('works names out ahead in slices that stop when their time is spent', () => {
    const cache: NameKeyCache = new Map();
    let clock = 0;
    const tick = () => clock++;
    expect(warmNameKeys(devices, cache, 2, tick)).toBe(false);
    expect(cache.size).toBe(1);
    while (!warmNameKeys(devices, cache, 2, tick));
    expect([...cache.keys()].sort()).toEqual(['Gate 3 北门', '东门录像机', '新荣镇东村路口', '花园屯乡学校'].sort());
  });
});
