// Published human-agreement figures of the shipped rating sets ("reference ceilings"), each with what was
// correlated with what and where the figure is stated. Only figures read in their source are listed: MEN's
// authors state that rater agreement cannot be computed for MEN (each pair was judged against random comparison
// pairs; the figures of their two-author check were not verified), and no figure was verified for WordSim-353,
// RG-65, the smaller sets or the norms (Glasgow, Brysbaert, Kuperman), so those sets have none.

/** A published human-agreement figure for a data set: shown beside a score, not used to normalise it. */
export interface ReferenceCeiling {
  value: number;
  /** What was correlated with what (pairwise, one-vs-rest, split-half with or without Spearman–Brown). */
  kind: string;
  /** Where the figure is stated, so a reader can check it. */
  source: string;
}

/** Reference ceilings by benchmark set id (the ids of WORD_SIMILARITY_SETS and NORM_SETS). */
export const REFERENCE_CEILINGS: Readonly<Record<string, ReferenceCeiling>> = {
  simlex999: {
    value: 0.78,
    kind: 'one-vs-rest: average Spearman correlation of a human rater with the average of all the other raters (the average pairwise Spearman correlation between two raters is 0.67)',
    source: 'Hill, Reichart & Korhonen (2015), SimLex-999, Computational Linguistics 41(4); both figures as stated by the first author on the data set\u2019s page, https://fh295.github.io/simlex.html (section State-of-the-Art)',
  },
  mturk771: {
    value: 0.8957,
    kind: 'split-half: raters split at random into two groups of at least 10 workers, correlation between the two groups\u2019 mean ratings over the 771 pairs, mean over 1000 random splits (no Spearman\u2013Brown correction; the correlation coefficient is not named)',
    source: 'Halawi, Dror, Gabrilovich & Koren (2012), KDD 2012; figure as stated on the data set\u2019s page, http://www2.mta.ac.il/~gideon/datasets/mturk_771.html (section Quality assessment)',
  },
};

/** The reference ceiling of a benchmark set, or undefined when its source states none that could be verified. */
export function referenceCeilingFor(setId: string): ReferenceCeiling | undefined {
  return Object.hasOwn(REFERENCE_CEILINGS, setId) ? REFERENCE_CEILINGS[setId] : undefined;
}
