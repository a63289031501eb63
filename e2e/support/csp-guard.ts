import type { Page } from '@playwright/test';

export interface CspGuard {
  readonly violations: string[];
  /** Throws (failing the test) if the page reported any CSP violation. */
  expectNone(): void;
}

declare global {
  interface Window {
    __skywallCspViolation?: (text: string) => void;
  }
}

/**
 * Records every Content-Security-Policy violation of a page: the `securitypolicyviolation`
 * event (from each document it loads, reloads included) and Chromium's console report.
 * Call before the page's first navigation.
 */
export async function guardCsp(page: Page): Promise<CspGuard> {
  const violations: string[] = [];
  await page.exposeFunction('__skywallCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__skywallCspViolation?.(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return {
    violations,
    expectNone() {
      if (violations.length > 0) throw new Error(`the page reported ${violations.length} CSP violation(s):\n${violations.join('\n')}`);
    },
  };
}
