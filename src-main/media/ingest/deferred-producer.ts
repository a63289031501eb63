// A producer whose real producer is made asynchronously: a platform's play URL expires or its
// session is closed when nobody watches, so each attempt after the first asks the platform for
// a fresh URL (play/start again) before pulling. Failures of that request end the attempt like
// any connection failure, and the hub's backoff paces the next one.
import { isSkywallError } from '../../common/model/errors.js';
import { ProducerBase } from '../hub/producer-base.js';
import type { Producer } from '../hub/producer.js';

export class DeferredProducer extends ProducerBase {
  private inner: Producer | undefined;

  constructor(private readonly make: () => Promise<Producer>) {
    super();
  }

  start(): void {
    this.emit('status', { state: 'connecting' });
    this.make().then(
      (p) => {
        if (this.stopped) return void p.stop();
        this.inner = p;
        p.on('tracks', (t) => this.emit('tracks', t));
        p.on('sample', (s) => this.emit('sample', s));
        p.on('status', (s) => this.emit('status', s));
        p.start();
      },
      (e: unknown) => {
        const error = isSkywallError(e) ? { code: e.code, message: e.message, ...(e.params ? { params: e.params } : {}) } : { code: 'unreachable' as const, message: e instanceof Error ? e.message : String(e) };
        this.emit('status', { state: 'closed', error });
      },
    );
  }

  protected onStop(): void {
    this.inner?.stop();
    this.inner = undefined;
  }
}

