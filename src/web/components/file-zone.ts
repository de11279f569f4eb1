// A file chooser that also takes a dropped file: a labelled <input type=file> inside a drop zone.
import { h } from '../dom.ts';

/** A zone: its element, its chosen file, and a way to relabel it. */
export interface FileZone {
  element: HTMLElement;
  file(): File | null;
  setLabel(text: string): void;
}

/** A drop zone around a file input with id `id`; `changed` runs when a file is chosen or dropped. */
export function fileZone(id: string, label: string, changed: () => void): FileZone {
  const input = h('input', { type: 'file', id, accept: '.csv,.tsv,.txt,.dat,.npy,text/csv,text/plain' });
  const caption = h('span', { class: 'zone-label' }, label);
  const chosen = h('span', { class: 'zone-file' }, 'no file yet — drop one here or choose');
  const element = h('div', { class: 'drop-zone' }, h('label', { for: id }, caption), input, chosen);
  const show = () => {
    const f = input.files?.[0];
    chosen.textContent = f ? `${f.name} (${f.size.toLocaleString()} bytes)` : 'no file yet — drop one here or choose';
  };
  input.addEventListener('change', () => { show(); changed(); });
  element.addEventListener('dragover', (event) => {
    event.preventDefault();
    element.classList.add('over');
  });
  element.addEventListener('dragleave', () => element.classList.remove('over'));
  element.addEventListener('drop', (event) => {
    event.preventDefault();
    element.classList.remove('over');
    const files = event.dataTransfer?.files;
    if (!files || files.length === 0) return;
    const one = new DataTransfer();
    one.items.add(files[0]);
    input.files = one.files;
    show();
    changed();
  });
  return { element, file: () => input.files?.[0] ?? null, setLabel: (text) => (caption.textContent = text) };
}
