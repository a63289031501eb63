// fMP4 initialization segment for one video track (ISO/IEC 14496-12 + 14496-15):
// ftyp, then moov with a single trak whose sample table is empty, and mvex/trex so that
// all samples come in movie fragments. This is what MSE expects as its first append.
import type { VideoCodec } from '../types.js';
import { BoxWriter } from './box-writer.js';

export const VIDEO_TRACK_ID = 1;
export const DEFAULT_TIMESCALE = 90_000;

export interface VideoInitParams {
  codec: VideoCodec;
  width: number;
  height: number;
  /** avcC (AVCDecoderConfigurationRecord) for h264, hvcC (HEVCDecoderConfigurationRecord) for h265. */
  decoderConfig: Uint8Array;
  /** Media timescale in ticks per second; 90000 keeps RTP times exact. */
  timescale?: number;
}

const UNITY_MATRIX = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000];

function matrix(w: BoxWriter): void {
  for (const v of UNITY_MATRIX) w.u32(v);
}

function sampleEntry(w: BoxWriter, p: VideoInitParams): void {
  w.box(p.codec === 'h264' ? 'avc1' : 'hvc1');
  w.zeros(6).u16(1); // reserved, data_reference_index
  w.u16(0).u16(0).zeros(12); // pre_defined, reserved, pre_defined[3]
  w.u16(p.width).u16(p.height);
  w.u32(0x00480000).u32(0x00480000); // 72 dpi
  w.u32(0).u16(1); // reserved, frame_count
  w.zeros(32); // compressorname
  w.u16(0x0018).i16(-1); // depth, pre_defined
  w.box(p.codec === 'h264' ? 'avcC' : 'hvcC').bytes(p.decoderConfig).end();
  w.end();
}

function sampleTable(w: BoxWriter, p: VideoInitParams): void {
  w.box('stbl');
  w.box('stsd', 0).u32(1);
  sampleEntry(w, p);
  w.end();
  w.box('stts', 0).u32(0).end();
  w.box('stsc', 0).u32(0).end();
  w.box('stsz', 0).u32(0).u32(0).end();
  w.box('stco', 0).u32(0).end();
  w.end();
}

export function buildVideoInitSegment(p: VideoInitParams): Uint8Array {
  if (!(p.width > 0 && p.height > 0 && p.width < 65536 && p.height < 65536)) {
    throw new Error(`invalid video dimensions ${p.width}x${p.height}`);
  }
  const timescale = p.timescale ?? DEFAULT_TIMESCALE;
  const w = new BoxWriter(1024);

  w.box('ftyp').fourcc('iso5').u32(512).fourcc('iso5').fourcc('iso6').fourcc('mp41').end();

  w.box('moov');
  w.box('mvhd', 0).u32(0).u32(0).u32(timescale).u32(0);
  w.u32(0x00010000).u16(0x0100).zeros(10); // rate 1.0, volume 1.0, reserved
  matrix(w);
  w.zeros(24).u32(VIDEO_TRACK_ID + 1); // pre_defined, next_track_ID
  w.end();

  w.box('trak');
  w.box('tkhd', 0, 0x000003).u32(0).u32(0).u32(VIDEO_TRACK_ID).u32(0).u32(0); // enabled | in_movie
  w.zeros(8).u16(0).u16(0).u16(0).u16(0); // reserved, layer, alternate_group, volume, reserved
  matrix(w);
  w.u32(p.width * 0x10000).u32(p.height * 0x10000);
  w.end();

  w.box('mdia');
  w.box('mdhd', 0).u32(0).u32(0).u32(timescale).u32(0).u16(0x55c4).u16(0).end(); // language 'und'
  w.box('hdlr', 0).u32(0).fourcc('vide').zeros(12).bytes(new TextEncoder().encode('VideoHandler\0')).end();
  w.box('minf');
  w.box('vmhd', 0, 1).u16(0).zeros(6).end();
  w.box('dinf').box('dref', 0).u32(1).box('url ', 0, 1).end().end().end();
  sampleTable(w, p);
  w.end(); // minf
  w.end(); // mdia
  w.end(); // trak

  w.box('mvex');
  w.box('trex', 0).u32(VIDEO_TRACK_ID).u32(1).u32(0).u32(0).u32(0).end();
  w.end();
  w.end(); // moov
  return w.finish();
}
