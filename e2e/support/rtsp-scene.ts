import type { Wall } from '@common/contract/index.js';
import type { connectContract } from './contract-client.js';

type Contract = Awaited<ReturnType<typeof connectContract>>;

export interface RtspCameraScene {
  /** Camera id, also its name in upper case. */
  id: string;
  deviceName: string;
  url: string;
  /** Left out: the camera was added without saying (as the add form does); the stream tells. */
  codec?: 'h264' | 'h265';
  username?: string;
  password?: string;
}

/** Adds one RTSP camera as a device of its own and shows it alone on a 1x1 wall. Returns that wall. */
export async function showRtspCameraAlone(contract: Contract, scene: RtspCameraScene): Promise<Wall> {
  const u = new URL(scene.url);
  await contract.call('sw:devices:add', {
    name: scene.deviceName,
    kind: 'rtsp',
    host: u.hostname,
    port: Number(u.port || 554),
    ...(scene.username ? { username: scene.username } : {}),
    ...(scene.password ? { password: scene.password } : {}),
    cameras: [{ id: scene.id, name: scene.id.toUpperCase(), ptz: false, sources: [{ profile: 'main', url: scene.url, ...(scene.codec ? { codec: scene.codec } : {}) }] }],
  });
  const wall = await contract.call('sw:walls:forWindow', {});
  return contract.call('sw:walls:save', { ...wall, rows: 1, cols: 1, tiles: [{ cameraId: scene.id, profile: 'main' }] });
}
