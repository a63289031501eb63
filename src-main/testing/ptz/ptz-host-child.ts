// A PTZ host in a process of its own, so a test can kill it (SIGKILL) in the middle of a held
// move and start another on the same data folder. Argv: stub port, data folder.
import { startPtzRig, CAMERA, CLIENT } from './ptz-rig.js';

const [port, dataDir] = process.argv.slice(2);
const rig = await startPtzRig(Number(port), { dataDir: dataDir! });
let held: ReturnType<typeof setInterval> | undefined;

process.on('message', (m: { id: number; op: string }) => {
  if (m.op === 'hold-move') {
    // A key held down: the move is renewed every 100 ms until the process dies.
    const move = () => rig.ptz.move({ cameraId: CAMERA, clientId: CLIENT, pan: 0.5, tilt: 0, zoom: 0 });
    void move().then(() => process.send!({ id: m.id, ok: true }));
    held = setInterval(() => void move().catch(() => undefined), 100);
  }
});
process.on('SIGTERM', () => {
  clearInterval(held);
  void rig.close().then(() => process.exit(0));
});
process.send!({ ready: true });
