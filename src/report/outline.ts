// The report's headings, each with an id, collected as they are written, and the table of contents that links to them.
import { escapeHtml } from './escape-html.ts';
import { slug } from './plot-basics.ts';

/** Heading levels the contents list. */
type Level = 2 | 3 | 4;

/** Headings written so far, and the contents built from them. */
export interface Outline {
  /** An <hN> with a unique id (from its text), recorded for the contents; `className` is added as its class. */
  heading(level: Level, text: string, className?: string): string;
  /** A <nav> with a nested list of links to every heading recorded, in order. */
  contents(): string;
}

/** A new, empty outline. */
export function createOutline(): Outline {
  const entries: { level: Level; id: string; text: string }[] = [];
  const used = new Set<string>();
  return {
    heading(level, text, className) {
      const base = `s-${slug(text)}`;
      let id = base;
      for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
      used.add(id);
      entries.push({ level, id, text });
      return `<h${level} id="${id}"${className ? ` class="${className}"` : ''}>${escapeHtml(text)}</h${level}>`;
    },
    contents() {
      let html = '';
      let depth = 1;
      for (const e of entries) {
        if (e.level > depth) html += '<ul><li>'.repeat(e.level - depth);
        else html += `${'</li></ul>'.repeat(depth - e.level)}</li><li>`;
        depth = e.level;
        html += `<a href="#${e.id}">${escapeHtml(e.text)}</a>`;
      }
      html += '</li></ul>'.repeat(Math.max(0, depth - 1));
      return `<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">Contents</h2>${html}</nav>`;
    },
  };
}
