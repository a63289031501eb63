import { describe, expect, it } from 'vitest';
import { parseRequestTarget, safeDecode, MAX_TARGET_LENGTH } from './request-target.js';

describe('parseRequestTarget', () => {
  it('reads an origin-form target into a still-encoded path and a query', () => {
    const t = parseRequestTarget('/live/s1?token=a%2Bb&x=1');
    expect(t?.pathname).toBe('/live/s1');
    expect(t?.query.get('token')).toBe('a+b');
    expect(parseRequestTarget('/%E4%B8%9C')?.pathname).toBe('/%E4%B8%9C');
  });

  it('answers undefined, never throws, for targets that are not a local path', () => {
    const bad = ['//[', '//', '//evil.example/ipc', '/.//evil.example/ipc', '/..//x', '/a/..//x', '/\\evil', 'http://127.0.0.1/ipc', 'http://[/', '*', '127.0.0.1:80', '', 'ipc', '/a b', '/a\u0000b', '/a\r\nb', `/${'a'.repeat(MAX_TARGET_LENGTH)}`];
    for (const raw of bad) expect(parseRequestTarget(raw), JSON.stringify(raw)).toBeUndefined();
    expect(parseRequestTarget(undefined)).toBeUndefined();
  });

  it('keeps bad percent-escapes as they are, for the caller to refuse when it decodes', () => {
    expect(parseRequestTarget('/%E0%A4%A')?.pathname).toBe('/%E0%A4%A');
    expect(parseRequestTarget('/ipc?token=%')?.query.get('token')).toBe('%');
  });
});

describe('safeDecode', () => {
  it('decodes valid escapes and answers undefined for broken ones', () => {
    expect(safeDecode('/%E4%B8%9C%E9%97%A8')).toBe('/东门');
    expect(safeDecode('/%E0%A4%A')).toBeUndefined();
    expect(safeDecode('%')).toBeUndefined();
  });
});
