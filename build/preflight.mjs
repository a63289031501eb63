// Checks the machine has what the test suite drives for real, and says how to get what is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const checks = [
  { what: 'Chromium', ok: () => existsSync(process.env.SKYWALL_CHROMIUM ?? '/usr/bin/chromium'), pkg: 'chromium' },
  { what: 'ffmpeg', ok: () => spawnSync('ffmpeg', ['-version']).status === 0, pkg: 'ffmpeg' },
  { what: 'ffprobe', ok: () => spawnSync('ffprobe', ['-version']).status === 0, pkg: 'ffmpeg' },
  {
    what: 'GStreamer RTSP server (python3-gi)',
    ok: () => spawnSync('/usr/bin/python3', ['-c', "import gi; gi.require_version('GstRtspServer', '1.0'); from gi.repository import GstRtspServer"]).status === 0,
    pkg: 'python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly',
  },
];

export function preflight() {
  const missing = checks.filter((c) => !c.ok());
  if (missing.length === 0) return true;
  console.error('The tests play real video against real servers, and this machine lacks:');
  for (const m of missing) console.error(`  - ${m.what}  (Debian: apt-get install ${m.pkg})`);
  console.error('Install them, or run `sudo bash .ci/run`, which installs everything and runs the tests.');
  return false;
}
