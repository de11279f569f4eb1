// Natural order of names: runs of digits compare as numbers, so 'layer2' sorts before 'layer10'.

const PARTS = /(\d+)/;

/** Compare two names naturally: digit runs by value (then by length, so '02' follows '2'), other text by code unit. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.split(PARTS);
  const pb = b.split(PARTS);
  for (let k = 0; k < Math.min(pa.length, pb.length); k++) {
    const x = pa[k];
    const y = pb[k];
    if (x === y) continue;
    if (k % 2 === 1) {
      // odd parts are digit runs: compare by value without overflow (strip leading zeros, then length, then text)
      const vx = x.replace(/^0+(?=\d)/, '');
      const vy = y.replace(/^0+(?=\d)/, '');
      if (vx.length !== vy.length) return vx.length - vy.length;
      if (vx !== vy) return vx < vy ? -1 : 1;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
