/**
 * Puts text into a site's reply box so the site's own editor registers it. Rich editors (Draft.js
 * on X, Lexical on Facebook, CKEditor 5 on Zendesk, Gmail's composer) keep their own state and
 * listen to `beforeinput`/`input`; setting the DOM's text would not be "typed". Plain textareas
 * get the value through the native setter (so frameworks' controlled inputs see it) and an input
 * event.
 */
export function insertIntoReplyBox(box: HTMLElement, text: string, replace?: { before: number }): boolean {
  box.focus();
  if (box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement) {
    const start = box.selectionStart ?? box.value.length;
    const end = box.selectionEnd ?? start;
    const from = replace ? Math.max(0, start - replace.before) : start;
    const next = box.value.slice(0, from) + text + box.value.slice(end);
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(box), 'value')?.set;
    if (setter) setter.call(box, next);
    else box.value = next;
    box.setSelectionRange(from + text.length, from + text.length);
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    return true;
  }
  const selection = box.ownerDocument.getSelection();
  if (selection && (!selection.rangeCount || !box.contains(selection.anchorNode))) {
    // Not inside the box yet: put the caret at its end.
    const range = box.ownerDocument.createRange();
    range.selectNodeContents(box);
    range.collapse(false);
    selection.removeAllRanges();
    selection.addRange(range);
  }
  if (replace && selection?.rangeCount) {
    // Select the typed shortcut so the snippet replaces it.
    for (let i = 0; i < replace.before; i++) selection.modify('extend', 'backward', 'character');
  }
  // Editors that model input themselves (Lexical, Draft.js-style) take text from `beforeinput`
  // and cancel it: then the editor has it. Otherwise let the browser type it: execCommand is
  // deprecated but remains the one way into a contenteditable that editors read back as input.
  const offer = new InputEvent('beforeinput', { inputType: 'insertText', data: text, bubbles: true, cancelable: true, composed: true });
  if (!box.dispatchEvent(offer)) {
    box.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: text, bubbles: true, composed: true }));
    return true;
  }
  return box.ownerDocument.execCommand('insertText', false, text);
}

/** The text just before the caret in a reply box, for spotting a typed `;shortcut`. */
export function textBeforeCaret(box: HTMLElement, max = 40): string {
  if (box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement) {
    const caret = box.selectionStart ?? box.value.length;
    return box.value.slice(Math.max(0, caret - max), caret);
  }
  const selection = box.ownerDocument.getSelection();
  if (!selection?.rangeCount || !box.contains(selection.anchorNode)) return '';
  const range = selection.getRangeAt(0).cloneRange();
  range.setStart(box, 0);
  return range.toString().slice(-max);
}
