/** SVG element helper: attributes and text are set as properties, never parsed from strings. */
const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Readonly<Record<string, string | number>> = {}, children: readonly (Node | undefined)[] = []): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  for (const child of children) if (child !== undefined) element.append(child);
  return element;
}

export function svgText(x: number, y: number, text: string, className: string, anchor: 'start' | 'middle' | 'end' = 'start'): SVGTextElement {
  const element = svg('text', { x, y, class: className, 'text-anchor': anchor });
  element.textContent = text;
  return element;
}

/** A tooltip for an SVG shape (read by screen readers too). */
export function svgTitle(text: string): SVGTitleElement {
  const element = svg('title');
  element.textContent = text;
  return element;
}
