// tt: schema fragments for PTZ: generic spaces, the PTZ configuration and node, vectors.

import { escapeXml, xmlNumber } from './soap-writer.js';
import { PTZ_CONFIG_TOKEN, PTZ_NODE_TOKEN } from './stub-context.js';
import type { PtzVector } from './ptz-simulator.js';

const PT = 'http://www.onvif.org/ver10/tptz/PanTiltSpaces/';
const Z = 'http://www.onvif.org/ver10/tptz/ZoomSpaces/';

export const SPACES = {
  panTiltPosition: `${PT}PositionGenericSpace`,
  zoomPosition: `${Z}PositionGenericSpace`,
  panTiltTranslation: `${PT}TranslationGenericSpace`,
  zoomTranslation: `${Z}TranslationGenericSpace`,
  panTiltVelocity: `${PT}VelocityGenericSpace`,
  zoomVelocity: `${Z}VelocityGenericSpace`,
  panTiltSpeed: `${PT}GenericSpeedSpace`,
  zoomSpeed: `${Z}ZoomGenericSpeedSpace`,
} as const;

const range = (min: number, max: number): string => `<tt:Min>${min}</tt:Min><tt:Max>${max}</tt:Max>`;
const space2d = (tag: string, uri: string, min: number, max: number): string =>
  `<tt:${tag}><tt:URI>${uri}</tt:URI><tt:XRange>${range(min, max)}</tt:XRange><tt:YRange>${range(min, max)}</tt:YRange></tt:${tag}>`;
const space1d = (tag: string, uri: string, min: number, max: number): string =>
  `<tt:${tag}><tt:URI>${uri}</tt:URI><tt:XRange>${range(min, max)}</tt:XRange></tt:${tag}>`;

/** Vector with PanTilt and Zoom children, e.g. for Position or PTZPosition. */
export function vectorXml(v: PtzVector, panTiltSpace: string, zoomSpace: string): string {
  return (
    `<tt:PanTilt x="${xmlNumber(v.x)}" y="${xmlNumber(v.y)}" space="${panTiltSpace}"/>` +
    `<tt:Zoom x="${xmlNumber(v.zoom)}" space="${zoomSpace}"/>`
  );
}

/** Children of a tt:PTZConfiguration (the caller writes the wrapping element). */
export function ptzConfigurationBody(defaultTimeoutSec: number): string {
  return (
    `<tt:Name>PTZ</tt:Name><tt:UseCount>2</tt:UseCount><tt:NodeToken>${PTZ_NODE_TOKEN}</tt:NodeToken>` +
    // "Pant" is how the ONVIF schema spells this element.
    `<tt:DefaultAbsolutePantTiltPositionSpace>${SPACES.panTiltPosition}</tt:DefaultAbsolutePantTiltPositionSpace>` +
    `<tt:DefaultAbsoluteZoomPositionSpace>${SPACES.zoomPosition}</tt:DefaultAbsoluteZoomPositionSpace>` +
    `<tt:DefaultRelativePanTiltTranslationSpace>${SPACES.panTiltTranslation}</tt:DefaultRelativePanTiltTranslationSpace>` +
    `<tt:DefaultRelativeZoomTranslationSpace>${SPACES.zoomTranslation}</tt:DefaultRelativeZoomTranslationSpace>` +
    `<tt:DefaultContinuousPanTiltVelocitySpace>${SPACES.panTiltVelocity}</tt:DefaultContinuousPanTiltVelocitySpace>` +
    `<tt:DefaultContinuousZoomVelocitySpace>${SPACES.zoomVelocity}</tt:DefaultContinuousZoomVelocitySpace>` +
    `<tt:DefaultPTZSpeed><tt:PanTilt x="1" y="1" space="${SPACES.panTiltSpeed}"/><tt:Zoom x="1" space="${SPACES.zoomSpeed}"/></tt:DefaultPTZSpeed>` +
    `<tt:DefaultPTZTimeout>PT${defaultTimeoutSec}S</tt:DefaultPTZTimeout>` +
    `<tt:PanTiltLimits><tt:Range><tt:URI>${SPACES.panTiltPosition}</tt:URI><tt:XRange>${range(-1, 1)}</tt:XRange><tt:YRange>${range(-1, 1)}</tt:YRange></tt:Range></tt:PanTiltLimits>` +
    `<tt:ZoomLimits><tt:Range><tt:URI>${SPACES.zoomPosition}</tt:URI><tt:XRange>${range(0, 1)}</tt:XRange></tt:Range></tt:ZoomLimits>`
  );
}

export function ptzConfigurationXml(tag: string, defaultTimeoutSec: number): string {
  return `<${tag} token="${PTZ_CONFIG_TOKEN}">${ptzConfigurationBody(defaultTimeoutSec)}</${tag}>`;
}

export function ptzNodeXml(maxPresets: number): string {
  return (
    `<tptz:PTZNode token="${PTZ_NODE_TOKEN}" FixedHomePosition="false">` +
    `<tt:Name>${escapeXml('Demo PTZ head')}</tt:Name><tt:SupportedPTZSpaces>` +
    space2d('AbsolutePanTiltPositionSpace', SPACES.panTiltPosition, -1, 1) +
    space1d('AbsoluteZoomPositionSpace', SPACES.zoomPosition, 0, 1) +
    space2d('RelativePanTiltTranslationSpace', SPACES.panTiltTranslation, -1, 1) +
    space1d('RelativeZoomTranslationSpace', SPACES.zoomTranslation, -1, 1) +
    space2d('ContinuousPanTiltVelocitySpace', SPACES.panTiltVelocity, -1, 1) +
    space1d('ContinuousZoomVelocitySpace', SPACES.zoomVelocity, -1, 1) +
    space1d('PanTiltSpeedSpace', SPACES.panTiltSpeed, 0, 1) +
    space1d('ZoomSpeedSpace', SPACES.zoomSpeed, 0, 1) +
    `</tt:SupportedPTZSpaces><tt:MaximumNumberOfPresets>${maxPresets}</tt:MaximumNumberOfPresets>` +
    `<tt:HomeSupported>true</tt:HomeSupported></tptz:PTZNode>`
  );
}
