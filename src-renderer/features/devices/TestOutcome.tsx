// What a connection test found: the device and its channels, or which step failed.
import type { DeviceTestResult } from '@common/contract/index.js';
import { useT } from '../../i18n/use-t.js';
import type { MessageKey } from '../../i18n/translate.js';

const FAILURE_TEXT: Record<Extract<DeviceTestResult, { ok: false }>['failure'], MessageKey> = {
  unreachable: 'devices.test.unreachable',
  timeout: 'devices.test.timeout',
  wrong_password: 'devices.test.wrong_password',
  not_onvif: 'devices.test.not_onvif',
  not_isapi: 'devices.test.not_isapi',
  too_large: 'devices.test.too_large',
  no_stream: 'devices.test.no_stream',
  refused_before: 'devices.test.refused_before',
};

export function failureText(failure: keyof typeof FAILURE_TEXT): MessageKey {
  return FAILURE_TEXT[failure];
}

export function TestOutcome({ result }: { result: DeviceTestResult }) {
  const t = useT();
  if (!result.ok) {
    return (
      <p className="sw-form-error" role="alert" data-testid="test-result" data-ok="false" data-failure={result.failure}>
        {t(FAILURE_TEXT[result.failure])}
      </p>
    );
  }
  const maker = [result.info.manufacturer, result.info.model].filter(Boolean).join(' ');
  return (
    <div className="sw-test-ok" role="status" data-testid="test-result" data-ok="true">
      <p>{result.streamChecked ? t('devices.test.okStream', { maker: maker || '—' }) : t('devices.test.ok', { maker: maker || '—', count: result.channels.length })}</p>
      <ul className="sw-muted">
        {result.channels.slice(0, 8).map((c, i) => (
          <li key={i}>
            {c.name} {c.sources.map((s) => [s.codec?.toUpperCase(), s.width && s.height ? `${s.width}×${s.height}` : undefined].filter(Boolean).join(' ')).join(' / ')}
          </li>
        ))}
      </ul>
    </div>
  );
}
