/**
 * What the page looks like under a mark: its effective background colour, whether that is light or
 * dark, and which of our mark colours stands out from it. The card takes its theme from this and the
 * painter its mark tone, so neither follows the reader's OS theme against the page (a black card on
 * a cream page) nor draws a line the page's own background swallows.
 */

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

interface Rgba extends Rgb {
  a: number;
}

/** Which side of our palette a background needs. */
export type Tone = 'light' | 'dark';

const OKLAB = /^ok(?:lch|lab)\(\s*([\d.]+)(%?)[^/)]*(?:\/\s*([\d.]+)(%?))?\s*\)$/i;

/**
 * `oklch()` and `oklab()` (Tailwind 4's palette is oklch) as the grey of the same OKLab lightness:
 * tone and contrast read only luminance, which is L³ for a grey and close to it for a colour (red:
 * 0.25 for 0.21). The full conversion cost about 500 bytes gzip, more than the content script had left.
 */
function parseOklab(value: string): Rgba | null {
  const match = OKLAB.exec(value);
  if (!match) return null;
  const lightness = parseFloat(match[1]!) / (match[2] ? 100 : 1);
  const linear = Math.min(1, lightness ** 3);
  const grey = 255 * (linear <= 0.0031308 ? 12.92 * linear : 1.055 * linear ** (1 / 2.4) - 0.055);
  const alpha = match[3] === undefined ? 1 : parseFloat(match[3]) / (match[4] ? 100 : 1);
  return { r: grey, g: grey, b: grey, a: alpha };
}

/** A computed colour (`rgb(…)`, `rgba(…)`, `color(srgb …)`, `#rrggbb`, `oklch(…)`, `oklab(…)`), or null for anything else. */
export function parseColor(value: string): Rgba | null {
  if (/^#[0-9a-f]{6}$/i.test(value.trim())) return { ...hexColor(value.trim()), a: 1 };
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/i.exec(value.trim());
  if (rgb) {
    const alpha = rgb[4] === undefined ? 1 : rgb[4].endsWith('%') ? parseFloat(rgb[4]) / 100 : parseFloat(rgb[4]);
    return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]), a: alpha };
  }
  const srgb = /^color\(srgb\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s*\/\s*([\d.]+%?))?\s*\)$/i.exec(value.trim());
  if (srgb) {
    const alpha = srgb[4] === undefined ? 1 : srgb[4].endsWith('%') ? parseFloat(srgb[4]) / 100 : parseFloat(srgb[4]);
    return { r: Number(srgb[1]) * 255, g: Number(srgb[2]) * 255, b: Number(srgb[3]) * 255, a: alpha };
  }
  return parseOklab(value.trim());
}

export function hexColor(hex: string): Rgb {
  const value = hex.replace('#', '');
  return { r: parseInt(value.slice(0, 2), 16), g: parseInt(value.slice(2, 4), 16), b: parseInt(value.slice(4, 6), 16) };
}

/** WCAG 2 relative luminance. */
export function luminance({ r, g, b }: Rgb): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

function over(top: Rgba, bottom: Rgb): Rgb {
  return {
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
  };
}

/**
 * The colour behind `element`'s text: the first non-transparent background walking up from it,
 * with any translucent ones in between blended over it. Null when nothing up to the root paints one
 * (the browser's canvas then shows, which follows the reader's colour scheme).
 */
export function effectiveBackground(element: Element | null, view: Window = window): Rgb | null {
  const layers: Rgba[] = [];
  for (let node = element; node; node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host ?? null)) {
    const color = parseColor(view.getComputedStyle(node).backgroundColor);
    if (!color || color.a === 0) continue;
    layers.push(color);
    if (color.a >= 1) break;
  }
  const base = layers.at(-1);
  if (!base || base.a < 1) return null;
  let result: Rgb = base;
  for (let index = layers.length - 2; index >= 0; index--) result = over(layers[index]!, result);
  return result;
}

/** Backgrounds darker than this (relative luminance) read as dark: white text beats black text on them. */
const DARK_BELOW = 0.179;

export function toneOf(background: Rgb): Tone {
  return luminance(background) < DARK_BELOW ? 'dark' : 'light';
}

/** The reader's colour scheme, for pages that paint no background of their own. */
function schemeTone(view: Window = window): Tone {
  return view.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The tone of the page behind `element`: its own background, else the reader's scheme. */
export function pageToneAt(element: Element | null, view: Window = window): Tone {
  const background = effectiveBackground(element, view);
  return background ? toneOf(background) : schemeTone(view);
}

/**
 * The mark colours of public/content-highlight.css (a unit test checks the stylesheet uses exactly
 * these): a deep blue for light backgrounds, a pale blue for dark ones. Each is at least 3:1 against
 * every background of its tone down to mid greys; between them (luminance about 0.1–0.3) no single
 * blue can be, and the one with the higher contrast is used.
 */
export const MARK_COLORS: Record<Tone, string> = {
  light: '#1a56b8',
  dark: '#8ab8ff',
};

/** The mark tone that stands out most from `background`. */
export function markToneFor(background: Rgb): Tone {
  const light = contrastRatio(hexColor(MARK_COLORS.light), background);
  const dark = contrastRatio(hexColor(MARK_COLORS.dark), background);
  return light >= dark ? 'light' : 'dark';
}

/** The mark tone for text inside `element`. */
export function markToneAt(element: Element | null, view: Window = window): Tone {
  const background = effectiveBackground(element, view);
  return background ? markToneFor(background) : schemeTone(view);
}
