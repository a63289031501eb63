// Thin Electron glue: windows, protocol, security guards, and the router on ipcMain.
// Every service lives in plain Node modules shared with host mode (see app-core).
import { app, BrowserWindow, dialog, ipcMain, net, protocol, safeStorage, screen, session } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHANNEL_NAMES } from '../common/contract/index.js';
import { createAppCore, type AppCore } from '../services/app-core.js';
import type { SenderInfo } from '../ipc/sender.js';
import { APP_ORIGIN } from '../ipc/sender.js';
import { contentSecurityPolicy } from '../base/http/csp.js';
import { configureLog, logFolderIn } from '../base/log/index.js';
import { installLastResort } from '../base/process/last-resort.js';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const distDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const rendererDir = path.join(distDir, 'renderer');
const windows = new Map<number, { win: BrowserWindow; displayKey: string }>();
let core: AppCore | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const first = windows.values().next().value;
    if (first) {
      if (first.win.isMinimized()) first.win.restore();
      first.win.focus();
    }
  });
  void app.whenReady().then(start);
}

function senderInfo(e: Electron.IpcMainInvokeEvent): SenderInfo {
  const win = BrowserWindow.fromWebContents(e.sender);
  const entry = win ? windows.get(win.id) : undefined;
  const frame = e.senderFrame;
  return {
    transport: 'electron',
    frameUrl: frame?.url ?? '',
    isMainFrame: frame !== null && frame === e.sender.mainFrame,
    isAppWindow: entry !== undefined && entry.win === win,
    displayKey: entry?.displayKey ?? 'unknown',
  };
}

async function start(): Promise<void> {
  configureLog({ file: { dir: logFolderIn(app.getPath('userData')) } });
  // From here on nothing uncaught ends the process (Electron would show a dialog, or exit): it is
  // logged and shown to the operator as a problem banner.
  installLastResort({ report: (p) => core?.app.report(p) });
  // Packaged builds carry the demo clips as extra resources beside the asar.
  if (app.isPackaged && !process.env.SKYWALL_ASSETS_DIR) process.env.SKYWALL_ASSETS_DIR = path.join(process.resourcesPath, 'assets');
  const csp = contentSecurityPolicy(0);
  protocol.handle('app', (req) => {
    const url = new URL(req.url);
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(rendererDir, rel);
    if (!file.startsWith(rendererDir + path.sep)) return new Response('forbidden', { status: 403 });
    return net.fetch(pathToFileURL(file).toString()).then((res) => {
      const headers = new Headers(res.headers);
      headers.set('content-security-policy', csp);
      return new Response(res.body, { status: res.status, headers });
    });
  });
  // Deny every permission the app does not need (camera, mic, geolocation, notifications...).
  session.defaultSession.setPermissionRequestHandler((_wc, permission, cb) => cb(permission === 'fullscreen'));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permission === 'fullscreen');

  core = await createAppCore({
    mode: 'electron',
    dataDir: app.getPath('userData'),
    version: app.getVersion(),
    safeStorage,
    pickFolder,
  });
  const router = core.router((s) => s.transport === 'electron' && s.isAppWindow && s.isMainFrame && s.frameUrl.startsWith(`${APP_ORIGIN}/`));
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (e, payload) => router.handle(channel, payload, senderInfo(e)));
  }
  core.bus.subscribe((name, payload) => {
    for (const { win } of windows.values()) if (!win.isDestroyed()) win.webContents.send(name, payload);
  });
  for (const display of screen.getAllDisplays()) openWindow(String(display.id), display.bounds);
  screen.on('display-added', (_e, d) => openWindow(String(d.id), d.bounds));
}

/** The export folder: the system dialog, over the window in front; undefined when dismissed. */
async function pickFolder(title: string): Promise<string | undefined> {
  const options: Electron.OpenDialogOptions = { title, properties: ['openDirectory', 'createDirectory'] };
  const win = BrowserWindow.getFocusedWindow();
  const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return r.canceled ? undefined : r.filePaths[0];
}

function openWindow(displayKey: string, bounds: Electron.Rectangle): void {
  const win = new BrowserWindow({
    ...bounds,
    show: false,
    backgroundColor: '#0d1117',
    webPreferences: {
      preload: path.join(distDir, 'preload', 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      backgroundThrottling: false,
    },
  });
  windows.set(win.id, { win, displayKey });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => windows.delete(win.id));
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

let quitting = false;
app.on('before-quit', (e) => {
  if (quitting || !core) return;
  e.preventDefault();
  quitting = true;
  void core.close().finally(() => app.quit());
});
app.on('window-all-closed', () => app.quit());
