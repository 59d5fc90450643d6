/**
 * Reading a rendered page in a test without printing it: its text (tags dropped, entities decoded,
 * spaces collapsed), the text of one element by id, the message beside an input, and an assertion that
 * names only what is missing (with a short excerpt), never the whole page.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** The character of a numeric reference (`#39`, `#x27`), or undefined. */
function characterReference(name: string): string | undefined {
  const code = /^#x([0-9a-f]+)$/i.exec(name) ? parseInt(name.slice(2), 16) : /^#\d+$/.test(name) ? Number(name.slice(1)) : NaN;
  return Number.isInteger(code) && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/** The text a person reads in `html` (script and style dropped; `<wbr>` joins). */
export function pageText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<wbr\s*\/?>/gi, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#?\w+);/g, (m, name: string) => ENTITIES[name] ?? characterReference(name) ?? m)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text of the element with `id` (up to its own closing tag, nested elements of other names allowed), or undefined. */
export function textById(html: string, id: string): string | undefined {
  const open = new RegExp(`<(\\w+)[^>]*\\sid="${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`).exec(html);
  if (!open) return undefined;
  const tag = open[1];
  let depth = 1;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  re.lastIndex = open.index + open[0].length;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return pageText(html.slice(open.index + open[0].length, m.index));
  }
  return undefined;
}

/** The error shown beside the input `id` (ui/components/field.tsx), or undefined. */
export function fieldError(html: string, id: string): string | undefined {
  return textById(html, `${id}-error`);
}

/** Fails naming the texts not found in the page's text, with its first 300 characters. */
export function expectText(html: string, ...needles: (string | RegExp)[]): void {
  const text = pageText(html);
  const missing = needles.filter((n) => (typeof n === 'string' ? !text.includes(n) : !n.test(text)));
  if (missing.length) throw new Error(`page text lacks ${missing.map(String).join(', ')}; it begins: ${text.slice(0, 300)}…`);
}

/** Fails naming the texts found in the page's text that should not be there. */
export function expectNoText(html: string, ...needles: (string | RegExp)[]): void {
  const text = pageText(html);
  const found = needles.filter((n) => (typeof n === 'string' ? text.includes(n) : n.test(text)));
  if (found.length) throw new Error(`page text has ${found.map(String).join(', ')}, which it should not`);
}

/** Fails unless the markup matches `pattern`, naming the pattern only (the page is not printed). */
export function expectMarkup(html: string, pattern: RegExp): void {
  if (!pattern.test(html)) throw new Error(`the page's markup does not match ${String(pattern)}`);
}
