// Imaging service (timg, ver20/imaging/wsdl) of the demo device: focus (auto or manual, a
// continuous focus move and its stop) and exposure (auto or manual with an iris in dB, 0 fully
// open) per video source. Like many cameras, it refuses a focus move while focus is automatic:
// a client sets AutoFocusMode MANUAL first.
import { IRIS_MAX, IRIS_MIN, type SourceImaging } from './imaging-state.js';
import { NS, faults, xmlNumber } from './soap-writer.js';
import type { CommandDetails, ImagingDetails, StubContext, StubService } from './stub-context.js';
import { child, childText, type XmlElement } from './xml-reader.js';

export { IRIS_MAX, IRIS_MIN, ImagingState, type SourceImaging } from './imaging-state.js';

const VIDEO_SOURCE_RE = /^video-source-(\d+)$/;

function sourceToken(op: XmlElement, ctx: StubContext, d: ImagingDetails): string {
  const token = childText(op, 'VideoSourceToken') ?? '';
  d.sourceToken = token;
  const m = VIDEO_SOURCE_RE.exec(token);
  if (!m || Number(m[1]) >= ctx.opts.channels) throw faults.invalidArg('NoSource', `No video source "${token}"`);
  return token;
}

function settingsXml(s: SourceImaging): string {
  return (
    `<timg:ImagingSettings><tt:Exposure><tt:Mode>${s.exposureMode}</tt:Mode><tt:Iris>${xmlNumber(s.iris)}</tt:Iris></tt:Exposure>` +
    `<tt:Focus><tt:AutoFocusMode>${s.focusMode}</tt:AutoFocusMode><tt:DefaultSpeed>1</tt:DefaultSpeed></tt:Focus></timg:ImagingSettings>`
  );
}

function number(text: string | undefined, what: string): number {
  const n = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(n)) throw faults.invalidArg('SettingsInvalid', `${what} "${text ?? ''}" is not a number`);
  return n;
}

function setSettings(op: XmlElement, s: SourceImaging, ctx: StubContext, d: ImagingDetails): void {
  const settings = child(op, 'ImagingSettings');
  if (!settings) throw faults.invalidArg('SettingsInvalid', 'ImagingSettings is missing');
  const exposure = child(settings, 'Exposure');
  const focus = child(settings, 'Focus');
  // Checked whole before anything changes, as a device applies a settings set or refuses it.
  const exposureMode = childText(exposure, 'Mode');
  const irisText = childText(exposure, 'Iris');
  const focusMode = childText(focus, 'AutoFocusMode');
  if (exposureMode !== undefined && exposureMode !== 'AUTO' && exposureMode !== 'MANUAL') throw faults.invalidArg('SettingsInvalid', `Exposure Mode "${exposureMode}"`);
  if (focusMode !== undefined && focusMode !== 'AUTO' && focusMode !== 'MANUAL') throw faults.invalidArg('SettingsInvalid', `AutoFocusMode "${focusMode}"`);
  const iris = irisText === undefined ? undefined : number(irisText, 'Iris');
  if (iris !== undefined && (iris < IRIS_MIN || iris > IRIS_MAX)) throw faults.invalidArg('SettingsInvalid', `Iris ${iris} is outside [${IRIS_MIN}, ${IRIS_MAX}]`);
  if (iris !== undefined && (exposureMode ?? s.exposureMode) !== 'MANUAL') throw faults.invalidArg('SettingsInvalid', 'Iris is set only in MANUAL exposure');
  if (exposureMode) s.exposureMode = d.exposureMode = exposureMode;
  if (iris !== undefined) s.iris = d.iris = iris;
  if (focusMode) {
    if (focusMode === 'AUTO') ctx.imaging.moveFocus(s, 0);
    s.focusMode = d.focusMode = focusMode;
  }
}

function handle(action: string, op: XmlElement, ctx: StubContext, d: CommandDetails): string {
  switch (action) {
    case 'GetServiceCapabilities':
      return '<timg:GetServiceCapabilitiesResponse><timg:Capabilities ImageStabilization="false" Presets="false"/></timg:GetServiceCapabilitiesResponse>';
    case 'GetImagingSettings':
      return `<timg:GetImagingSettingsResponse>${settingsXml(ctx.imaging.of(sourceToken(op, ctx, d)))}</timg:GetImagingSettingsResponse>`;
    case 'SetImagingSettings':
      setSettings(op, ctx.imaging.of(sourceToken(op, ctx, d)), ctx, d);
      return '<timg:SetImagingSettingsResponse/>';
    case 'GetOptions':
      sourceToken(op, ctx, d);
      return (
        '<timg:GetOptionsResponse><timg:ImagingOptions><tt:Exposure><tt:Mode>AUTO</tt:Mode><tt:Mode>MANUAL</tt:Mode>' +
        `<tt:Iris><tt:Min>${IRIS_MIN}</tt:Min><tt:Max>${IRIS_MAX}</tt:Max></tt:Iris></tt:Exposure>` +
        '<tt:Focus><tt:AutoFocusModes>AUTO</tt:AutoFocusModes><tt:AutoFocusModes>MANUAL</tt:AutoFocusModes></tt:Focus></timg:ImagingOptions></timg:GetOptionsResponse>'
      );
    case 'GetMoveOptions':
      sourceToken(op, ctx, d);
      return '<timg:GetMoveOptionsResponse><timg:MoveOptions><tt:Continuous><tt:Speed><tt:Min>-1</tt:Min><tt:Max>1</tt:Max></tt:Speed></tt:Continuous></timg:MoveOptions></timg:GetMoveOptionsResponse>';
    case 'Move': {
      const s = ctx.imaging.of(sourceToken(op, ctx, d));
      const continuous = child(child(op, 'Focus'), 'Continuous');
      if (!continuous) throw faults.invalidArg('NoImagingForSource', 'Only continuous focus moves are supported');
      const speed = number(childText(continuous, 'Speed'), 'Speed');
      if (speed < -1 || speed > 1) throw faults.invalidArg('SettingsInvalid', `Speed ${speed} is outside [-1, 1]`);
      d.focusSpeed = speed;
      if (s.focusMode === 'AUTO') throw faults.invalidArg('SettingsInvalid', 'Focus is automatic: set AutoFocusMode MANUAL before a focus move');
      ctx.imaging.moveFocus(s, speed);
      return '<timg:MoveResponse/>';
    }
    case 'Stop':
      ctx.imaging.moveFocus(ctx.imaging.of(sourceToken(op, ctx, d)), 0);
      return '<timg:StopResponse/>';
    case 'GetStatus': {
      const s = ctx.imaging.of(sourceToken(op, ctx, d));
      return (
        `<timg:GetStatusResponse><timg:Status><tt:FocusStatus20><tt:Position>${xmlNumber(ctx.imaging.focusAt(s))}</tt:Position>` +
        `<tt:MoveStatus>${s.focusSpeed === 0 ? 'IDLE' : 'MOVING'}</tt:MoveStatus></tt:FocusStatus20></timg:Status></timg:GetStatusResponse>`
      );
    }
    default:
      throw faults.actionNotSupported(action);
  }
}

export const imagingService: StubService = { ns: NS.timg, handle };
