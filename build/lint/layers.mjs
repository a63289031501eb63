// The layers of Skywall and what each may import: one table, read by the ESLint rule
// `skywall/layers` (eslint.config.js) and by build/check-cycles.mjs. A file belongs to the
// element whose folder holds it; tests (`*.test.ts[x]`) and src-main/testing/ may import anything.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { ALIAS_FOLDERS } from '../aliases.mjs';

/** Folder → element. The first matching folder wins. */
export const ELEMENTS = [
  { name: 'common', folders: ['src-main/common'] },
  { name: 'base', folders: ['src-main/base'] },
  { name: 'media', folders: ['src-main/media'] },
  { name: 'devices', folders: ['src-main/devices'] },
  { name: 'storage', folders: ['src-main/storage'] },
  { name: 'export', folders: ['src-main/export'] },
  { name: 'services', folders: ['src-main/services'] },
  { name: 'ipc', folders: ['src-main/ipc'] },
  // The shells: Electron's main process, its preload, and host mode (plain Node). They wire the
  // same parts and never borrow from each other.
  { name: 'shell/app', folders: ['src-main/app'] },
  { name: 'shell/preload', folders: ['src-main/preload'] },
  { name: 'shell/host', folders: ['src-main/host'] },
  { name: 'demo', folders: ['src-main/demo'] },
  { name: 'testing', folders: ['src-main/testing'] },
  { name: 'renderer/app', folders: ['src-renderer/app'] },
  { name: 'renderer/features', folders: ['src-renderer/features'] },
  { name: 'renderer/player', folders: ['src-renderer/player'] },
  { name: 'renderer/store', folders: ['src-renderer/store'] },
  { name: 'renderer/services', folders: ['src-renderer/services'] },
  { name: 'renderer/ui', folders: ['src-renderer/ui'] },
  { name: 'renderer/i18n', folders: ['src-renderer/i18n'] },
];

const BELOW_SHELLS = ['common', 'base', 'media', 'devices', 'storage', 'export', 'services', 'ipc', 'demo'];
const RENDERER = ['renderer/app', 'renderer/features', 'renderer/player', 'renderer/store', 'renderer/services', 'renderer/ui', 'renderer/i18n'];

/**
 * What each element may import. `node`: node built-ins and node-only packages; `electron`:
 * may import electron. Anything not listed is refused.
 */
export const ALLOWED = {
  common: { elements: ['common'], node: false },
  base: { elements: ['common', 'base'], node: true },
  media: { elements: ['common', 'base', 'media'], node: true },
  devices: { elements: ['common', 'base', 'media', 'devices'], node: true },
  storage: { elements: ['common', 'base', 'storage'], node: true },
  export: { elements: ['common', 'base', 'media', 'storage', 'export'], node: true },
  services: { elements: ['common', 'base', 'media', 'devices', 'storage', 'export', 'services', 'ipc', 'demo'], node: true },
  ipc: { elements: ['common', 'base', 'ipc'], node: true },
  'shell/app': { elements: [...BELOW_SHELLS, 'shell/app'], node: true, electron: true },
  // The preload runs sandboxed: electron's renderer modules only.
  'shell/preload': { elements: ['common', 'shell/preload'], node: false, electron: true },
  'shell/host': { elements: [...BELOW_SHELLS, 'shell/host'], node: true },
  demo: { elements: ['common', 'base', 'media', 'demo'], node: true },
  'renderer/app': { elements: ['common', ...RENDERER], node: false },
  'renderer/features': { elements: ['common', 'renderer/features', 'renderer/player', 'renderer/store', 'renderer/services', 'renderer/ui', 'renderer/i18n'], node: false },
  'renderer/player': { elements: ['common', 'renderer/player'], node: false },
  'renderer/store': { elements: ['common', 'renderer/store', 'renderer/services', 'renderer/i18n'], node: false },
  'renderer/services': { elements: ['common', 'renderer/services'], node: false },
  'renderer/ui': { elements: ['common', 'renderer/ui', 'renderer/i18n'], node: false },
  'renderer/i18n': { elements: ['common', 'renderer/i18n', 'renderer/store'], node: false },
};

/** Files only their own element may import (the renderer's bridge: everyone else goes through services). */
export const PRIVATE = [{ element: 'renderer/services', files: /^src-renderer\/services\/(bridge-types|ws-bridge)(\.[cm]?[jt]sx?)?$/ }];

/** Packages that only run in Node, refused wherever node built-ins are. */
export const NODE_ONLY_PACKAGES = ['ws', 'conf', 'electron-store', 'onvif'];

/** Import aliases: `@common/x` → `src-main/common/x`. */
export const ALIASES = Object.fromEntries(Object.entries(ALIAS_FOLDERS).map(([alias, folder]) => [`${alias}/`, `${folder}/`]));

const BUILTINS = new Set(builtinModules);

export function isTestFile(rel) {
  return /\.test\.[cm]?[jt]sx?$/.test(rel) || rel.startsWith('src-main/testing/');
}

/** The element holding a repository-relative path, or undefined. */
export function elementOf(rel) {
  const p = rel.split(path.sep).join('/');
  for (const e of ELEMENTS) if (e.folders.some((f) => p === f || p.startsWith(f + '/'))) return e.name;
  return undefined;
}

/**
 * What an import specifier written in `fromRel` points at: a repository path (`{ path }`),
 * `{ node: name }`, `{ electron: true }` or `{ pkg: name }`.
 */
export function classify(fromRel, spec) {
  for (const [prefix, folder] of Object.entries(ALIASES)) if (spec.startsWith(prefix)) return { path: folder + spec.slice(prefix.length) };
  if (spec.startsWith('.') || spec.startsWith('/')) return { path: path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), spec)) };
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  if (spec.startsWith('node:') || BUILTINS.has(name)) return { node: spec };
  if (name === 'electron') return { electron: true };
  if (NODE_ONLY_PACKAGES.includes(name)) return { node: name };
  return { pkg: name };
}

/** Why `fromRel` may not import `spec`, or undefined when it may. */
export function refusal(fromRel, spec) {
  if (isTestFile(fromRel)) return undefined;
  const from = elementOf(fromRel);
  if (!from) return undefined;
  const allowed = ALLOWED[from];
  const target = classify(fromRel, spec);
  if (target.electron) {
    if (allowed.electron) return undefined;
    return `${from} may not import electron: only src-main/app and src-main/preload do.`;
  }
  if (target.node) {
    if (allowed.node) return undefined;
    if (from === 'common') return `common is the ground: it imports nothing of node (${target.node}).`;
    return `${from.startsWith('renderer/') ? 'The renderer' : from} runs in a sandbox: no node modules (${target.node}).`;
  }
  if (target.pkg) return undefined;
  const to = elementOf(target.path);
  if (!to) {
    const top = target.path.split('/')[0];
    if (top === 'src-main' || top === 'src-renderer') return `${target.path} is in no layer; add its folder to build/lint/layers.mjs.`;
    return undefined;
  }
  if (to === 'testing') return `${from} is product code and may not import src-main/testing (test kit).`;
  if (!allowed.elements.includes(to)) {
    if (from.startsWith('renderer/') && !to.startsWith('renderer/')) return `The renderer may import only src-main/common, not ${to}.`;
    return `${from} may not import ${to} (allowed: ${allowed.elements.join(', ')}).`;
  }
  const priv = PRIVATE.find((p) => p.element !== from && p.files.test(target.path));
  if (priv) return `Only ${priv.element} may import ${target.path} (the bridge stays behind renderer services).`;
  return undefined;
}
