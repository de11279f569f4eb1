// Which word each token of a text belongs to, found from the tokenizer's own decoding: the characters
// that decoding the first j tokens adds are token j's, and a token belongs to the word holding its first
// non-space character (a token of spaces only goes with the next word).

/** Decode token ids to text (the tokenizer's decode, special tokens skipped). */
export type Decode = (ids: number[]) => string;

/** For each token of `ids` (the tokens of words.join(' ')), the index of its word; throws when decoding does not give the text back. */
export function alignTokensToWords(words: readonly string[], ids: readonly number[], decode: Decode): number[] {
  const text = words.join(' ');
  const decoded = decode([...ids]);
  if (decoded.trim() !== text.trim()) {
    throw new Error(`the tokenizer does not decode the text back to itself (e.g. it lower-cases or normalises), so tokens cannot be aligned to words: '${clip(text)}' → '${clip(decoded)}'`);
  }
  const offset = decoded.length - decoded.trimStart().length - (text.length - text.trimStart().length);
  const wordOfChar = new Int32Array(text.length).fill(-1);
  let at = 0;
  words.forEach((word, w) => {
    for (let c = 0; c < word.length; c++) wordOfChar[at + c] = w;
    at += word.length + 1;
  });
  const owners: number[] = [];
  let previousEnd = 0;
  for (let j = 0; j < ids.length; j++) {
    const end = decode(ids.slice(0, j + 1) as number[]).length;
    let owner = -1;
    for (let c = previousEnd; c < end && owner < 0; c++) {
      const k = c - offset;
      if (k >= 0 && k < text.length && wordOfChar[k] >= 0) owner = wordOfChar[k];
    }
    owners.push(owner);
    previousEnd = Math.max(previousEnd, end);
  }
  for (let j = owners.length - 1; j >= 0; j--) if (owners[j] < 0) owners[j] = j + 1 < owners.length ? owners[j + 1] : words.length - 1;
  return owners;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
