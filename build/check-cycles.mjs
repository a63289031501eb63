// Fails on any import cycle: between files (src-main, src-renderer, e2e, build) and between the
// layers of build/lint/layers.mjs (product files only; tests and src-main/testing may import
// anything, so they are left out of the layer graph).
// Every import counts, type-only ones too: a type cycle ties files together as tightly as a
// run-time one (the store's slices describe their actions in actions-shape.ts for that reason).
//   node build/check-cycles.mjs        exit 1 and the cycles when there are any
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { ALIASES, elementOf, isTestFile } from './lint/layers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROOTS = ['src-main', 'src-renderer', 'e2e', 'build'];
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/;

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !rel.startsWith('e2e/fixtures')) out.push(...listFiles(rel));
    } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.d.mts')) out.push(rel);
  }
  return out;
}

/** The repository file an import specifier names, or undefined for packages and missing files. */
function resolveImport(fromRel, spec) {
  let target;
  for (const [prefix, folder] of Object.entries(ALIASES)) if (spec.startsWith(prefix)) target = folder + spec.slice(prefix.length);
  if (!target && (spec.startsWith('./') || spec.startsWith('../'))) target = path.posix.join(path.posix.dirname(fromRel), spec);
  if (!target) return undefined;
  const stem = target.replace(/\.(js|mjs|ts|tsx)$/, '');
  const candidates = [target, `${stem}.ts`, `${stem}.tsx`, `${stem}.mts`, `${stem}.mjs`, `${stem}.js`, `${target}/index.ts`, `${target}/index.tsx`];
  return candidates.find((c) => existsSync(path.join(root, c)) && statSync(path.join(root, c)).isFile());
}

/** The specifiers a file imports, each with whether it survives compilation. */
function importsOf(file) {
  const source = ts.createSourceFile(file, readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest, false);
  const found = [];
  const typeOnlyImport = (clause) => {
    if (!clause) return false;
    if (clause.isTypeOnly) return true;
    const named = clause.namedBindings;
    return !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ spec: node.moduleSpecifier.text, runtime: !typeOnlyImport(node.importClause) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause;
      const typeOnly = node.isTypeOnly || (named && ts.isNamedExports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly));
      found.push({ spec: node.moduleSpecifier.text, runtime: !typeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      found.push({ spec: node.arguments[0].text, runtime: true });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ spec: node.argument.literal.text, runtime: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** File → the files it imports; `runtimeOnly` leaves type-only imports out. */
export function importGraph({ runtimeOnly }) {
  const graph = new Map();
  for (const file of ROOTS.flatMap(listFiles)) {
    const targets = new Set();
    for (const { spec, runtime } of importsOf(file)) {
      const t = runtime || !runtimeOnly ? resolveImport(file, spec) : undefined;
      if (t) targets.add(t);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components with more than one node, or a node that imports itself. */
export function cycles(graph) {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    // Iterative Tarjan: the file graph is deep enough to matter for recursion.
    const work = [[v, [...(graph.get(v) ?? [])], 0]];
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    while (work.length) {
      const frame = work[work.length - 1];
      const [node, edges] = frame;
      if (frame[2] < edges.length) {
        const w = edges[frame[2]++];
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index++);
          stack.push(w);
          onStack.add(w);
          work.push([w, [...(graph.get(w) ?? [])], 0]);
        } else if (onStack.has(w)) low.set(node, Math.min(low.get(node), idx.get(w)));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent), low.get(node)));
      }
      if (low.get(node) === idx.get(node)) {
        const scc = [];
        let w;
        do {
          w = stack.pop();
          onStack.delete(w);
          scc.push(w);
        } while (w !== node);
        if (scc.length > 1 || graph.get(node)?.has(node)) found.push(scc.sort());
      }
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

/** Layer → the layers its product files import. */
export function layerGraph(files) {
  const graph = new Map();
  for (const [file, targets] of files) {
    const from = elementOf(file);
    if (!from || isTestFile(file)) continue;
    if (!graph.has(from)) graph.set(from, new Set());
    for (const t of targets) {
      const to = elementOf(t);
      if (to && to !== from && !isTestFile(t)) graph.get(from).add(to);
    }
  }
  return graph;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = importGraph({ runtimeOnly: false });
  const fileCycles = cycles(files);
  const layerCycles = cycles(layerGraph(importGraph({ runtimeOnly: false })));
  const edges = [...files.values()].reduce((n, s) => n + s.size, 0);
  for (const c of fileCycles) console.error(`file cycle: ${c.join(' ⇄ ')}`);
  for (const c of layerCycles) console.error(`layer cycle: ${c.join(' ⇄ ')}`);
  console.log(`check-cycles: ${files.size} files, ${edges} imports; ${fileCycles.length} file cycles, ${layerCycles.length} layer cycles`);
  process.exit(fileCycles.length + layerCycles.length === 0 ? 0 : 1);
}
