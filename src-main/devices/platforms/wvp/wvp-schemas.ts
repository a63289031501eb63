// The shapes WVP-GB28181-pro answers with (read from its source, 2.7.x): the `{code, msg, data}`
// envelope, PageHelper's PageInfo for paged lists, device and channel records, and StreamContent
// for play and playback. Only the fields Skywall reads are checked; the rest passes through,
// because WVP versions add fields freely.
import { z } from 'zod';

export const WvpEnvelope = z.object({
  code: z.number(),
  msg: z.string().nullish(),
  data: z.unknown().optional(),
});
export type WvpEnvelope = z.infer<typeof WvpEnvelope>;

export const WvpLogin = z.object({ accessToken: z.string().min(1) }).passthrough();

export function pageInfo<T extends z.ZodTypeAny>(item: T) {
  return z
    .object({
      list: z.array(item).nullish(),
      total: z.number().int().nonnegative(),
      pageNum: z.number().int().optional(),
      pageSize: z.number().int().optional(),
      pages: z.number().int().optional(),
    })
    .passthrough();
}

export const WvpDevice = z
  .object({
    deviceId: z.string().min(1),
    name: z.string().nullish(),
    onLine: z.boolean().nullish(),
    manufacturer: z.string().nullish(),
    model: z.string().nullish(),
  })
  .passthrough();
export type WvpDevice = z.infer<typeof WvpDevice>;

/** In a channel record the channel's own id is `deviceId`; its NVR's is `parentDeviceId`. */
export const WvpChannel = z
  .object({
    deviceId: z.string().min(1),
    name: z.string().nullish(),
    status: z.string().nullish(),
    parentDeviceId: z.string().nullish(),
    /** 0 unknown, 1 dome, 2 half dome, 3 fixed, 4 remote-controlled (GB/T 28181 PTZType). */
    ptzType: z.number().nullish(),
    civilCode: z.string().nullish(),
    /** WVP's database ids of the channel and its device (2.7.x), for per-channel settings. */
    id: z.number().nullish(),
    deviceDbId: z.number().nullish(),
    /** How the sub-stream is asked for in the INVITE (`stream:1`, `streamnumber:1`, `streamprofile:1`, `streamMode:sub`); empty is main. */
    streamIdentification: z.string().nullish(),
  })
  .passthrough();
export type WvpChannel = z.infer<typeof WvpChannel>;

const OptUrl = z.string().nullish();
export const WvpStreamContent = z
  .object({
    app: z.string().nullish(),
    stream: z.string().nullish(),
    flv: OptUrl,
    https_flv: OptUrl,
    ws_flv: OptUrl,
    wss_flv: OptUrl,
    fmp4: OptUrl,
    ws_fmp4: OptUrl,
    hls: OptUrl,
    ts: OptUrl,
    rtsp: OptUrl,
    rtsps: OptUrl,
    rtmp: OptUrl,
  })
  .passthrough();
export type WvpStreamContent = z.infer<typeof WvpStreamContent>;

export const WvpRecordInfo = z
  .object({
    recordList: z.array(z.object({ startTime: z.string(), endTime: z.string() }).passthrough()).nullish(),
  })
  .passthrough();

export const WvpPreset = z.object({ presetId: z.union([z.string(), z.number()]), presetName: z.string().nullish() }).passthrough();
