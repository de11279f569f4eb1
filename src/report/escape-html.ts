// Text made safe for HTML (and SVG) content and attribute values, and a table row of such text.

/** Escape text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** One <tr> of the given cells, escaped; `numeric` cells are right-aligned. */
export function tableRow(cells: readonly string[], tag: 'td' | 'th', numeric: (c: number) => boolean = () => false): string {
  return `<tr>${cells.map((cell, c) => `<${tag}${tag === 'td' && numeric(c) ? ' class="num"' : ''}>${escapeHtml(cell)}</${tag}>`).join('')}</tr>`;
}
