import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, CHANNEL_PATTERN, EVENT_NAMES, EVENT_PATTERN } from './index.js';

describe('contract names', () => {
  it('channels are sw:<domain>:<verb> and events sw:<domain>:onDid<Thing>', () => {
    for (const c of CHANNEL_NAMES) expect(c).toMatch(CHANNEL_PATTERN);
    for (const e of EVENT_NAMES) expect(e).toMatch(EVENT_PATTERN);
  });
});
