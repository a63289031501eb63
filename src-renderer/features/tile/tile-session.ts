// One tile's life with one camera, as a plain state machine (no React): open a playable stream,
// play it, follow main's status for it, retry after player errors with a growing delay and a
// countdown that counts, stop when the tile is hidden. "Authentication failed" (and "unsupported
// format") hold until main connects again (it does so when the credentials or the device change);
// player errors, main idling the source and time never turn them into "connecting".
import type { DarkReason, StreamFacts, StreamState, StreamStatus } from '@common/contract/stream.js';
import type { Player, PlayerError, PlayerStats } from '../../player/index.js';
import type { StreamPlan } from './stream-plan.js';
import { isOffline, shownState, type PictureState } from './tile-display.js';

export interface TileView {
  state?: StreamState;
  /** While reconnecting (also when shown offline): time left before the next attempt, counted down each second. */
  retryInMs?: number;
  /** Shown offline: when the picture was lost (Date.now() ms). */
  offlineSince?: number;
  /** Why the tile shows no picture: a codec this computer cannot decode, the device's stream budget, or too many live tiles. */
  darkReason?: DarkReason | 'player_cap';
  /** Playing an H.264 re-encode made by the main process (the camera's codec does not decode here). */
  transcoded?: boolean;
  /** How the stream reaches the page: fmp4-ws through the hub, the others through the media relay. */
  transport?: StreamFacts['transport'];
  stats?: PlayerStats;
  /** Main refused the stream: its device's stream budget (or the workstation's re-encode cap) is full; what the sentence needs. */
  overBudget?: Record<string, string | number>;
}

/**
 * idle: hidden or disposed. opening: asking main for a stream. playing: a player is attached.
 * waiting_retry: released, the retry timer runs. held: credentials refused or the format cannot be
 * shown; the stream stays open only to hear main's next status. dark: nothing this tile can play.
 */
export type TilePhase = 'idle' | 'opening' | 'playing' | 'waiting_retry' | 'held' | 'dark';

/** Main does not retry these until the device changes; neither does the tile. */
const HELD_STATES: readonly StreamState[] = ['auth_failed', 'unsupported'];

/** Held too: refused by the stream budget; main says 'connecting' when there is room. */
function heldByMain(s: StreamStatus): boolean {
  return HELD_STATES.includes(s.state) || s.errorCode === 'over_budget';
}

export interface TileSessionDeps {
  plan(cameraId: string, profile: 'main' | 'sub', options: { transcode: boolean; viewer?: string | undefined }): Promise<StreamPlan>;
  closeStream(streamId: string): void;
  /** Ask main to try the source again now instead of waiting out its backoff. */
  reconnect?(streamId: string): void;
  /** Overload: main's gateway sends this stream keyframes only (true), or every frame again. */
  setKeyframesOnly?(streamId: string, on: boolean): void;
  /** Status of every stream; the session picks its own (it subscribes before it opens). */
  onStreamStatus(listener: (s: StreamStatus) => void): () => void;
  createPlayer(facts: StreamFacts): Player;
  /** A video element placed in the tile, or undefined when the window has too many players. */
  acquireVideo(): HTMLVideoElement | undefined;
  releaseVideo(video: HTMLVideoElement): void;
  now?(): number;
}

export interface TileSessionOptions {
  cameraId: string;
  profile: 'main' | 'sub';
  /** The tile's id for the device stream budget, sent with each open. */
  viewer?: string | undefined;
  retryMinMs?: number;
  retryMaxMs?: number;
}

export const RETRY_MIN_MS = 1000;
export const RETRY_MAX_MS = 15_000;
const TICK_MS = 1000;

export class TileSession {
  private phaseNow: TilePhase = 'idle';
  private view: TileView = {};
  /** Bumped on every (re)open and stop: late answers of an older attempt are dropped. */
  private attempt = 0;
  private delay: number;
  /** Once the camera's own stream proved undecodable here, retries go straight to the transcode. */
  private transcoding = false;
  private video: HTMLVideoElement | undefined;
  private player: Player | undefined;
  private playerOff: (() => void)[] = [];
  private streamId: string | undefined;
  private statusOff: (() => void) | undefined;
  /** Statuses that arrived while the stream was being opened (its id not yet known). */
  private heldStatuses: StreamStatus[] | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;
  /** When the countdown shown ends (ours or main's). */
  private retryAt: number | undefined;
  /** Main's word about the source, and the player's about the picture (tile-display.ts). */
  private mainState: StreamState | undefined;
  private picture: PictureState = 'none';
  /** When the picture was last lost (or the tile started trying); undefined while live. */
  private pictureLostAt: number | undefined;
  /** The page is overloaded and this tile is neither selected nor maximised: keyframes only. */
  private keyframesOnly = false;

  constructor(
    private readonly opts: TileSessionOptions,
    private readonly deps: TileSessionDeps,
    private readonly onView: (view: TileView) => void,
  ) {
    this.delay = opts.retryMinMs ?? RETRY_MIN_MS;
  }

  get phase(): TilePhase {
    return this.phaseNow;
  }

  /** Visible tiles play; hidden ones release their player and stream. */
  setActive(active: boolean): void {
    if (active === (this.phaseNow !== 'idle')) return;
    if (active) this.begin();
    else this.end();
  }

  dispose(): void {
    this.end();
  }

  /**
   * The camera's device was changed (e.g. new credentials). Main learns the new credentials when
   * the stream is opened again, so a held tile opens again; one that plays is left alone.
   */
  deviceChanged(): void {
    if (this.phaseNow === 'held') this.retryNow();
  }

  /**
   * Keyframes only (overload, the tile is not the one watched) or every frame. Kept across
   * reopens: each new stream is asked the same.
   */
  setKeyframesOnly(on: boolean): void {
    if (on === this.keyframesOnly) return;
    this.keyframesOnly = on;
    if (this.streamId && this.phaseNow === 'playing') this.deps.setKeyframesOnly?.(this.streamId, on);
  }

  /** The operator asks for a new attempt now (also after authentication failed). */
  retryNow(): void {
    if (this.phaseNow === 'idle' || this.phaseNow === 'opening') return;
    this.delay = this.opts.retryMinMs ?? RETRY_MIN_MS;
    if (this.phaseNow === 'playing' && this.streamId && this.deps.reconnect) {
      // The stream and player stay: main reconnects the source now, frames follow when it is back.
      this.deps.reconnect(this.streamId);
      this.retryAt = undefined;
      this.mainState = 'connecting';
      this.refresh({ retryInMs: undefined });
      return;
    }
    this.releaseStream();
    void this.open();
  }

  private begin(): void {
    const video = this.deps.acquireVideo();
    if (!video) {
      this.phaseNow = 'dark';
      this.show({ darkReason: 'player_cap' }, true);
      return;
    }
    this.video = video;
    this.pictureLostAt = this.now();
    this.statusOff = this.deps.onStreamStatus((s) => this.onStatus(s));
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    void this.open();
  }

  private end(): void {
    this.attempt++;
    clearTimeout(this.retryTimer);
    clearInterval(this.ticker);
    this.retryTimer = this.ticker = this.retryAt = undefined;
    this.releaseStream(); // the player's teardown first, then the element goes back
    this.statusOff?.();
    this.statusOff = undefined;
    if (this.video) this.deps.releaseVideo(this.video);
    this.video = undefined;
    this.phaseNow = 'idle';
    this.mainState = undefined;
    this.pictureLostAt = undefined;
    this.show({}, true);
  }

  private async open(): Promise<void> {
    const mine = ++this.attempt;
    clearTimeout(this.retryTimer);
    this.retryAt = undefined;
    this.phaseNow = 'opening';
    this.heldStatuses = [];
    this.mainState = 'connecting';
    this.refresh({ retryInMs: undefined, stats: undefined, overBudget: undefined });
    let plan: StreamPlan;
    try {
      plan = await this.deps.plan(this.opts.cameraId, this.opts.profile, { transcode: this.transcoding, viewer: this.opts.viewer });
    } catch {
      if (mine === this.attempt) this.scheduleRetry();
      return;
    }
    if (mine !== this.attempt) {
      if (plan.kind === 'play') this.deps.closeStream(plan.facts.streamId);
      return;
    }
    const held = this.heldStatuses;
    this.heldStatuses = undefined;
    if (plan.kind === 'dark') {
      this.phaseNow = 'dark';
      this.show({ darkReason: plan.reason }, true);
      return;
    }
    if (plan.transcoded) this.transcoding = true;
    this.streamId = plan.facts.streamId;
    this.show({ transcoded: this.transcoding || undefined, transport: plan.facts.transport });
    this.phaseNow = 'playing';
    // The answer carries the source's state at that moment; statuses that came meanwhile follow it.
    this.onStatus({ streamId: plan.facts.streamId, ...plan.facts.status });
    for (const s of held) this.onStatus(s);
    if (this.phaseNow !== 'playing') return; // e.g. main already said the credentials were refused
    if (this.keyframesOnly) this.deps.setKeyframesOnly?.(plan.facts.streamId, true);
    this.play(plan.facts);
  }

  private play(facts: StreamFacts): void {
    const player = this.deps.createPlayer(facts);
    this.player = player;
    this.playerOff = [
      player.on('state', (s) => {
        if (s === 'playing') {
          this.delay = this.opts.retryMinMs ?? RETRY_MIN_MS;
          // Frames reach the screen: main's older "connecting" (from the open's answer) is past.
          if (this.mainState === 'connecting') this.mainState = 'live';
        }
        if (s === 'playing' || s === 'stalled' || s === 'connecting') {
          this.picture = s;
          this.refresh();
        }
      }),
      player.on('error', (e) => this.onPlayerError(e)),
    ];
    this.picture = 'connecting';
    player.attach(this.video!);
  }

  private onPlayerError(e: PlayerError): void {
    if (this.phaseNow !== 'playing') return; // held keeps its word; others have no player
    if (e.code === 'h265_unsupported') {
      this.releaseStream();
      // The camera's codec was not known when it opened, so this showed only now: ask main for
      // the re-encode (it answers dark when it has no transcoder).
      if (!this.transcoding) {
        this.transcoding = true;
        this.show({ transcoded: true });
        void this.open();
        return;
      }
      this.phaseNow = 'dark';
      this.show({ darkReason: 'h265_unsupported' }, true);
      return;
    }
    this.scheduleRetry();
  }

  private onStatus(s: StreamStatus): void {
    if (this.heldStatuses) {
      this.heldStatuses.push(s);
      return;
    }
    if (!this.streamId || s.streamId !== this.streamId) return;
    if (heldByMain(s)) {
      this.hold(s.state, s.errorCode === 'over_budget' ? (s.errorParams ?? {}) : undefined);
      return;
    }
    if (this.phaseNow === 'held') {
      // Main tries again only when the credentials changed: start afresh. Anything else (main
      // idling the unused source, which reads "offline") leaves the refusal on the tile.
      if (s.state === 'connecting' || s.state === 'live') {
        this.releaseStream();
        void this.open();
      }
      return;
    }
    this.mainState = s.state;
    if (s.state === 'reconnecting' && s.retryInMs !== undefined) {
      this.retryAt = this.now() + s.retryInMs;
      this.refresh({ retryInMs: s.retryInMs });
      return;
    }
    this.retryAt = undefined;
    this.refresh({ retryInMs: undefined });
  }

  private hold(state: StreamState, overBudget: Record<string, string | number> | undefined): void {
    clearTimeout(this.retryTimer);
    this.retryAt = undefined;
    this.releasePlayer();
    this.phaseNow = 'held';
    this.mainState = state;
    this.show({ state, retryInMs: undefined, offlineSince: undefined, stats: undefined, overBudget });
  }

  private scheduleRetry(): void {
    this.releaseStream();
    this.phaseNow = 'waiting_retry';
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, this.opts.retryMaxMs ?? RETRY_MAX_MS);
    this.retryAt = this.now() + wait;
    this.mainState = 'reconnecting';
    this.refresh({ retryInMs: wait });
    this.retryTimer = setTimeout(() => void this.open(), wait);
  }

  private tick(): void {
    const patch: Partial<TileView> = {};
    if (this.retryAt !== undefined) {
      const left = Math.max(0, this.retryAt - this.now());
      patch.retryInMs = left;
      // Main's own countdown ran out and it has not spoken yet: it is connecting again.
      if (left === 0 && this.phaseNow === 'playing') {
        this.retryAt = undefined;
        this.mainState = 'connecting';
        patch.retryInMs = undefined;
      }
    }
    if (this.player) patch.stats = this.player.stats();
    if (this.phaseNow === 'held' || this.phaseNow === 'dark' || this.phaseNow === 'idle') {
      if (Object.keys(patch).length > 0) this.show(patch);
      return;
    }
    this.refresh(patch); // the grace may have run out: offline
  }

  /** Recomputes the state shown from main's word, the picture and the time without a picture. */
  private refresh(patch: Partial<TileView> = {}): void {
    if (this.phaseNow === 'held' || this.phaseNow === 'dark' || this.phaseNow === 'idle') return;
    let state = shownState(this.mainState, this.picture);
    const now = this.now();
    if (state === 'live') this.pictureLostAt = undefined;
    else this.pictureLostAt ??= now;
    const offline = isOffline(state, this.pictureLostAt, now);
    if (offline) state = 'offline';
    this.show({ ...patch, state, offlineSince: offline ? this.pictureLostAt : undefined });
  }

  private releasePlayer(): void {
    for (const off of this.playerOff) off();
    this.playerOff = [];
    this.picture = 'none';
    this.player?.detach();
    this.player = undefined;
  }

  private releaseStream(): void {
    this.releasePlayer();
    if (this.streamId) this.deps.closeStream(this.streamId);
    this.streamId = undefined;
  }

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  /** Merges a change into the view (or replaces it) and tells the tile. */
  private show(patch: Partial<TileView>, replace = false): void {
    const next: TileView = replace ? { ...patch } : { ...this.view, ...patch };
    for (const k of Object.keys(next) as (keyof TileView)[]) if (next[k] === undefined) delete next[k];
    this.view = next;
    this.onView(next);
  }
}
