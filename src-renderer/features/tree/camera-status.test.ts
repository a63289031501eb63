import { describe, expect, it } from 'vitest';
import { cameraStatuses } from './camera-status.js';

const devices = [
  { cameras: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }] },
  { loginRefused: { at: '2026-12-03T10:00:00Z' }, cameras: [{ id: 'locked' }] },
];

describe('camera status in the tree', () => {
  it('a camera on no wall takes its state from the health checks: online, offline, authentication failed', () => {
    const s = cameraStatuses({ tiles: [], health: { a: { state: 'online' }, b: { state: 'offline' }, c: { state: 'auth_failed' } }, devices });
    expect([s.get('a'), s.get('b'), s.get('c'), s.get('d')]).toEqual(['online', 'offline', 'auth_failed', undefined]);
  });

  it('a tile that sees the stream outranks the last check; a tile still connecting does not hide it', () => {
    const s = cameraStatuses({
      tiles: [
        { cameraId: 'a', state: 'offline' },
        { cameraId: 'b', state: 'live' },
        { cameraId: 'c', state: 'connecting' },
        { cameraId: 'd' },
      ],
      health: { a: { state: 'online' }, b: { state: 'offline' }, c: { state: 'online' } },
      devices,
    });
    expect([s.get('a'), s.get('b'), s.get('c'), s.get('d')]).toEqual(['offline', 'online', 'online', 'unknown']);
  });

  it('a device whose login was refused marks its cameras whatever else is known', () => {
    const s = cameraStatuses({ tiles: [{ cameraId: 'locked', state: 'live' }], health: { locked: { state: 'online' } }, devices });
    expect(s.get('locked')).toBe('auth_failed');
  });
});
