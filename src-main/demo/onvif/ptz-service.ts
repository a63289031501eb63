// PTZ service (tptz, ver20/ptz/wsdl) over the simulated head and the preset store.

import { parseDurationMs, readVector } from './ptz-args.js';
import { SPACES, ptzConfigurationXml, ptzNodeXml, vectorXml } from './ptz-xml.js';
import { NS, escapeXml, faults } from './soap-writer.js';
import { PTZ_CONFIG_TOKEN, PTZ_NODE_TOKEN, type PtzCommandDetails, type StubContext, type StubService } from './stub-context.js';
import { isProfileToken } from './stub-options.js';
import { child, childText, type XmlElement } from './xml-reader.js';

function profileToken(op: XmlElement): string {
  const token = childText(op, 'ProfileToken') ?? '';
  if (!isProfileToken(token)) throw faults.noProfile(token);
  return token;
}

/** xs:boolean; an absent flag means "yes" (Stop without PanTilt/Zoom stops both). */
function flag(op: XmlElement, name: string): boolean {
  const v = childText(op, name);
  return v === undefined || v === 'true' || v === '1';
}

function status(ctx: StubContext): string {
  const s = ctx.ptz.moveStatus();
  return (
    '<tptz:GetStatusResponse><tptz:PTZStatus><tt:Position>' +
    vectorXml(ctx.ptz.position(), SPACES.panTiltPosition, SPACES.zoomPosition) +
    `</tt:Position><tt:MoveStatus><tt:PanTilt>${s.panTilt}</tt:PanTilt><tt:Zoom>${s.zoom}</tt:Zoom></tt:MoveStatus>` +
    `<tt:UtcTime>${new Date(ctx.deviceNow()).toISOString()}</tt:UtcTime></tptz:PTZStatus></tptz:GetStatusResponse>`
  );
}

function presets(profile: string, ctx: StubContext): string {
  const xml = ctx.presets
    .list(profile)
    .map(
      (p) =>
        `<tptz:Preset token="${escapeXml(p.token)}"><tt:Name>${escapeXml(p.name)}</tt:Name><tt:PTZPosition>` +
        vectorXml(p.position, SPACES.panTiltPosition, SPACES.zoomPosition) +
        '</tt:PTZPosition></tptz:Preset>',
    );
  return `<tptz:GetPresetsResponse>${xml.join('')}</tptz:GetPresetsResponse>`;
}

function handle(action: string, op: XmlElement, ctx: StubContext, d: PtzCommandDetails): string {
  const empty = `<tptz:${action}Response/>`;
  switch (action) {
    case 'GetNodes':
      return `<tptz:GetNodesResponse>${ptzNodeXml(ctx.opts.maxPresets)}</tptz:GetNodesResponse>`;
    case 'GetNode': {
      const token = childText(op, 'NodeToken');
      if (token !== PTZ_NODE_TOKEN) throw faults.invalidArg('NoEntity', `No PTZ node "${token ?? ''}"`);
      return `<tptz:GetNodeResponse>${ptzNodeXml(ctx.opts.maxPresets)}</tptz:GetNodeResponse>`;
    }
    case 'GetConfigurations':
      return `<tptz:GetConfigurationsResponse>${ptzConfigurationXml('tptz:PTZConfiguration', ctx.opts.defaultPtzTimeoutSec)}</tptz:GetConfigurationsResponse>`;
    case 'GetConfiguration': {
      const token = childText(op, 'PTZConfigurationToken');
      if (token !== PTZ_CONFIG_TOKEN) throw faults.invalidArg('NoConfig', `No PTZ configuration "${token ?? ''}"`);
      return `<tptz:GetConfigurationResponse>${ptzConfigurationXml('tptz:PTZConfiguration', ctx.opts.defaultPtzTimeoutSec)}</tptz:GetConfigurationResponse>`;
    }
    case 'ContinuousMove': {
      profileToken(op);
      d.velocity = readVector(child(op, 'Velocity'), 'velocity');
      const timeout = childText(op, 'Timeout');
      d.timeoutMs = timeout !== undefined ? parseDurationMs(timeout) : ctx.opts.defaultPtzTimeoutSec * 1000;
      ctx.ptz.continuousMove(d.velocity, d.timeoutMs);
      return empty;
    }
    case 'Stop':
      profileToken(op);
      d.stopPanTilt = flag(op, 'PanTilt');
      d.stopZoom = flag(op, 'Zoom');
      ctx.ptz.stop(d.stopPanTilt, d.stopZoom);
      return empty;
    case 'AbsoluteMove':
      profileToken(op);
      d.position = readVector(child(op, 'Position'), 'position');
      d.speed = readVector(child(op, 'Speed'), 'speed');
      ctx.ptz.moveTo(d.position, d.speed);
      return empty;
    case 'RelativeMove':
      profileToken(op);
      d.translation = readVector(child(op, 'Translation'), 'translation');
      d.speed = readVector(child(op, 'Speed'), 'speed');
      ctx.ptz.moveBy(d.translation, d.speed);
      return empty;
    case 'GetStatus':
      profileToken(op);
      return status(ctx);
    case 'GetPresets':
      return presets(profileToken(op), ctx);
    case 'SetPreset': {
      const profile = profileToken(op);
      d.presetName = childText(op, 'PresetName');
      d.presetToken = childText(op, 'PresetToken');
      if (d.presetName !== undefined && (d.presetName === '' || d.presetName.length > 64)) {
        throw faults.invalidArg('InvalidPresetName', 'PresetName must be 1 to 64 characters');
      }
      const token = ctx.presets.set(profile, d.presetName, d.presetToken, ctx.ptz.position());
      return `<tptz:SetPresetResponse><tptz:PresetToken>${escapeXml(token)}</tptz:PresetToken></tptz:SetPresetResponse>`;
    }
    case 'GotoPreset': {
      const profile = profileToken(op);
      d.presetToken = childText(op, 'PresetToken') ?? '';
      d.speed = readVector(child(op, 'Speed'), 'speed');
      ctx.ptz.moveTo(ctx.presets.get(profile, d.presetToken).position, d.speed);
      return empty;
    }
    case 'RemovePreset': {
      const profile = profileToken(op);
      d.presetToken = childText(op, 'PresetToken') ?? '';
      ctx.presets.remove(profile, d.presetToken);
      return empty;
    }
    case 'GotoHomePosition':
      profileToken(op);
      d.speed = readVector(child(op, 'Speed'), 'speed');
      d.position = { ...ctx.ptzHome };
      ctx.ptz.moveTo(ctx.ptzHome, d.speed);
      return empty;
    case 'SetHomePosition':
      profileToken(op);
      ctx.ptzHome = ctx.ptz.position();
      d.position = { ...ctx.ptzHome };
      return empty;
    default:
      throw faults.actionNotSupported(action);
  }
}

export const ptzService: StubService = { ns: NS.tptz, handle };
