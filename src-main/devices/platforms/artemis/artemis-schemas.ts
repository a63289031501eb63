// Shapes of Hikvision iSecure Center's Artemis OpenAPI answers, from public integrations (not
// checked against a real ISC): `code` is the string "0" on success; paged lists come as
// `{total, pageNo, pageSize, list}` and an empty result may leave `list` out.
import { z } from 'zod';

export const ArtemisEnvelope = z.object({ code: z.union([z.string(), z.number()]), msg: z.string().nullish(), data: z.unknown().optional() });
export type ArtemisEnvelope = z.infer<typeof ArtemisEnvelope>;

export function artemisPage<T extends z.ZodTypeAny>(item: T) {
  return z.object({ total: z.number().int().nonnegative(), pageNo: z.number().int().optional(), pageSize: z.number().int().optional(), list: z.array(item).nullish() }).passthrough();
}

/** cameraType: 0 fixed, 1 half dome, 2 speed dome, 3 fixed with PTZ mount. */
export const ArtemisCamera = z
  .object({
    cameraIndexCode: z.string().min(1),
    cameraName: z.string().nullish(),
    cameraType: z.number().nullish(),
    regionIndexCode: z.string().nullish(),
  })
  .passthrough();
export type ArtemisCamera = z.infer<typeof ArtemisCamera>;

export const ArtemisRegion = z.object({ indexCode: z.string().min(1), name: z.string().nullish(), parentIndexCode: z.string().nullish() }).passthrough();
export type ArtemisRegion = z.infer<typeof ArtemisRegion>;

export const ArtemisOnline = z.object({ indexCode: z.string().min(1), online: z.number().nullish() }).passthrough();

export const ArtemisUrl = z.object({ url: z.string().min(1) }).passthrough();

export const ArtemisPreset = z.object({ presetPointIndex: z.number().int(), presetPointName: z.string().nullish() }).passthrough();
