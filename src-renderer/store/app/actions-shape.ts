// What the slice offers, apart from its implementation, so the store type can name it without importing the slice.
import type { Problem } from '@common/contract/index.js';
import type { Unsubscribe } from '../../services/sync.js';

export interface AppActions {
  /** Follows every domain (subscribe, then fetch) and says ready once all answered, failed if one did not. */
  load(): Promise<void>;
  /** Stops following (the window goes away, or a test ends). */
  unload(): void;
  dismissProblem(p: Problem): void;
  /** Follows the connection to main: lost, then back (everything is fetched again). */
  followConnection(): Unsubscribe;
}
