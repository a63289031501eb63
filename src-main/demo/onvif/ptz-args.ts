// Reading PTZ request arguments: vectors (tt:PanTilt / tt:Zoom) and xs:duration timeouts.

import type { PtzVector } from './ptz-simulator.js';
import { SPACES } from './ptz-xml.js';
import { faults } from './soap-writer.js';
import { child, type XmlElement } from './xml-reader.js';

export type VectorKind = 'velocity' | 'position' | 'translation' | 'speed';

interface KindRule {
  subcode: string;
  panTiltSpace: string;
  zoomSpace: string;
  panTilt: [number, number];
  zoom: [number, number];
}

const RULES: Record<VectorKind, KindRule> = {
  velocity: { subcode: 'InvalidVelocity', panTiltSpace: SPACES.panTiltVelocity, zoomSpace: SPACES.zoomVelocity, panTilt: [-1, 1], zoom: [-1, 1] },
  position: { subcode: 'InvalidPosition', panTiltSpace: SPACES.panTiltPosition, zoomSpace: SPACES.zoomPosition, panTilt: [-1, 1], zoom: [0, 1] },
  translation: {
    subcode: 'InvalidTranslation',
    panTiltSpace: SPACES.panTiltTranslation,
    zoomSpace: SPACES.zoomTranslation,
    panTilt: [-1, 1],
    zoom: [-1, 1],
  },
  speed: { subcode: 'InvalidSpeed', panTiltSpace: SPACES.panTiltSpeed, zoomSpace: SPACES.zoomSpeed, panTilt: [0, 1], zoom: [0, 1] },
};

function readNumber(el: XmlElement, attr: string, rule: KindRule, bounds: [number, number]): number {
  const raw = el.attrs[attr];
  const n = raw === undefined ? NaN : Number(raw);
  if (raw === undefined || raw.trim() === '' || !Number.isFinite(n) || n < bounds[0] || n > bounds[1]) {
    throw faults.invalidArg(rule.subcode, `${el.name} ${attr}="${raw ?? ''}" is outside [${bounds[0]}, ${bounds[1]}]`);
  }
  return n;
}

function checkSpace(el: XmlElement, expected: string): void {
  const space = el.attrs.space;
  if (space !== undefined && space !== expected) throw faults.invalidArg('SpaceNotSupported', `Space ${space} is not supported`);
}

/** Reads the vector inside `el` (e.g. <Velocity>); components left out stay undefined. */
export function readVector(el: XmlElement | undefined, kind: VectorKind): Partial<PtzVector> {
  const out: Partial<PtzVector> = {};
  if (!el) return out;
  const rule = RULES[kind];
  const pt = child(el, 'PanTilt');
  if (pt) {
    checkSpace(pt, rule.panTiltSpace);
    out.x = readNumber(pt, 'x', rule, rule.panTilt);
    out.y = readNumber(pt, 'y', rule, rule.panTilt);
  }
  const z = child(el, 'Zoom');
  if (z) {
    checkSpace(z, rule.zoomSpace);
    out.zoom = readNumber(z, 'x', rule, rule.zoom);
  }
  return out;
}

const DURATION_RE = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** xs:duration (days, hours, minutes, seconds) to milliseconds. */
export function parseDurationMs(text: string): number {
  const m = DURATION_RE.exec(text.trim());
  if (!m || text.trim() === 'P' || text.trim().endsWith('T')) {
    throw faults.invalidArg('InvalidTimeout', `Timeout "${text}" is not an xs:duration`);
  }
  const [d, h, min, s] = [m[1], m[2], m[3], m[4]].map((v) => (v === undefined ? 0 : Number(v)));
  return Math.round((((d * 24 + h) * 60 + min) * 60 + s) * 1000);
}
