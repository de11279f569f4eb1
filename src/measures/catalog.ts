// The measure ids Attune reports, with what each computes (for `attune list measures`).

/** One measure id (parameters in brackets) and a one-line description. */
export interface MeasureEntry { id: string; description: string }

/** Every measure family, in the order of the design's method table. */
export const MEASURES: readonly MeasureEntry[] = [
  { id: 'rdm:euclidean|correlation|cosine|mahalanobis', description: 'RDM of a features matrix (rsatoolbox conventions; euclidean = squared distance / channels)' },
  { id: 'rdm:crossnobis', description: 'cross-validated Mahalanobis RDM over runs/folds' },
  { id: 'compare:spearman|rho-a|tau-a|kendall|corr|cosine', description: 'RDM comparison, with permutation test over stimuli and bootstrap CI' },
  { id: 'ceiling:rdm:<method>', description: 'RDM noise ceiling: upper = each subject vs mean of all, lower = leave-one-subject-out (attune ceiling)' },
  { id: 'transform:geotopological', description: 'geo-topological transform of an RDM before comparison (topological RSA)' },
  { id: 'cka:linear[:debiased]|cka:rbf:sigma<F>[:debiased]', description: 'centred kernel alignment (biased or debiased HSIC) (attune cka, attune similarity)' },
  { id: 'svcca[:var<F>]|pwcca', description: 'singular-vector and projection-weighted CCA (attune similarity)' },
  { id: 'procrustes[:angular]', description: 'orthogonal Procrustes distance, or its angle (attune similarity)' },
  { id: 'knn:mutual|cycle:k<N>[:l2norm]|cknna:k<N>[:l2norm]', description: 'mutual / cycle nearest-neighbour alignment and CKNNA (platonic-rep) (attune similarity)' },
  { id: 'encode:ridge:kfoldK', description: 'cross-validated ridge encoding, per-target alpha, per-target held-out Pearson r' },
  { id: 'encode:ridge:loo[:shared]', description: 'leave-one-out ridge encoding (efficient LOO over an alpha grid, as scikit-learn RidgeCV), per-target or shared alpha, per-target Pearson r of the LOO predictions' },
  { id: 'ceiling:split-half', description: 'split-half reliability with the Spearman–Brown correction' },
  { id: 'cluster:davies-bouldin|dunn|xie-beni|calinski-harabasz|silhouette|aqi', description: 'cluster separation of labelled activations; AQI a fixed combination' },
  { id: 'corr:spearman|pearson', description: 'model vs human values over items, bootstrap CI over items' },
  { id: 'wordsim:cosine:spearman', description: 'cosine of word vectors per pair vs human similarity, Spearman' },
  { id: 'decode:ridge:kfold5:spearman', description: 'norms decoded from word vectors by cross-validated ridge, held-out Spearman' },
  { id: 'recorded:rating:spearman', description: "a model's recorded ratings vs the human means, Spearman" },
  { id: 'wordsim:rating:spearman|norms:rate:<scale>:spearman', description: "a rater model's (openai:) log-probability ratings vs the human values, Spearman" },
  { id: 'compare:tau-a|spearman:subject-mean', description: 'a candidate RDM vs each subject, averaged over subjects (rsatoolbox eval_fixed); stimulus-and-subject bootstrap' },
  { id: 'evaluate:compare:<method>:subject-mean', description: 'candidate RDMs vs subjects with the noise ceiling; bootstrap tests of every pair, above 0 and below the ceiling, FDR or Bonferroni adjusted (attune evaluate)' },
  { id: 'algonauts2019:spearman-r2:percent-of-ceiling', description: 'Algonauts 2019 score: mean over subjects of the squared Spearman r, as a percentage of the kit\'s noise ceiling R²' },
  { id: 'ols:delta-r2|partial-r|r2:baseline|r2:full', description: 'gain in explained variance of a predictor set over a baseline OLS, partial correlation; bootstrap over groups' },
  { id: 'localizer:welch-t:top<fraction>', description: 'units selective for sentences over non-word lists (Welch t), the top fraction over all layers' },
];
