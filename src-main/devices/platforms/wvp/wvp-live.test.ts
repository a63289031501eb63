// The stream choice of a WVP channel in the form the channel already uses.
import { describe, expect, it } from 'vitest';
import { identificationFor, profileOfIdentification } from './wvp-live.js';

describe('WVP stream identification', () => {
  it('keeps the channel\'s family and case, stream:N by default', () => {
    expect([undefined, null, '', 'stream:0', 'streamnumber:0', 'streamprofile:1', 'streamMode:main', 'streamMode:MAIN'].map((v) => identificationFor('sub', v))).toEqual([
      'stream:1',
      'stream:1',
      'stream:1',
      'stream:1',
      'streamnumber:1',
      'streamprofile:1',
      'streamMode:sub',
      'streamMode:SUB',
    ]);
    expect(identificationFor('main', 'streamMode:SUB')).toBe('streamMode:MAIN');
    expect(identificationFor('main', 'streamprofile:1')).toBe('streamprofile:0');
  });

  it('reads what the channel asks for now', () => {
    expect(['stream:1', 'streamnumber:1', 'streamMode:sub', 'streamMode:SUB'].map(profileOfIdentification)).toEqual(['sub', 'sub', 'sub', 'sub']);
    expect([undefined, '', 'stream:0', 'streamMode:main', 'odd'].map(profileOfIdentification)).toEqual(['main', 'main', 'main', 'main', 'main']);
  });
});
