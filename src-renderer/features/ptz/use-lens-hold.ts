// Focus and iris buttons as held inputs: the action is sent at once and renewed every
// PTZ_RENEW_MS while the button is down (main stops a lens action that is not renewed), and
// letting go sends a stop. A camera without focus or iris control says so beside the buttons.
import { useCallback, useEffect, useRef, useState } from 'react';
import { PTZ_RENEW_MS } from '@common/contract/ptz.js';
import { ContractError } from '../../services/bridge.js';
import { ptzService, type PtzLensAction } from '../../services/ptz.js';
import { reportPtzError } from './ptz-link.js';

export interface LensHold {
  hold(action: Exclude<PtzLensAction, 'focus_auto'>, speed: number): void;
  letGo(): void;
  /** focus_auto: a one-off. */
  once(action: 'focus_auto', speed: number): void;
  /** The camera answered that it has no focus or iris control. */
  unsupported: boolean;
}

export function useLensHold(cameraId: string): LensHold {
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);
  const [unsupported, setUnsupported] = useState(false);

  const letGo = useCallback(() => {
    if (timer.current === undefined) return;
    clearInterval(timer.current);
    timer.current = undefined;
    ptzService.stop(cameraId).catch(reportPtzError);
  }, [cameraId]);

  const failed = useCallback((e: unknown) => {
    // Main has already stopped whatever may have started; stop renewing.
    clearInterval(timer.current);
    timer.current = undefined;
    if (e instanceof ContractError && e.code === 'ptz_unsupported') setUnsupported(true);
    else reportPtzError(e);
  }, []);

  const hold = useCallback(
    (action: Exclude<PtzLensAction, 'focus_auto'>, speed: number) => {
      letGo();
      const send = (): void => void ptzService.lens(cameraId, action, speed).catch(failed);
      send();
      timer.current = setInterval(send, PTZ_RENEW_MS);
    },
    [cameraId, failed, letGo],
  );

  const once = useCallback((action: 'focus_auto', speed: number) => void ptzService.lens(cameraId, action, speed).catch(failed), [cameraId, failed]);

  // Another camera or a closed panel lets go.
  useEffect(() => {
    setUnsupported(false);
    return letGo;
  }, [letGo]);

  return { hold, letGo, once, unsupported };
}
