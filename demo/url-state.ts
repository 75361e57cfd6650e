/**
 * The form's settings in the page's URL, so a link reproduces a run: every named control
 * but the data the user pasted or loaded (which stays on their machine) is written as a
 * query parameter when a run starts, and read back when the page opens.
 * @module
 */
import { form } from './form.js';

/** Controls whose values never go into a URL: the user's own data. */
const PRIVATE = new Set(['csvText', 'csvFile', 'textData']);

function controls(): (HTMLInputElement | HTMLSelectElement)[] {
  return [...form.elements].filter(
    (node): node is HTMLInputElement | HTMLSelectElement =>
      (node instanceof HTMLInputElement || node instanceof HTMLSelectElement) && node.name !== '' && !PRIVATE.has(node.name),
  );
}

/** The form's settings now, as a query string (without the `?`). */
export function settingsQuery(): string {
  const query = new URLSearchParams();
  for (const node of controls()) {
    if (node instanceof HTMLInputElement && node.type === 'radio') {
      if (node.checked) query.set(node.name, node.value);
    } else if (node instanceof HTMLInputElement && node.type === 'checkbox') {
      query.set(node.name, node.checked ? '1' : '0');
    } else {
      query.set(node.name, node.value);
    }
  }
  return query.toString();
}

/**
 * Puts the settings of `query` into the form; a parameter that names no control, or a
 * value a select or radio group does not offer, is ignored. Returns the names applied.
 */
export function applySettingsQuery(query: string): string[] {
  const params = new URLSearchParams(query);
  const applied: string[] = [];
  for (const node of controls()) {
    const value = params.get(node.name);
    if (value === null) continue;
    if (node instanceof HTMLInputElement && node.type === 'radio') {
      if (node.value === value) {
        node.checked = true;
        applied.push(node.name);
      }
    } else if (node instanceof HTMLInputElement && node.type === 'checkbox') {
      node.checked = value === '1';
      applied.push(node.name);
    } else if (node instanceof HTMLSelectElement) {
      if ([...node.options].some((o) => o.value === value)) {
        node.value = value;
        applied.push(node.name);
      }
    } else {
      node.value = value;
      applied.push(node.name);
    }
  }
  return applied;
}
