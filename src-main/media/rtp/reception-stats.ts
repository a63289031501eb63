// Per-source reception statistics for RTCP receiver report blocks (RFC 3550 6.4.1, A.3, A.8).

export interface ReportBlock {
  ssrc: number;
  fractionLost: number; // 0..255
  cumulativeLost: number; // signed 24-bit range
  extendedHighestSeq: number;
  jitter: number;
  lastSr: number; // middle 32 bits of the last SR's NTP timestamp
  delaySinceLastSr: number; // 1/65536 s
}

export class ReceptionStats {
  ssrc: number | undefined;
  private baseSeq = 0;
  private maxSeq = 0;
  private cycles = 0;
  private received = 0;
  private expectedPrior = 0;
  private receivedPrior = 0;
  private jitter = 0;
  private lastTransit: number | undefined;
  private lastSrNtpMiddle = 0;
  private lastSrArrival: number | undefined;

  /** @param clockRate RTP clock rate, to express jitter in timestamp units. */
  constructor(private readonly clockRate: number) {}

  onPacket(ssrc: number, seq: number, rtpTimestamp: number, arrivalMs: number): void {
    if (this.ssrc !== ssrc) {
      this.ssrc = ssrc;
      this.baseSeq = seq;
      this.maxSeq = seq;
      this.cycles = 0;
      this.received = 0;
      this.expectedPrior = 0;
      this.receivedPrior = 0;
      this.jitter = 0;
      this.lastTransit = undefined;
      this.lastSrArrival = undefined;
    }
    this.received++;
    const delta = (seq - this.maxSeq) & 0xffff;
    if (delta > 0 && delta < 0x8000) {
      if (seq < this.maxSeq) this.cycles += 0x10000; // wrapped
      this.maxSeq = seq;
    }
    const arrival = (arrivalMs / 1000) * this.clockRate;
    const transit = arrival - rtpTimestamp;
    if (this.lastTransit !== undefined) {
      let d = Math.abs(transit - this.lastTransit);
      if (d > 2 ** 31) d = Math.abs(d - 2 ** 32); // timestamp wrapped between packets
      this.jitter += (d - this.jitter) / 16;
    }
    this.lastTransit = transit;
  }

  onSenderReport(ssrc: number, ntpMsw: number, ntpLsw: number, arrivalMs: number): void {
    if (ssrc !== this.ssrc) return;
    this.lastSrNtpMiddle = (((ntpMsw & 0xffff) << 16) | (ntpLsw >>> 16)) >>> 0;
    this.lastSrArrival = arrivalMs;
  }

  /** Builds a report block and starts a new reporting interval. Undefined before any packet. */
  report(nowMs: number): ReportBlock | undefined {
    if (this.ssrc === undefined) return undefined;
    const extendedMax = this.cycles + this.maxSeq;
    const expected = extendedMax - this.baseSeq + 1;
    const lost = Math.max(-0x800000, Math.min(0x7fffff, expected - this.received));
    const expectedInterval = expected - this.expectedPrior;
    const receivedInterval = this.received - this.receivedPrior;
    this.expectedPrior = expected;
    this.receivedPrior = this.received;
    const lostInterval = expectedInterval - receivedInterval;
    const fractionLost = expectedInterval <= 0 || lostInterval <= 0 ? 0 : Math.min(255, Math.floor((lostInterval * 256) / expectedInterval));
    const dlsr = this.lastSrArrival === undefined ? 0 : Math.floor(((nowMs - this.lastSrArrival) / 1000) * 65536);
    return {
      ssrc: this.ssrc,
      fractionLost,
      cumulativeLost: lost,
      extendedHighestSeq: extendedMax >>> 0,
      jitter: Math.floor(this.jitter) >>> 0,
      lastSr: this.lastSrArrival === undefined ? 0 : this.lastSrNtpMiddle,
      delaySinceLastSr: dlsr >>> 0,
    };
  }
}
