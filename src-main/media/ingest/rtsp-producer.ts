// Adapts one RtspSession (one connection attempt) to the hub's Producer contract.
import { EventEmitter } from 'node:events';
import { isSkywallError } from '../../common/model/errors.js';
import type { Producer, ProducerEvents } from '../hub/producer.js';
import { RtspSession, type RtspSessionOptions } from '../rtsp/rtsp-session.js';

export class RtspProducer implements Producer {
  private readonly events = new EventEmitter();
  private readonly session: RtspSession;
  private stopped = false;

  constructor(options: RtspSessionOptions) {
    this.session = new RtspSession(options);
    this.session.on('tracks', (t) => this.emit('tracks', t));
    this.session.on('sample', (s) => this.emit('sample', s));
    this.session.on('close', (c) => {
      const error = c.error ? { code: c.error.code, message: c.error.message } : undefined;
      this.emit('status', error ? { state: 'closed', error } : { state: 'closed' });
    });
  }

  start(): void {
    this.emit('status', { state: 'connecting' });
    this.session.start().then(
      () => this.emit('status', { state: 'live' }),
      // start() rejects and then `close` carries the error to the hub; nothing more to do here.
      (e: unknown) => {
        if (!isSkywallError(e)) this.emit('status', { state: 'closed', error: { code: 'internal', message: String(e) } });
      },
    );
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    void this.session.stop();
    this.events.removeAllListeners();
  }

  on<E extends keyof ProducerEvents>(event: E, listener: ProducerEvents[E]): this {
    this.events.on(event, listener);
    return this;
  }

  off<E extends keyof ProducerEvents>(event: E, listener: ProducerEvents[E]): this {
    this.events.off(event, listener);
    return this;
  }

  private emit<E extends keyof ProducerEvents>(event: E, ...args: Parameters<ProducerEvents[E]>): void {
    if (!this.stopped) this.events.emit(event, ...args);
  }
}
