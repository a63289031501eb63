// The pre-1.0 file layout (no `schemaVersion`, or 0): a flat camera list whose RTSP URLs carry
// inline credentials, walls described by a "<rows>x<cols>" layout string, and `language`.
import { z } from 'zod';

export const CameraV0 = z.object({
  id: z.string().min(1).max(128),
  name: z.string().max(256),
  rtspUrl: z.string().min(1).max(2048),
  subRtspUrl: z.string().min(1).max(2048).optional(),
  ptz: z.boolean().optional(),
});
export type CameraV0 = z.infer<typeof CameraV0>;

export const WallV0 = z.object({
  id: z.string().min(1).max(128),
  name: z.string().max(256),
  layout: z.string().regex(/^[1-8]x[1-8]$/),
  cells: z.array(z.string().nullable()).max(64),
});
export type WallV0 = z.infer<typeof WallV0>;

export const SkywallDocV0 = z.object({
  schemaVersion: z.literal(0).optional(),
  language: z.enum(['zh', 'en']),
  showStats: z.boolean().optional(),
  cameras: z.array(CameraV0).max(4096),
  walls: z.array(WallV0).max(256),
});
export type SkywallDocV0 = z.infer<typeof SkywallDocV0>;
