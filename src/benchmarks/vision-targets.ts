// What the vision benchmarks score against: for each shipped picture set, the subjects' RDMs of a brain region
// or of similarity judgments, over the set's pictures in RDM order. Cichy 2014 (92 images, EVC and IT, 15
// subjects), Algonauts 2019 (78 images, EVC and IT, 15 subjects) and Kriegeskorte 2008 (the 92 images on grey:
// human IT, 4 subjects, and similarity judgments, 16 subjects).
import type { Matrix } from '../core/matrix.ts';
import { loadBrainRdms } from '../data/datasets/brain-rdms.ts';
import { loadRdm92, RDM92_DATASET } from '../data/datasets/rdm92.ts';

/** The subjects' RDMs of a target, ready to score against. */
export interface TargetRdms {
  subjects: Matrix;
  subjectNames: string[];
  /** Algonauts 2019 sets: the noise ceiling R² the kit's evaluation script hard-codes (the score divides by it, as the kit does). */
  algonauts?: { publishedCeilingR2: number };
  /** Report Kendall tau-a (mean over subjects) beside the headline Spearman: the measure of the literature suite's 92-image rows. */
  tauBeside?: boolean;
  /** Where the RDMs come from (file and variable), for the method text and messages. */
  source: string;
  dataset: { id: string; checksum: string };
}

/** One vision target: a picture set and whose RDMs over it. */
export interface VisionTarget {
  /** e.g. 'cichy92:evc'; the benchmark ids are vision:<id>[:<subject>]. */
  id: string;
  /** The picture set the subjects saw (its order is the RDMs' order). */
  pictureSet: 'cichy92' | 'kriegeskorte92' | 'algonauts78';
  title: string;
  /** The data sets it reads (the pictures' and the RDMs'), for the cache key. */
  datasets: readonly string[];
  load(): Promise<TargetRdms>;
}

/** Every vision target, in scorecard order. */
export const VISION_TARGETS: readonly VisionTarget[] = [
  brainTarget('cichy92', 'evc', 'Cichy 2014, 92 images: early visual cortex (15 subjects)', 'cichy2014_92images'),
  brainTarget('cichy92', 'it', 'Cichy 2014, 92 images: IT (15 subjects)', 'cichy2014_92images'),
  brainTarget('algonauts78', 'evc', 'Algonauts 2019, 78 images: early visual cortex (15 subjects)', 'algonauts2019_78images'),
  brainTarget('algonauts78', 'it', 'Algonauts 2019, 78 images: IT (15 subjects)', 'algonauts2019_78images'),
  kriegeskorteTarget('human-it', 'Kriegeskorte 2008, 92 images on grey: human IT (4 subjects)'),
  kriegeskorteTarget('judgments', 'Kriegeskorte 2008, 92 images on grey: similarity judgments (16 subjects, Mur 2013)'),
];

function brainTarget(pictureSet: 'cichy92' | 'algonauts78', region: 'evc' | 'it', title: string, dataset: string): VisionTarget {
  return {
    id: `${pictureSet}:${region}`, pictureSet, title, datasets: [dataset],
    async load() {
      const rdms = await loadBrainRdms(pictureSet, region);
      return { subjects: rdms.subjects, subjectNames: rdms.subjectNames, algonauts: { publishedCeilingR2: rdms.kitCeilingR2 }, source: `${rdms.dataset.id}: ${rdms.variable}`, dataset: rdms.dataset };
    },
  };
}

function kriegeskorteTarget(which: 'human-it' | 'judgments', title: string): VisionTarget {
  return {
    id: `kriegeskorte92:${which}`, pictureSet: 'kriegeskorte92', title, datasets: [RDM92_DATASET],
    async load() {
      const data = loadRdm92();
      const subjects = which === 'human-it' ? data.humanITSubjects : data.judgments;
      const subjectNames = which === 'human-it' ? data.humanITSubjectNames : data.judgmentNames;
      const source = which === 'human-it' ? '92_brainRDMs.mat: RDMs (sessions averaged)' : '92_behavRDMs.mat: rdms_behav_92';
      return { subjects, subjectNames, tauBeside: true, source: `${RDM92_DATASET}: ${source}`, dataset: data.dataset };
    },
  };
}
