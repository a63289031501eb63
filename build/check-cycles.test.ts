import { describe, expect, it } from 'vitest';
import { cycles, importGraph, layerGraph, type Graph } from './check-cycles.mjs';

const graph = (edges: Record<string, string[]>): Graph => new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));

describe('cycle check', () => {
  it('finds a file circle, a self-import, and nothing in a tree', () => {
    expect(cycles(graph({ a: ['b'], b: ['c'], c: ['a'], d: ['a'] }))).toEqual([['a', 'b', 'c']]);
    expect(cycles(graph({ a: ['a'] }))).toEqual([['a']]);
    expect(cycles(graph({ a: ['b', 'c'], b: ['c'], c: [] }))).toEqual([]);
  });

  it('finds a layer circle made of product files (media ⇄ demo), not one made by tests or the test kit', () => {
    const product = graph({ 'src-main/media/hub/a.ts': ['src-main/demo/rtsp/b.ts'], 'src-main/demo/rtsp/b.ts': ['src-main/media/codec/c.ts'], 'src-main/media/codec/c.ts': [] });
    expect(cycles(layerGraph(product))).toEqual([['demo', 'media']]);
    const viaTests = graph({
      'src-main/media/hub/hub.test.ts': ['src-main/testing/hub/fake.ts'],
      'src-main/testing/hub/fake.ts': ['src-main/media/hub/a.ts', 'src-main/demo/rtsp/b.ts'],
      'src-main/demo/rtsp/b.ts': ['src-main/media/codec/c.ts'],
    });
    expect(cycles(layerGraph(viaTests))).toEqual([]);
  });

  it('finds no cycle in this repository', () => {
    const files = importGraph({ runtimeOnly: false });
    // The walk really reads the tree: the storage split and the test-kit move are in it.
    expect(files.get('src-main/storage/document-store.ts')).toContain('src-main/storage/conf-document.ts');
    expect(files.get('src-main/storage/conf-document.ts')).not.toContain('src-main/storage/document-store.ts');
    expect(files.get('src-main/media/hub/hub.test.ts')).toContain('src-main/testing/hub/fake-producer.ts');
    expect(cycles(files)).toEqual([]);
    expect(cycles(layerGraph(importGraph({ runtimeOnly: false })))).toEqual([]);
  });
});
