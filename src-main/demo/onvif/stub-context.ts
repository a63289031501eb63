// What every service handler of the stub gets to work with.

import type { ImagingState } from './imaging-state.js';
import type { PresetStore } from './ptz-presets.js';
import type { PtzSimulator, PtzVector } from './ptz-simulator.js';
import type { ResolvedStubOptions } from './stub-options.js';
import type { XmlElement } from './xml-reader.js';

export interface StubXAddrs {
  device: string;
  media: string;
  media2: string;
  ptz: string;
  imaging: string;
  recording: string;
  search: string;
  replay: string;
}

export interface StubContext {
  opts: ResolvedStubOptions;
  ptz: PtzSimulator;
  presets: PresetStore;
  /** focus and exposure per video source */
  imaging: ImagingState;
  /** position GotoHomePosition goes to; SetHomePosition changes it */
  ptzHome: PtzVector;
  /** the device clock: host clock plus the configured offset */
  deviceNow(): number;
  xaddrs: StubXAddrs;
  /** http://host:port of the stub */
  baseUrl: string;
}

/** Arguments of a PTZ command as the stub understood them. */
export interface PtzCommandDetails {
  velocity?: Partial<PtzVector>;
  position?: Partial<PtzVector>;
  translation?: Partial<PtzVector>;
  speed?: Partial<PtzVector>;
  timeoutMs?: number;
  stopPanTilt?: boolean;
  stopZoom?: boolean;
  presetToken?: string;
  presetName?: string;
}

/** Arguments of an Imaging command as the stub understood them. */
export interface ImagingDetails {
  sourceToken?: string;
  /** Move: continuous focus speed, negative towards near */
  focusSpeed?: number;
  focusMode?: 'AUTO' | 'MANUAL';
  exposureMode?: 'AUTO' | 'MANUAL';
  /** dB, 0 fully open */
  iris?: number;
}

export type CommandDetails = PtzCommandDetails & ImagingDetails;

export interface ImagingLogEntry extends ImagingDetails {
  /** host clock, ms since epoch, when the request arrived */
  at: number;
  action: string;
  outcome: PtzLogEntry['outcome'];
  fault?: string;
}

export interface PtzLogEntry extends PtzCommandDetails {
  /** host clock, ms since epoch, when the request arrived */
  at: number;
  action: string;
  profileToken: string | undefined;
  /**
   * ok: executed; fault: answered with a SOAP fault; challenged: sent without credentials and
   * answered with an auth challenge (HTTP Digest clients always do this first); denied: wrong credentials
   */
  outcome: 'ok' | 'fault' | 'challenged' | 'denied';
  fault?: string;
}

/**
 * Returns the response element (without envelope); throws SoapFault on failure. Handlers may
 * write what they parsed into `details` for the request log.
 */
export type ServiceHandler = (action: string, op: XmlElement, ctx: StubContext, details: CommandDetails) => string;

export interface StubService {
  /** WSDL namespace the operations of this service live in */
  ns: string;
  handle: ServiceHandler;
}

export const PTZ_NODE_TOKEN = 'ptz-node-0';
export const PTZ_CONFIG_TOKEN = 'ptz-config-0';
export const VIDEO_SOURCE_TOKEN = 'video-source-0';
export const VIDEO_SOURCE_CONFIG_TOKEN = 'video-source-config-0';
