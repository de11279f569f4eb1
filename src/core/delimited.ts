// Delimited text (CSV / TSV) split into string fields: RFC 4180 quotes, any line ending, a leading BOM.

/** A record of fields and the 1-based line on which it starts. */
export interface DelimitedRecord {
  fields: string[];
  line: number;
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;
const TAB = 9;
const COMMA = 44;
const SEMICOLON = 59;

/** The separator of delimited text: a tab when the first line has one outside quotes, else `;` when it has more of them than commas, else a comma. */
export function detectSeparator(text: string): ',' | '\t' | ';' {
  let quoted = false;
  let commas = 0, semicolons = 0;
  for (let p = 0; p < text.length; p++) {
    const c = text.charCodeAt(p);
    if (c === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (c === LF || c === CR) break;
    else if (c === TAB) return '\t';
    else if (c === COMMA) commas++;
    else if (c === SEMICOLON) semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Split text into records of string fields. Quoted fields may hold separators, doubled quotes ("") and
 * line breaks; fields are not trimmed; blank lines are skipped. Lines are counted from 1.
 */
export function parseDelimited(text: string, separator: ',' | '\t' | ';' = detectSeparator(text)): DelimitedRecord[] {
  const sep = separator.charCodeAt(0);
  const n = text.length;
  const records: DelimitedRecord[] = [];
  let p = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (p < n) {
    const c0 = text.charCodeAt(p);
    if (c0 === LF || c0 === CR) {
      p += c0 === CR && text.charCodeAt(p + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const recordLine = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text.charCodeAt(p) === QUOTE) {
        let start = ++p;
        for (;;) {
          if (p >= n) break; // unterminated quote: the field runs to the end
          const c = text.charCodeAt(p);
          if (c === QUOTE) {
            if (text.charCodeAt(p + 1) === QUOTE) {
              field += text.slice(start, p + 1);
              p += 2;
              start = p;
              continue;
            }
            break;
          }
          if (c === LF) line++;
          else if (c === CR && text.charCodeAt(p + 1) !== LF) line++;
          p++;
        }
        field += text.slice(start, p);
        if (p < n) p++; // closing quote
      }
      // Unquoted text, or text after a closing quote, up to the separator or line end.
      const start = p;
      while (p < n) {
        const c = text.charCodeAt(p);
        if (c === sep || c === LF || c === CR) break;
        p++;
      }
      field += text.slice(start, p);
      fields.push(field);
      if (p >= n) break;
      const c = text.charCodeAt(p);
      if (c === sep) {
        p++;
        continue;
      }
      p += c === CR && text.charCodeAt(p + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    records.push({ fields, line: recordLine });
  }
  return records;
}
