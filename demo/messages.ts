/**
 * The alert box by the Train button and the notes under fields: a refusal names its field
 * (marked invalid, focused), a warning about a finished fit leaves the focus alone.
 * @module
 */
import { $, field, form } from './form.js';

const messageBox = $<HTMLDivElement>('message');

/**
 * Shows `text` in the alert box by the Train button and, for fields, under them too (on a
 * phone the two can be a screen apart): every field named is marked invalid, the note goes
 * under the last of them in the form, and the first named gets the focus; without a field,
 * the box gets it.
 */
export function showMessage(text: string, fieldName?: string, alsoInvalid: readonly string[] = []): void {
  clearMessage();
  messageBox.textContent = text;
  messageBox.hidden = false;
  const target = fieldName === undefined ? null : field(fieldName);
  if (target !== null && target !== undefined) {
    const marked = [target, ...alsoInvalid.map((name) => field(name))];
    for (const input of marked) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-errormessage', 'message');
    }
    const last = marked.reduce((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? b : a));
    const note = document.createElement('span');
    note.className = 'field-error';
    note.setAttribute('aria-hidden', 'true'); // the alert box already says it
    note.textContent = text;
    (last.closest('label') ?? last).after(note); // in a grid, on a row of its own (see style.css)
    target.focus();
  } else {
    messageBox.focus();
  }
}

/**
 * Shows what a finished fit should be read with (the library's warnings, a divergence) in
 * the alert box, styled as a warning; the focus stays where it is.
 */
export function showWarning(text: string): void {
  clearMessage();
  messageBox.textContent = text;
  messageBox.classList.add('warning');
  messageBox.hidden = false;
}

export function clearMessage(): void {
  messageBox.hidden = true;
  messageBox.textContent = '';
  messageBox.classList.remove('warning', 'resolved');
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  for (const node of form.querySelectorAll('.field-error')) node.remove();
}

/**
 * Once a highlighted field is edited, its marks and notes (and the alert box) are hidden
 * but keep their room until the next submit: removing them would move the Train button
 * while the pointer is on its way to it, or between its mouse-down and mouse-up, and the
 * click would be lost.
 */
export function clearFieldError(target: HTMLElement): void {
  if (target.getAttribute('aria-invalid') !== 'true') return;
  for (const node of form.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  for (const node of form.querySelectorAll('.field-error')) node.classList.add('resolved');
  messageBox.classList.add('resolved');
}
