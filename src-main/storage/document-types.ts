// The shape every document backend has; kept apart so backends and the opener do not import
// each other.
export type DocumentBackend = 'conf' | 'electron-store';

export type UnreadableReason = 'invalid_json' | 'not_an_object' | 'io';

export type DocumentRead =
  | { status: 'missing' }
  | { status: 'ok'; value: Record<string, unknown> }
  | { status: 'unreadable'; reason: UnreadableReason; detail: string };

export interface DocumentStore {
  /** Absolute path of the JSON file. */
  readonly path: string;
  /** Reads the whole document from disk. Never throws: problems come back as `unreadable`. */
  get(): DocumentRead;
  /** Replaces the whole document atomically. Throws SkywallError('storage') on I/O failure. */
  set(doc: Record<string, unknown>): void;
}
