// What the slice offers, apart from its implementation, so the store type can name it without importing the slice.
import type { Unsubscribe } from '../../services/sync.js';

export interface HealthActions {
  /** Loads the health list and follows its changes (the app's load calls it). */
  followHealth(): Promise<Unsubscribe>;
  openHealth(): void;
  closeHealth(): void;
  checkHealthNow(deviceId?: string): Promise<void>;
  /** Writes the list as CSV into `folder` (default: Downloads) in the operator's language. */
  exportHealthCsv(folder?: string, all?: boolean): Promise<void>;
}
