// RFC 7798 payload reader: single NAL unit, aggregation packet (48), fragmentation unit (49),
// PACI (50, unwrapped to the packet it carries). With DONL (sprop-max-don-diff > 0) the 16-bit
// decoding order numbers are stripped; NAL units stay in transmission order, which is decoding
// order for every camera stream we know.
import { FragmentBuffer, type NalPayloadReader } from './nal-payload-reader.js';

const AP = 48;
const FU = 49;
const PACI = 50;

export class H265PayloadReader implements NalPayloadReader {
  private readonly fragment = new FragmentBuffer();

  constructor(private readonly donl = false) {}

  get midFragment(): boolean {
    return this.fragment.active;
  }

  get fragmentBytes(): number {
    return this.fragment.bytes;
  }

  reset(): void {
    this.fragment.reset();
  }

  read(payload: Uint8Array, out: Uint8Array[]): boolean {
    if (payload.length < 3) return false;
    const type = (payload[0] >> 1) & 0x3f;
    if (type === PACI) {
      const inner = unwrapPaci(payload);
      if (!inner || ((inner[0] >> 1) & 0x3f) === PACI) return false;
      return this.read(inner, out);
    }
    if (type === FU) return this.readFu(payload, out);
    const lostEnd = this.fragment.active;
    this.fragment.reset();
    const ok = type === AP ? this.readAp(payload, out) : this.readSingle(type, payload, out);
    return ok && !lostEnd;
  }

  private readSingle(type: number, payload: Uint8Array, out: Uint8Array[]): boolean {
    if (type > 47) return false; // 51-63 unspecified
    if (!this.donl) {
      out.push(payload.slice());
      return true;
    }
    if (payload.length < 5) return false;
    const nal = new Uint8Array(payload.length - 2);
    nal.set(payload.subarray(0, 2), 0);
    nal.set(payload.subarray(4), 2);
    out.push(nal);
    return true;
  }

  private readAp(payload: Uint8Array, out: Uint8Array[]): boolean {
    let o = 2;
    let first = true;
    let any = false;
    while (o < payload.length) {
      if (this.donl) o += first ? 2 : 1; // DONL, then DOND
      first = false;
      if (o + 2 > payload.length) return false;
      const size = (payload[o] << 8) | payload[o + 1];
      o += 2;
      if (size < 2 || o + size > payload.length) return false;
      out.push(payload.slice(o, o + size));
      o += size;
      any = true;
    }
    return any;
  }

  private readFu(payload: Uint8Array, out: Uint8Array[]): boolean {
    const fuHeader = payload[2];
    const start = (fuHeader & 0x80) !== 0;
    const end = (fuHeader & 0x40) !== 0;
    const fuType = fuHeader & 0x3f;
    let bodyOffset = 3;
    if (start && this.donl) bodyOffset += 2;
    if (payload.length <= bodyOffset) return false;
    const body = payload.subarray(bodyOffset);
    if (start) {
      const hadOpen = this.fragment.active;
      // Rebuild the 2-byte NAL header: F, LayerId and TID from the payload header, type from the FU header.
      const header = new Uint8Array([(payload[0] & 0x81) | (fuType << 1), payload[1]]);
      this.fragment.start(header, body);
      if (end) out.push(this.fragment.finish()); // not allowed by the RFC, but harmless to accept
      return !hadOpen;
    }
    if (!this.fragment.active) return false;
    this.fragment.append(body);
    if (end) out.push(this.fragment.finish());
    return true;
  }
}

/**
 * PACI (RFC 7798 4.4.4): PayloadHdr(type 50) | A cType PHSsize F0 F1 F2 Y | PHES | payload.
 * Returns the carried packet with its own payload header (F = A, type = cType).
 */
function unwrapPaci(payload: Uint8Array): Uint8Array | undefined {
  if (payload.length < 4) return undefined;
  const a = payload[2] >> 7;
  const cType = (payload[2] >> 1) & 0x3f;
  const phsSize = ((payload[2] & 0x01) << 4) | (payload[3] >> 4);
  const start = 4 + phsSize;
  if (payload.length <= start) return undefined;
  const inner = new Uint8Array(2 + payload.length - start);
  inner[0] = (a << 7) | (cType << 1) | (payload[0] & 0x01);
  inner[1] = payload[1];
  inner.set(payload.subarray(start), 2);
  return inner;
}
