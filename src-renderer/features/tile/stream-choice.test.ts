import { describe, expect, it } from 'vitest';
import { chooseProfile, MAIN_ABOVE_PX, SUB_BELOW_PX } from './stream-choice.js';

const at = (widthPx: number, extra: Partial<Parameters<typeof chooseProfile>[1]> = {}) => ({ widthPx, maximised: false, zoomed: false, ...extra });

describe('chooseProfile', () => {
  it('asks for the sub-stream for small tiles and the main stream above the threshold', () => {
    expect(chooseProfile(undefined, at(320))).toBe('sub');
    expect(chooseProfile(undefined, at(MAIN_ABOVE_PX))).toBe('sub');
    expect(chooseProfile(undefined, at(MAIN_ABOVE_PX + 1))).toBe('main');
    expect(chooseProfile('sub', at(1920))).toBe('main');
  });

  it('keeps the main stream until the tile is clearly smaller (hysteresis), then returns to sub', () => {
    expect(chooseProfile('main', at(600))).toBe('main');
    expect(chooseProfile('main', at(SUB_BELOW_PX))).toBe('main');
    expect(chooseProfile('main', at(SUB_BELOW_PX - 1))).toBe('sub');
    // Between the two thresholds a sub tile stays sub: no flapping either way.
    expect(chooseProfile('sub', at(600))).toBe('sub');
  });

  it('maximised or zoomed tiles take the main stream whatever their size', () => {
    expect(chooseProfile('sub', at(300, { maximised: true }))).toBe('main');
    expect(chooseProfile('sub', at(300, { zoomed: true }))).toBe('main');
  });

  it('the operator\'s choice wins over size, maximise and zoom', () => {
    expect(chooseProfile('main', at(1920, { maximised: true, override: 'sub' }))).toBe('sub');
    expect(chooseProfile('sub', at(200, { override: 'main' }))).toBe('main');
  });
});
