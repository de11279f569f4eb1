// The table options reach every verb that reads RDM files: ceiling, evaluate and plot detect a labelled square RDM
// (header of names and a label column) as compare does, and --no-labels / --no-header make them read it as numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { attune, scratch } from '../../test-support/run-cli.ts';

const BYO = (name: string): string => fileURLToPath(new URL(`../fixtures/byo/${name}`, import.meta.url));

test('ceiling, evaluate and plot: labelled RDMs matched by label; --no-labels and --no-header refuse the text cells', async (t) => {
  const { dir, cleanup } = scratch();
  t.after(cleanup);
  const [labelled, shuffled] = [BYO('rdm_labelled.csv'), BYO('rdm_labelled_shuffled.csv')];
  const json = async (args: string[]): Promise<{ value: unknown; lower?: number; upper?: number }> => {
    const r = await attune([...args, '--json'], dir);
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  // The shuffled copy is reordered to the first file's labels, so it equals the same file given twice.
  const twice = await json(['ceiling', labelled, labelled]);
  const reordered = await json(['ceiling', labelled, shuffled]);
  assert.deepEqual([reordered.lower, reordered.upper], [twice.lower, twice.upper]);
  const evaluated = await json(['evaluate', '--subjects', `${labelled},${shuffled}`, shuffled, '--bootstrap', '0']);
  assert.ok(evaluated.value !== undefined);
  const plotted = await attune(['plot', labelled, '-o', 'rdm.svg', '--labels', '1'], dir);
  assert.equal(plotted.code, 0, plotted.stderr);

  for (const args of [['ceiling', labelled, shuffled, '--no-labels'], ['evaluate', '--subjects', `${labelled},${shuffled}`, labelled, '--no-labels'], ['plot', labelled, '-o', 'x.svg', '--no-labels']]) {
    const r = await attune(args, dir);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /rdm_labelled\.csv:2:1: /, args.join(' '));
  }
  const noHeader = await attune(['ceiling', labelled, shuffled, '--no-header'], dir);
  assert.equal(noHeader.code, 2);
  assert.match(noHeader.stderr, /rdm_labelled\.csv:1:/);
});
