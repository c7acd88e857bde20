// Markup built by construction: text is escaped unless it is already Markup, so a benchmark
// named `<script>` or `a&b "c"` can never break out of the page, an attribute or an SVG.

/** A fragment of HTML/SVG that is already safe to emit as is. */
export class Markup {
  constructor(readonly html: string) {}

  toString(): string {
    return this.html;
  }
}

/** A child of an element: text (escaped), markup (kept), or nothing. */
export type Child = Markup | string | undefined | false;

export type AttrValue = string | number | undefined | false;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Markup from a trusted constant (the stylesheet); never pass data through this. */
export function trusted(html: string): Markup {
  return new Markup(html);
}

/** Joins children into one fragment, escaping the text among them. */
export function fragment(children: readonly Child[], separator = ''): Markup {
  return new Markup(
    children
      .filter((child): child is Markup | string => child !== undefined && child !== false)
      .map((child) => (child instanceof Markup ? child.html : escapeHtml(child)))
      .join(separator),
  );
}

/**
 * `<name attrs>children</name>`. Attributes with `undefined`/`false` are left out; numbers are
 * written by `formatNumberAttr` so coordinates are short and identical on every run.
 */
export function h(name: string, attrs: Readonly<Record<string, AttrValue>> = {}, children: readonly Child[] = []): Markup {
  const attrText = Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== false)
    .map(([key, value]) => ` ${key}="${escapeHtml(typeof value === 'number' ? formatNumberAttr(value) : value)}"`)
    .join('');
  return new Markup(`<${name}${attrText}>${fragment(children).html}</${name}>`);
}

/** A void element (`<meta>`, `<br>`), which has no closing tag in HTML. */
export function voidElement(name: string, attrs: Readonly<Record<string, AttrValue>> = {}): Markup {
  const html = h(name, attrs).html;
  return new Markup(html.slice(0, html.length - `</${name}>`.length));
}

/** 12.3456 → "12.35", 3 → "3", -0 → "0": two decimals are sub-pixel on any screen. */
export function formatNumberAttr(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`non-finite number in markup: ${value}`);
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}
