// fMRI RDMs of early visual cortex (EVC) and inferior temporal cortex (IT) for the shipped picture sets: 15
// subjects each, from Cichy et al. 2014 (92 images, MATLAB v7.3) and Algonauts 2019 (78 images, NumPy .npz),
// with the noise ceilings R² the Algonauts development kit publishes for them (its squared-Spearman score).
import type { Matrix } from '../../core/matrix.ts';
import { InputError } from '../../core/input-error.ts';
import { readMat73Variable } from '../mat73.ts';
import { readNpz } from '../npz.ts';
import { datasetFile, verifyDataset } from '../registry.ts';
import { condenseStack } from './square-rdms.ts';

/** A brain region of the vision sets. */
export type BrainRegion = 'evc' | 'it';

/** The brain regions, with their names for titles. */
export const BRAIN_REGIONS: readonly { id: BrainRegion; title: string }[] = [
  { id: 'evc', title: 'early visual cortex (EVC)' },
  { id: 'it', title: 'inferior temporal cortex (IT)' },
];

/** Subjects' RDMs of one region over one picture set (rows: subjects; columns: the condensed upper triangle). */
export interface BrainRdms {
  /** The picture set the RDMs are over (its order is the RDMs' order). */
  pictureSet: 'cichy92' | 'algonauts78';
  region: BrainRegion;
  stimuli: number;
  subjects: Matrix;
  subjectNames: string[];
  /** The noise ceiling R² the Algonauts 2019 development kit publishes for this set and region (4 decimals). */
  kitCeilingR2: number;
  /** Where the RDMs come from, for messages: the file and its variable. */
  file: string;
  variable: string;
  dataset: { id: string; checksum: string };
}

/** The kit's noise ceilings R² (cichy2014_92images/SOURCE.md; algonauts2019_78images/noise_ceiling_log.json 'unc'). */
export const KIT_CEILINGS_R2: Record<'cichy92' | 'algonauts78', Record<BrainRegion, number>> = {
  cichy92: { evc: 0.1589, it: 0.3075 },
  algonauts78: { evc: 0.064, it: 0.0647 },
};

const cache = new Map<string, Promise<BrainRdms>>();

/** The 15 subjects' RDMs of a region over a picture set (checksum-verified, read once per process). */
export function loadBrainRdms(pictureSet: 'cichy92' | 'algonauts78', region: BrainRegion): Promise<BrainRdms> {
  const key = `${pictureSet}:${region}`;
  let loaded = cache.get(key);
  if (!loaded) {
    loaded = pictureSet === 'cichy92' ? readCichy(region) : readAlgonauts78(region);
    cache.set(key, loaded);
  }
  return loaded;
}

async function readCichy(region: BrainRegion): Promise<BrainRdms> {
  const id = 'cichy2014_92images';
  const checksum = verifyDataset(id);
  const file = datasetFile(id, 'target_fmri.mat');
  const variable = region === 'evc' ? 'EVC_RDMs' : 'IT_RDMs';
  const array = await readMat73Variable(file, variable);
  const [count, n, m] = array.dims;
  if (array.dims.length !== 3 || n !== 92 || m !== 92) throw new InputError(`${variable} should be subjects × 92 × 92, got ${array.dims.join(' × ')}`, { file });
  return {
    pictureSet: 'cichy92', region, stimuli: n, subjects: condenseStack(array.data, count, n, file, variable), subjectNames: subjectNames(count),
    kitCeilingR2: KIT_CEILINGS_R2.cichy92[region], file, variable, dataset: { id, checksum },
  };
}

async function readAlgonauts78(region: BrainRegion): Promise<BrainRdms> {
  const id = 'algonauts2019_78images';
  const checksum = verifyDataset(id);
  const name = region === 'evc' ? 'fmri_EVC_RDMs.npz' : 'fmri_IT_RDMs.npz';
  const file = datasetFile(id, name);
  const members = await readNpz(file);
  const array = members.arr_0;
  if (!array) throw new InputError(`no array 'arr_0' (arrays: ${Object.keys(members).join(', ') || 'none'})`, { file });
  const [count, n, m] = array.shape;
  if (array.shape.length !== 3 || n !== 78 || m !== 78) throw new InputError(`arr_0 should be subjects × 78 × 78, got ${array.shape.join(' × ')}`, { file });
  return {
    pictureSet: 'algonauts78', region, stimuli: n, subjects: condenseStack(array.matrix.data, count, n, file, 'arr_0'), subjectNames: subjectNames(count),
    kitCeilingR2: KIT_CEILINGS_R2.algonauts78[region], file, variable: 'arr_0', dataset: { id, checksum },
  };
}

function subjectNames(count: number): string[] {
  return Array.from({ length: count }, (_, s) => `subject ${s + 1}`);
}
