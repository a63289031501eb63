// Adding a county platform (WVP-GB28181-pro or Hikvision iSecure Center): the operator first
// sees the HTTPS certificate's fingerprint and accepts it, then Skywall logs in and lists the
// platform's channels, then the platform is stored as one device whose cameras are its channels.
// Secrets go in and never come back out: answers carry no password or AppSecret.
import { z } from 'zod';
import { AreaPath, TlsPin } from '../model/device.js';
import { displayName } from './display-name.js';

export const PlatformKind = z.enum(['wvp', 'artemis']);
export type PlatformKind = z.infer<typeof PlatformKind>;

const Host = z.string().trim().min(1).max(255);
const Port = z.number().int().min(1).max(65535);

export const PlatformCertificate = z.object({
  sha256: TlsPin,
  subject: z.string().max(1024),
  issuer: z.string().max(1024),
  validFrom: z.string().max(64),
  validTo: z.string().max(64),
  selfSigned: z.boolean(),
});
export type PlatformCertificate = z.infer<typeof PlatformCertificate>;

/** How to reach and log in to a platform: WVP user and password, or Artemis AppKey and AppSecret. */
export const PlatformConnection = z
  .object({
    kind: PlatformKind,
    host: Host,
    port: Port,
    https: z.boolean(),
    /** The fingerprint the operator accepted (required for https). */
    tlsPinSha256: TlsPin.optional(),
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(128),
  })
  .strict();
export type PlatformConnection = z.infer<typeof PlatformConnection>;

export const PlatformChannelView = z.object({
  externalId: z.string(),
  name: z.string(),
  online: z.boolean(),
  ptz: z.boolean(),
  subDevice: z.object({ id: z.string(), name: z.string() }).optional(),
  area: z.array(z.string()).optional(),
});
export type PlatformChannelView = z.infer<typeof PlatformChannelView>;

export const PlatformAdd = PlatformConnection.extend({ name: displayName, area: AreaPath.optional() }).strict();
export type PlatformAdd = z.infer<typeof PlatformAdd>;

export const platformsChannels = {
  /** The certificate the HTTPS server presents, for the operator to compare and accept. */
  'sw:platforms:certificate': { req: z.object({ host: Host, port: Port }).strict(), res: PlatformCertificate },
  /** Logs in and lists every channel: the connection test of the add form. */
  'sw:platforms:discover': { req: PlatformConnection, res: z.object({ channels: z.array(PlatformChannelView), pages: z.number().int() }) },
  /** Stores the platform as one device with a camera per channel (the id of each camera stays for the device's life). */
  'sw:platforms:add': { req: PlatformAdd, res: z.object({ deviceId: z.string(), cameras: z.number().int() }) },
  /** Lists the stored platform's channels again: cameras keep their ids and names, new channels are added, gone ones kept and counted. */
  'sw:platforms:refresh': {
    req: z.object({ deviceId: z.string().min(1).max(128) }).strict(),
    res: z.object({ cameras: z.number().int(), added: z.number().int(), updated: z.number().int(), missing: z.number().int() }),
  },
} as const;

export const platformsEvents = {} as const;
