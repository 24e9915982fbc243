/**
 * Copying text: the Clipboard API where there is one; else (an old browser, a page opened
 * from file://, a denied permission) the text is put in a visible, selected text box with
 * the browser's copy command tried on it, so the user can always copy it by hand.
 */

/** How the text was copied: by the Clipboard API, or into the fallback box. */
export type Copied = 'clipboard' | 'fallback';

/** Copies `text`; never throws. `box` is the fallback text box. */
export async function copyText(text: string, box: HTMLTextAreaElement): Promise<Copied> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      box.hidden = true;
      return 'clipboard';
    }
  } catch {
    // Denied or unavailable: the fallback below.
  }
  box.value = text;
  box.hidden = false;
  box.focus();
  box.select();
  try {
    document.execCommand('copy');
  } catch {
    // The text stays selected in the box for the user to copy.
  }
  return 'fallback';
}
