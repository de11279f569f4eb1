// The public entry (src/index.ts): its run-time import graph stays below the shells (no cli, server or web module)
// and has no top-level await, which would break `require('attune')` (Node 20's require of an ES module refuses
// async graphs). Read with TypeScript's parser, so a fast check here guards what the slow pack test proves.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

/** The relative modules `source` loads at run time (type-only imports and exports left out). */
function runtimeImports(source: ts.SourceFile): string[] {
  const out: string[] = [];
  for (const node of source.statements) {
    let specifier: ts.Expression | undefined;
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) specifier = node.moduleSpecifier;
    if (ts.isExportDeclaration(node) && !node.isTypeOnly) specifier = node.moduleSpecifier;
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) out.push(resolve(dirname(source.fileName), specifier.text));
  }
  return out;
}

/** Whether `source` awaits outside any function (an `await` expression or `for await`). */
function hasTopLevelAwait(source: ts.SourceFile): boolean {
  const visit = (node: ts.Node): boolean => {
    if (ts.isFunctionLike(node)) return false;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)) return true;
    return ts.forEachChild(node, visit) ?? false;
  };
  return visit(source);
}

/** Every module reachable from `entry` through run-time imports. */
function importGraph(entry: string): string[] {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.ts')) stack.push(...runtimeImports(parse(file)));
  }
  return [...seen];
}

test('the detector sees the top-level await of src/cli/main.ts and none inside functions', () => {
  assert.equal(hasTopLevelAwait(parse(resolve(SRC, 'cli/main.ts'))), true);
  assert.equal(hasTopLevelAwait(ts.createSourceFile('x.ts', 'async function f() { await g(); for await (const x of y) {} }\nconst h = async () => await g();', ts.ScriptTarget.ES2022, true)), false);
});

test('src/index.ts loads no cli, server or web module and no module with top-level await', () => {
  const graph = importGraph(resolve(SRC, 'index.ts'));
  assert.ok(graph.length > 50, `only ${graph.length} modules reached`);
  const shells = graph.filter((f) => /^(cli|server|web)\//.test(relative(SRC, f)));
  assert.deepEqual(shells, []);
  const awaiting = graph.filter((f) => f.endsWith('.ts') && hasTopLevelAwait(parse(f))).map((f) => relative(SRC, f));
  assert.deepEqual(awaiting, []);
});
