/**
 * Leaflet puts a string tooltip or divIcon `html` into the page as HTML. Labels come from data
 * (market names, call signs, ticket categories, module labels), so they always go in as text:
 * an element whose textContent is the label. Never pass a label as a string to Leaflet.
 */
export function textElement(text: string, tag: 'span' | 'div' = 'span'): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}
