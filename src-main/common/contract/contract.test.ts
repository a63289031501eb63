import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, CHANNEL_PATTERN, EVENT_NAMES, EVENT_PATTERN } from './index.js';
import { CHANNEL_NAME_LIST, EVENT_NAME_LIST } from './names.js';

describe('contract names', () => {
  it('the preload allow-list names exactly the contract channels and events', () => {
    expect([...CHANNEL_NAME_LIST].sort()).toEqual([...CHANNEL_NAMES].sort());
    expect([...EVENT_NAME_LIST].sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('channels are sw:<domain>:<verb> and events sw:<domain>:onDid<Thing>', () => {
    for (const c of CHANNEL_NAMES) expect(c).toMatch(CHANNEL_PATTERN);
    for (const e of EVENT_NAMES) expect(e).toMatch(EVENT_PATTERN);
  });
});
