// Focus and iris through the ONVIF Imaging service, per video source:
// - focus near/far: a continuous focus Move (negative speed towards near), after setting
//   AutoFocusMode MANUAL where the camera focuses by itself (many refuse a move otherwise);
//   Stop ends it; focus auto sets AutoFocusMode AUTO again;
// - iris open/close: ONVIF has no continuous iris, so a step: GetImagingSettings for the iris
//   now, SetImagingSettings with manual exposure and the iris a tenth of its range wider or
//   narrower (GetOptions gives the range; the value is an attenuation in dB, the maximum is
//   fully open).
import type { Cam } from 'onvif';
import { SkywallError } from '../../common/model/errors.js';
import type { Caller } from './onvif-call.js';
import { SOAP_NS, sendSoap, xsFloat } from './onvif-soap.js';
import type { OnvifImaging } from './onvif-types.js';
import { xmlText } from './xml-text.js';

export type { ImagingSettingsNow, OnvifImaging } from './onvif-types.js';

/** The first element named `name` (any prefix) inside `scope`, as text. */
function textOf(xml: string | undefined, name: string, scope?: string): string | undefined {
  let within = xml ?? '';
  if (scope) {
    const m = new RegExp(`<(?:[\\w-]+:)?${scope}[\\s>][\\s\\S]*?</(?:[\\w-]+:)?${scope}>`).exec(within);
    within = m ? m[0] : '';
  }
  return new RegExp(`<(?:[\\w-]+:)?${name}>\\s*([^<]*?)\\s*</`).exec(within)?.[1];
}

const mode = (v: string | undefined): 'AUTO' | 'MANUAL' | undefined => (v === 'AUTO' || v === 'MANUAL' ? v : undefined);
const num = (v: string | undefined): number | undefined => (v === undefined || v === '' || !Number.isFinite(Number(v)) ? undefined : Number(v));

const ignore = (): void => undefined;

export function createImaging(cam: Cam, call: Caller, hasImagingService: () => boolean, where: string): OnvifImaging {
  const irisRanges = new Map<string, Promise<{ min: number; max: number }>>();
  const need = (): void => {
    if (!hasImagingService()) throw new SkywallError('ptz_unsupported', `${where} has no imaging service (focus, iris)`);
  };
  const source = (token: string): string => {
    if (typeof token !== 'string' || token.length === 0 || token.length > 64) throw new SkywallError('bad_payload', 'videoSourceToken must be 1 to 64 characters', { field: 'videoSourceToken' });
    return `<VideoSourceToken>${xmlText(token)}</VideoSourceToken>`;
  };
  const set = (token: string, settings: string): Promise<void> =>
    call('SetImagingSettings', (cb) => sendSoap(cam, 'imaging', 'SetImagingSettings', `${source(token)}<ImagingSettings>${settings}</ImagingSettings><ForcePersistence>false</ForcePersistence>`, cb), ignore);

  const imaging: OnvifImaging = {
    async settings(token) {
      need();
      return call(
        'GetImagingSettings',
        (cb) => sendSoap(cam, 'imaging', 'GetImagingSettings', source(token), cb),
        (_v, xml) => ({ focusMode: mode(textOf(xml, 'AutoFocusMode', 'Focus')), exposureMode: mode(textOf(xml, 'Mode', 'Exposure')), iris: num(textOf(xml, 'Iris', 'Exposure')) }),
      );
    },
    async focusMove(token, speed) {
      need();
      if (!Number.isFinite(speed) || speed < -1 || speed > 1 || speed === 0) throw new SkywallError('bad_payload', 'focus speed must be in [-1, 1] and not 0', { field: 'speed' });
      if ((await imaging.settings(token)).focusMode !== 'MANUAL') await set(token, `<Focus xmlns="${SOAP_NS.schema}"><AutoFocusMode>MANUAL</AutoFocusMode></Focus>`);
      await call('Move', (cb) => sendSoap(cam, 'imaging', 'Move', `${source(token)}<Focus><Continuous xmlns="${SOAP_NS.schema}"><Speed>${xsFloat(speed)}</Speed></Continuous></Focus>`, cb), ignore);
    },
    async focusAuto(token) {
      need();
      await set(token, `<Focus xmlns="${SOAP_NS.schema}"><AutoFocusMode>AUTO</AutoFocusMode></Focus>`);
    },
    async stop(token) {
      need();
      await call('Stop', (cb) => sendSoap(cam, 'imaging', 'Stop', source(token), cb), ignore);
    },
    async irisStep(token, direction) {
      need();
      let range = irisRanges.get(token);
      if (!range) {
        range = call('GetOptions', (cb) => sendSoap(cam, 'imaging', 'GetOptions', source(token), cb), (_v, xml) => {
          const min = num(textOf(xml, 'Min', 'Iris'));
          const max = num(textOf(xml, 'Max', 'Iris'));
          if (min === undefined || max === undefined || max <= min) throw new SkywallError('ptz_unsupported', `${where} offers no iris control`);
          return { min, max };
        });
        irisRanges.set(token, range);
        range.catch(() => irisRanges.delete(token));
      }
      const { min, max } = await range;
      const now = (await imaging.settings(token)).iris ?? (min + max) / 2;
      const next = Math.min(max, Math.max(min, now + direction * ((max - min) / 10)));
      await set(token, `<Exposure xmlns="${SOAP_NS.schema}"><Mode>MANUAL</Mode><Iris>${xsFloat(next)}</Iris></Exposure>`);
      return next;
    },
  };
  return imaging;
}
