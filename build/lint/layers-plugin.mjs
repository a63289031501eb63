// ESLint rule `skywall/layers`: every import, export-from and dynamic import is checked against
// build/lint/layers.mjs. One rule with one table, so no config block can replace another's list.
import path from 'node:path';
import { elementOf, isTestFile, refusal } from './layers.mjs';

const layers = {
  meta: { type: 'problem', docs: { description: 'Imports follow the layer table in build/lint/layers.mjs' }, schema: [] },
  create(context) {
    const rel = path.relative(context.cwd, context.filename).split(path.sep).join('/');
    const check = (node) => {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const why = refusal(rel, node.value);
      if (why) context.report({ node, message: why });
    };
    return {
      Program(node) {
        const [top, folder] = rel.split('/');
        const layered = (top === 'src-main' || top === 'src-renderer') && rel.split('/').length > 2;
        if (layered && !elementOf(rel) && !isTestFile(rel)) {
          context.report({ node, message: `${top}/${folder} is in no layer; add it to build/lint/layers.mjs.` });
        }
      },
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => check(node.moduleReference?.expression),
    };
  },
};

export default { meta: { name: 'skywall' }, rules: { layers } };
