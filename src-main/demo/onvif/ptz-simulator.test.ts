import { describe, expect, it } from 'vitest';
import { PtzSimulator } from './ptz-simulator.js';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('PtzSimulator', () => {
  it('integrates a continuous move until stopped, then holds the position', () => {
    const c = clock();
    const sim = new PtzSimulator(2, c.now);
    sim.continuousMove({ x: 0.5, y: -0.25, zoom: 0.5 }, 10_000);
    c.advance(200);
    expect(sim.position().x).toBeCloseTo(0.2);
    expect(sim.position().y).toBeCloseTo(-0.1);
    expect(sim.position().zoom).toBeCloseTo(0.2);
    expect(sim.moveStatus()).toEqual({ panTilt: 'MOVING', zoom: 'MOVING' });
    sim.stop(true, true);
    const held = sim.position();
    c.advance(1000);
    expect(sim.position()).toEqual(held);
    expect(sim.moveStatus()).toEqual({ panTilt: 'IDLE', zoom: 'IDLE' });
  });

  it('stops by itself at the timeout and clamps at the range limits', () => {
    const c = clock();
    const sim = new PtzSimulator(2, c.now);
    sim.continuousMove({ x: 1, y: 0, zoom: -1 }, 300);
    c.advance(5000);
    expect(sim.position().x).toBeCloseTo(0.6);
    expect(sim.position().zoom).toBe(0);
    expect(sim.moveStatus().panTilt).toBe('IDLE');
    sim.continuousMove({ x: 1 }, 10_000);
    c.advance(5000);
    expect(sim.position().x).toBe(1);
  });

  it('stopping only pan/tilt leaves zoom moving', () => {
    const c = clock();
    const sim = new PtzSimulator(1, c.now);
    sim.continuousMove({ x: 0.5, y: 0, zoom: 0.5 }, 10_000);
    c.advance(100);
    sim.stop(true, false);
    c.advance(100);
    expect(sim.position().x).toBeCloseTo(0.05);
    expect(sim.position().zoom).toBeCloseTo(0.1);
    expect(sim.moveStatus()).toEqual({ panTilt: 'IDLE', zoom: 'MOVING' });
  });

  it('travels to an absolute target at the given speed and reports IDLE on arrival', () => {
    const c = clock();
    const sim = new PtzSimulator(2, c.now);
    sim.moveTo({ x: -0.8, y: 0.4, zoom: 1 }, { x: 0.5 });
    c.advance(400);
    expect(sim.position().x).toBeCloseTo(-0.4);
    expect(sim.position().y).toBeCloseTo(0.4);
    expect(sim.moveStatus().panTilt).toBe('MOVING');
    c.advance(500);
    expect(sim.position()).toEqual({ x: -0.8, y: 0.4, zoom: 1 });
    expect(sim.moveStatus()).toEqual({ panTilt: 'IDLE', zoom: 'IDLE' });
    sim.moveBy({ x: -0.5, y: 0.1 });
    c.advance(1000);
    expect(sim.position().x).toBe(-1);
    expect(sim.position().y).toBeCloseTo(0.5);
  });
});
