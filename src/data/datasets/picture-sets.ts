// The picture sets that ship with Attune, by id: the 92 objects on white (Cichy 2014), the same 92 on grey
// (Kriegeskorte 2008) and the 78 natural photographs of Algonauts 2019; each checksum-verified, in RDM order.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InputError } from '../../core/input-error.ts';
import type { ImageStimulus, RgbImage } from '../../core/stimulus.ts';
import { decodeImage } from '../images/decode.ts';
import { readMatPictures } from '../images/mat-pictures.ts';
import { datasetFile, getDataset, verifyDataset } from '../registry.ts';

/** A list of pictures in a fixed order (the rows and columns of the set's RDMs), with the data set it comes from. */
export interface PictureSet {
  id: string;
  title: string;
  stimuli: ImageStimulus[];
  dataset: { id: string; checksum: string };
}

/** The shipped picture sets: id, title and data set. */
export const PICTURE_SETS: readonly { id: string; title: string; dataset: string }[] = [
  { id: 'cichy92', title: 'the 92 objects on white (Cichy et al. 2014; Algonauts 2019 training set), 175×175', dataset: 'cichy2014_92images' },
  { id: 'kriegeskorte92', title: 'the same 92 objects on grey (Kriegeskorte et al. 2008), 175×175', dataset: 'rdm92_kriegeskorte' },
  { id: 'algonauts78', title: 'the 78 natural photographs of the Algonauts 2019 test set, 400×400 JPEG', dataset: 'algonauts2019_78images' },
];

const loaded = new Map<string, Promise<PictureSet>>();

/** The shipped set `id` (checksums verified once per process); InputError on `option` for an unknown id. */
export function loadPictureSet(id: string, option = '--stimuli'): Promise<PictureSet> {
  const known = PICTURE_SETS.find((s) => s.id === id);
  if (!known) throw new InputError(`unknown picture set '${id}' (shipped: ${PICTURE_SETS.map((s) => s.id).join(', ')})`, { file: option });
  let set = loaded.get(id);
  if (!set) {
    set = readSet(known);
    loaded.set(id, set);
  }
  return set;
}

async function readSet(known: (typeof PICTURE_SETS)[number]): Promise<PictureSet> {
  const checksum = verifyDataset(known.dataset);
  const dataset = { id: known.dataset, checksum };
  if (known.id === 'algonauts78') return { id: known.id, title: known.title, dataset, stimuli: jpegStimuli(known.dataset) };
  const [file, variable, field, nameField] =
    known.id === 'cichy92'
      ? [datasetFile(known.dataset, '92images.mat'), 'visual_stimuli', 'pixels', 'names']
      : [datasetFile(known.dataset, 'Kriegeskorte_Neuron2008_supplementalData.mat'), 'stimuli_92objs', 'image', undefined];
  const { pictures, names } = readMatPictures(file, variable, field, nameField);
  const stimuli = pictures.map((picture, i) => memoryStimulus(names?.[i] ?? `kriegeskorte_${String(i + 1).padStart(2, '0')}.png`, picture, `${known.id}`));
  return { id: known.id, title: known.title, dataset, stimuli };
}

/** A picture held in memory (decoded from a .mat): its hash is over its size and RGB bytes. */
function memoryStimulus(name: string, picture: RgbImage, set: string): ImageStimulus {
  const sha256 = createHash('sha256').update(`${picture.width}x${picture.height}\n`).update(picture.data).digest('hex');
  return { kind: 'image', name, sha256, source: `${set}:${name}`, load: async () => picture };
}

/** The JPEG files of a data set's images/ folder, in the order of their card (images/image_01.jpg … image_NN.jpg). */
function jpegStimuli(datasetId: string): ImageStimulus[] {
  return getDataset(datasetId)
    .files.filter((f) => f.name.startsWith('images/'))
    .map((f): ImageStimulus => {
      const path = datasetFile(datasetId, f.name);
      // Named by their path in the data set (images/image_01.jpg), apart from cichy92's image_01.jpg.
      return { kind: 'image', name: f.name, sha256: f.sha256, source: path, load: async () => decodeImage(await readFile(path), path) };
    });
}
