// RFC 6184 payload reader (packetization-mode 0 and 1): single NAL unit, STAP-A (24), FU-A (28).
// Interleaved-mode types (STAP-B, MTAP, FU-B) are rejected: no camera we target sends them.
import { FragmentBuffer, type NalPayloadReader } from './nal-payload-reader.js';

const STAP_A = 24;
const FU_A = 28;

export class H264PayloadReader implements NalPayloadReader {
  private readonly fragment = new FragmentBuffer();

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
    if (payload.length < 1) return false;
    const type = payload[0] & 0x1f;
    if (type === FU_A) return this.readFuA(payload, out);
    if (this.fragment.active) {
      // A new NAL unit while a fragment is open: the fragment's end was lost.
      this.fragment.reset();
      this.pushOthers(type, payload, out);
      return false;
    }
    return this.pushOthers(type, payload, out);
  }

  private pushOthers(type: number, payload: Uint8Array, out: Uint8Array[]): boolean {
    if (type >= 1 && type <= 23) {
      out.push(payload.slice()); // copy: packet buffers belong to the socket reader
      return true;
    }
    if (type === STAP_A) return readStapA(payload, out);
    return false; // 0, 25-27, 29-31: reserved or interleaved-mode types
  }

  private readFuA(payload: Uint8Array, out: Uint8Array[]): boolean {
    if (payload.length < 3) return false;
    const indicator = payload[0];
    const fuHeader = payload[1];
    const start = (fuHeader & 0x80) !== 0;
    const end = (fuHeader & 0x40) !== 0;
    const body = payload.subarray(2);
    if (start) {
      const hadOpen = this.fragment.active;
      // F and NRI come from the indicator, the type from the FU header.
      this.fragment.start(new Uint8Array([(indicator & 0xe0) | (fuHeader & 0x1f)]), body);
      if (end) out.push(this.fragment.finish());
      return !hadOpen;
    }
    if (!this.fragment.active) return false; // middle or end without a start
    this.fragment.append(body);
    if (end) out.push(this.fragment.finish());
    return true;
  }
}

function readStapA(payload: Uint8Array, out: Uint8Array[]): boolean {
  let o = 1;
  let any = false;
  while (o + 2 <= payload.length) {
    const size = (payload[o] << 8) | payload[o + 1];
    o += 2;
    if (size === 0 || o + size > payload.length) return false;
    out.push(payload.slice(o, o + size));
    o += size;
    any = true;
  }
  return any && o === payload.length;
}
