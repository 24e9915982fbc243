/** Escaping for text that goes into HTML and Markdown pages. */

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `s` safe as HTML text and inside a quoted attribute: `& < > " '` as entities. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * `s` as literal Markdown text: HTML's special characters as entities (a renderer passes
 * raw HTML through), the punctuation that Markdown and its `$` math read backslash-escaped,
 * line breaks as spaces.
 */
export function escapeMarkdownText(s: string): string {
  // Backslashes first: the entities' own `#` must stay unescaped.
  return escapeHtml(s.replace(/\s+/g, ' ').replace(/[\\`*_[\]()#!|~$]/g, (c) => `\\${c}`));
}
