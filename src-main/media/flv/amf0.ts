// Just enough AMF0 (Action Message Format 0) to write an FLV onMetaData script tag:
// a string name followed by an ECMA array of numbers, booleans and strings.

export type AmfValue = number | boolean | string;

const NUMBER = 0x00;
const BOOLEAN = 0x01;
const STRING = 0x02;
const ECMA_ARRAY = 0x08;
const OBJECT_END = 0x09;

function pushString(out: number[], s: string): void {
  const bytes = new TextEncoder().encode(s);
  if (bytes.length > 0xffff) throw new Error('AMF0 short string longer than 65535 bytes');
  out.push(bytes.length >> 8, bytes.length & 0xff, ...bytes);
}

function pushValue(out: number[], v: AmfValue): void {
  if (typeof v === 'number') {
    const f = new DataView(new ArrayBuffer(8));
    f.setFloat64(0, v);
    out.push(NUMBER, ...new Uint8Array(f.buffer));
  } else if (typeof v === 'boolean') {
    out.push(BOOLEAN, v ? 1 : 0);
  } else {
    out.push(STRING);
    pushString(out, v);
  }
}

/** AMF0 body of a script tag: `name` then an ECMA array holding `props` in insertion order. */
export function encodeScriptData(name: string, props: Record<string, AmfValue>): Uint8Array {
  const out: number[] = [STRING];
  pushString(out, name);
  const entries = Object.entries(props);
  const n = entries.length;
  out.push(ECMA_ARRAY, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
  for (const [key, value] of entries) {
    pushString(out, key);
    pushValue(out, value);
  }
  out.push(0, 0, OBJECT_END);
  return Uint8Array.from(out);
}
