// Adapts one RtspSession (one connection attempt) to the hub's Producer contract.
import { isSkywallError } from '../../common/model/errors.js';
import { ProducerBase } from '../hub/producer-base.js';
import { RtspSession, type RtspSessionOptions } from '../rtsp/rtsp-session.js';

export class RtspProducer extends ProducerBase {
  private readonly session: RtspSession;

  constructor(options: RtspSessionOptions) {
    super();
    this.session = new RtspSession(options);
    this.session.on('tracks', (t) => this.emit('tracks', t));
    this.session.on('sample', (s) => this.emit('sample', s));
    this.session.on('close', (c) => {
      const error = c.error ? { code: c.error.code, message: c.error.message, ...(c.error.params ? { params: c.error.params } : {}) } : undefined;
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

  protected onStop(): void {
    void this.session.stop();
  }
}
