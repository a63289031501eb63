// Adapter from a Conf-like class (conf or electron-store, which extends conf) to DocumentStore.
// We only use conf's whole-document `store` accessor: its atomic writer, directory creation and
// file mode. Parse failures are turned into a marker object instead of exceptions so conf's
// constructor (which reads the file) never throws on a corrupt file and never rewrites it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { SkywallError } from '../common/model/errors.js';
import type { DocumentRead, DocumentStore, UnreadableReason } from './document-types.js';

/** The slice of conf's API this adapter relies on. */
export interface ConfLike {
  readonly path: string;
  store: Record<string | symbol, unknown>;
}

export type ConfLikeConstructor = new (options: Record<string, unknown>) => ConfLike;

// A symbol key cannot come out of JSON, so it cannot collide with document content;
// conf copies it through with Object.assign.
const UNREADABLE = Symbol('skywall.unreadable');

interface UnreadableMarker {
  reason: UnreadableReason;
  detail: string;
}

function deserialize(text: string): Record<string | symbol, unknown> {
  // Editors on Windows may add a BOM; JSON.parse rejects it.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    const marker: UnreadableMarker = { reason: 'invalid_json', detail: (e as Error).message };
    return { [UNREADABLE]: marker };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const marker: UnreadableMarker = { reason: 'not_an_object', detail: `top-level JSON value is ${Array.isArray(value) ? 'an array' : typeof value}` };
    return { [UNREADABLE]: marker };
  }
  return value as Record<string, unknown>;
}

function serialize(value: Record<string, unknown>): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export class ConfDocumentStore implements DocumentStore {
  readonly path: string;
  readonly #ctor: ConfLikeConstructor;
  readonly #options: Record<string, unknown>;
  #conf: ConfLike | undefined;

  constructor(ctor: ConfLikeConstructor, opts: { dir: string; name: string; fileMode: number }) {
    this.#ctor = ctor;
    this.path = path.resolve(opts.dir, `${opts.name}.json`);
    this.#options = {
      cwd: path.resolve(opts.dir),
      // conf calls it configName, electron-store calls it name.
      configName: opts.name,
      name: opts.name,
      fileExtension: 'json',
      configFileMode: opts.fileMode,
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: false,
      watch: false,
      serialize,
      deserialize,
    };
  }

  // Built lazily and rebuilt after a failure: conf's constructor reads the file, and an I/O
  // error there (EACCES, EISDIR) must surface as `unreadable`, not as a crash.
  #instance(): ConfLike {
    this.#conf ??= new this.#ctor(this.#options);
    return this.#conf;
  }

  get(): DocumentRead {
    let raw: Record<string | symbol, unknown>;
    try {
      raw = this.#instance().store;
    } catch (e) {
      this.#conf = undefined;
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ENOENT') return { status: 'missing' };
      return { status: 'unreadable', reason: 'io', detail: `${err.code ?? 'error'}: ${err.message}` };
    }
    const marker = raw[UNREADABLE] as UnreadableMarker | undefined;
    if (marker) return { status: 'unreadable', reason: marker.reason, detail: marker.detail };
    // conf returns {} both for a missing file and for a file holding `{}`; tell them apart.
    if (Object.keys(raw).length === 0 && !existsSync(this.path)) return { status: 'missing' };
    return { status: 'ok', value: { ...(raw as Record<string, unknown>) } };
  }

  set(doc: Record<string, unknown>): void {
    try {
      this.#instance().store = structuredClone(doc);
    } catch (e) {
      this.#conf = undefined;
      const err = e as NodeJS.ErrnoException;
      throw new SkywallError('storage', `cannot write ${this.path}: ${err.code ?? ''} ${err.message}`.trim(), {
        file: this.path,
      });
    }
  }
}
