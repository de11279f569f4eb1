import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadPictureSet, PICTURE_SETS } from '../../../src/data/datasets/picture-sets.ts';
import { loadBrainRdms } from '../../../src/data/datasets/brain-rdms.ts';
import { loadRecordedNetwork, RECORDED_NETWORKS } from '../../../src/data/datasets/recorded-networks.ts';
import { InputError } from '../../../src/core/input-error.ts';

// Expected values: test/fixtures/pictures/pictures_expected.py (scipy.io and Pillow) and
// test/fixtures/vision/vision_expected.py (h5py, numpy).
const pictures = JSON.parse(readFileSync(new URL('../../fixtures/pictures/pictures_expected.json', import.meta.url), 'utf8'));
const vision = JSON.parse(readFileSync(new URL('../../fixtures/vision/vision_expected.json', import.meta.url), 'utf8'));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

test('the shipped picture sets decode to exactly the pixels scipy (.mat) and Pillow (JPEG) give, in RDM order', async () => {
  assert.deepEqual(PICTURE_SETS.map((s) => s.id), ['cichy92', 'kriegeskorte92', 'algonauts78']);
  for (const id of ['cichy92', 'kriegeskorte92', 'algonauts78']) {
    const set = await loadPictureSet(id);
    const want = pictures[id] as { name?: string; sha256: string; size: number[] }[];
    assert.equal(set.stimuli.length, want.length, id);
    for (const [i, stimulus] of set.stimuli.entries()) {
      const image = await stimulus.load();
      assert.deepEqual([image.height, image.width], want[i].size, `${id} ${i}`);
      assert.equal(sha(image.data), want[i].sha256, `${id} picture ${i + 1}`);
      if (want[i].name) assert.equal(stimulus.name, want[i].name);
    }
  }
  const cichy = await loadPictureSet('cichy92');
  const krieg = await loadPictureSet('kriegeskorte92');
  const algonauts = await loadPictureSet('algonauts78');
  assert.equal(cichy.stimuli[0].name, 'image_01.jpg');
  assert.equal(krieg.stimuli[91].name, 'kriegeskorte_92.png');
  // The 78 photographs go by their path in the data set, so they never share a name with cichy92's pictures.
  assert.equal(algonauts.stimuli[0].name, 'images/image_01.jpg');
  assert.equal(algonauts.stimuli[0].sha256, sha(readFileSync(algonauts.stimuli[0].source)));
  assert.equal(new Set([...cichy.stimuli, ...krieg.stimuli, ...algonauts.stimuli].map((s) => s.name)).size, 262);
  assert.equal(cichy.dataset.id, 'cichy2014_92images');
  assert.throws(() => loadPictureSet('cichy'), (e: unknown) => e instanceof InputError && /--stimuli: unknown picture set 'cichy' \(shipped: cichy92, kriegeskorte92, algonauts78\)/.test(e.message));
});

test('brain RDMs: 15 subjects × EVC/IT, condensed exactly as numpy takes the upper triangles of h5py\u2019s and np.load\u2019s arrays', async () => {
  for (const [set, region] of [['cichy92', 'evc'], ['cichy92', 'it'], ['algonauts78', 'evc'], ['algonauts78', 'it']] as const) {
    const rdms = await loadBrainRdms(set, region);
    const want = vision.targets[`${set}:${region}`];
    assert.equal(rdms.subjects.rows, 15);
    assert.equal(rdms.subjects.cols, want.pairs);
    assert.equal(sha(new Uint8Array(rdms.subjects.data.buffer, rdms.subjects.data.byteOffset, rdms.subjects.data.byteLength)), want.rdms_sha256, `${set} ${region}`);
    assert.equal(rdms.stimuli, set === 'cichy92' ? 92 : 78);
  }
});

test('recorded networks: every layer RDM of AlexNet, VGG-16 and ResNet, in depth order', () => {
  for (const network of RECORDED_NETWORKS) {
    const loaded = loadRecordedNetwork(network.id);
    assert.deepEqual(loaded.layers.map((l) => l.name), network.layers);
    for (const layer of loaded.layers) assert.equal(layer.rdm.length, 4186);
  }
  assert.equal(RECORDED_NETWORKS.reduce((n, net) => n + net.layers.length, 0), 21);
});
