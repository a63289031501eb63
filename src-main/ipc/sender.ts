/** Who is calling. Electron's ipcMain and host mode both describe the caller in this shape. */
export type SenderInfo =
  | { transport: 'electron'; frameUrl: string; isMainFrame: boolean; isAppWindow: boolean; displayKey: string }
  | { transport: 'host'; authenticated: boolean; origin: string; displayKey: string };

export const APP_ORIGIN = 'app://skywall';

/** Only the app's own windows, main frames, served from the app's origin, or an authenticated host client. */
export function isTrustedSender(sender: SenderInfo, hostOrigin?: string): boolean {
  if (sender.transport === 'electron') {
    return sender.isAppWindow && sender.isMainFrame && sender.frameUrl.startsWith(`${APP_ORIGIN}/`);
  }
  return sender.authenticated && hostOrigin !== undefined && sender.origin === hostOrigin;
}
