// The event plumbing every producer shares: typed on/off, and nothing emitted after stop().
import { EventEmitter } from 'node:events';
import type { Producer, ProducerEvents } from './producer.js';

export abstract class ProducerBase implements Producer {
  private readonly events = new EventEmitter();
  private stoppedFlag = false;

  abstract start(): void;

  /** Release sockets and processes; called once, from stop(). */
  protected abstract onStop(): void;

  protected get stopped(): boolean {
    return this.stoppedFlag;
  }

  stop(): void {
    if (this.stoppedFlag) return;
    this.stoppedFlag = true;
    this.events.removeAllListeners();
    this.onStop();
  }

  on<E extends keyof ProducerEvents>(event: E, listener: ProducerEvents[E]): this {
    this.events.on(event, listener);
    return this;
  }

  off<E extends keyof ProducerEvents>(event: E, listener: ProducerEvents[E]): this {
    this.events.off(event, listener);
    return this;
  }

  protected emit<E extends keyof ProducerEvents>(event: E, ...args: Parameters<ProducerEvents[E]>): void {
    if (!this.stoppedFlag) this.events.emit(event, ...args);
  }
}
