// Skywall in host mode for the benchmarks: starts dist/main/host-main.js on a fresh data folder,
// adds cameras and lays out the wall through the IPC contract, like the renderer would.
import { startHostApp, type HostApp } from '../support/host-app.js';
import { connectSkywallIpc, type SkywallIpc } from './skywall-ipc.js';

export interface BenchCamera {
  id: string;
  url: string;
}

export interface SkywallBenchApp {
  /** A page to open: each call gives a new one-time page URL (token in the fragment). */
  pageUrl(): Promise<string>;
  readonly ipc: SkywallIpc;
  /** The host (main) process id. */
  readonly pid: number | undefined;
  addCameras(deviceName: string, port: number, cameras: BenchCamera[]): Promise<void>;
  /** Saves the window's wall as rows x cols with these cameras (null = empty tile), main profile. */
  showWall(rows: number, cols: number, cameraIds: Array<string | null>): Promise<void>;
  output(): string;
  stop(): Promise<void>;
}

interface WallShape {
  id: string;
  name: string;
}

export async function startSkywall(): Promise<SkywallBenchApp> {
  const host: HostApp = await startHostApp({ env: { SKYWALL_LOG_LEVEL: process.env.SKYWALL_LOG_LEVEL ?? 'warn' } });
  let ipc: SkywallIpc;
  try {
    ipc = await connectSkywallIpc(await host.newPageUrl());
  } catch (e) {
    await host.stop();
    throw e;
  }
  const wall = await ipc.invoke<WallShape>('sw:walls:forWindow', {});
  return {
    pageUrl: () => host.newPageUrl(),
    ipc,
    pid: host.pid,
    async addCameras(deviceName, port, cameras) {
      await ipc.invoke('sw:devices:add', {
        name: deviceName,
        kind: 'rtsp',
        host: '127.0.0.1',
        port,
        cameras: cameras.map((c) => ({ id: c.id, name: c.id, ptz: false, sources: [{ profile: 'main', url: c.url, codec: 'h264' }] })),
      });
    },
    async showWall(rows, cols, cameraIds) {
      const tiles = Array.from({ length: rows * cols }, (_, i) => ({ cameraId: cameraIds[i] ?? null, profile: 'main' }));
      await ipc.invoke('sw:walls:save', { id: wall.id, name: wall.name, rows, cols, tiles });
    },
    output: () => host.output(),
    async stop() {
      ipc.close();
      await host.stop();
    },
  };
}
