import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contrastRatio, effectiveBackground, hexColor, luminance, MARK_COLORS, markToneFor, pageToneAt, parseColor, toneOf, type Rgb } from './page-colors';

const grey = (level: number): Rgb => ({ r: level, g: level, b: level });
/** Pages readers meet: paper whites, creams and sepias, light greys; dark themes down to black. */
const LIGHT_PAGES = ['#ffffff', '#fbfbfc', '#f7f3e9', '#fdf6e3', '#f4ecd8', '#fff8e7', '#eeeeee', '#e1e4e8', '#d6d6d6'];
const DARK_PAGES = ['#000000', '#0d1117', '#121212', '#181a1b', '#1e1e1e', '#202124', '#282c34', '#22272e', '#2d333b'];

describe('page colours', () => {
  afterEach(() => document.body.replaceChildren());

  it('parses computed colours, opaque and translucent', () => {
    expect(parseColor('rgb(251, 248, 240)')).toEqual({ r: 251, g: 248, b: 240, a: 1 });
    expect(parseColor('rgba(0, 0, 0, 0)')).toEqual({ r: 0, g: 0, b: 0, a: 0 });
    expect(parseColor('rgb(10 20 30 / 50%)')).toEqual({ r: 10, g: 20, b: 30, a: 0.5 });
    expect(parseColor('color(srgb 1 0.5 0)')).toEqual({ r: 255, g: 127.5, b: 0, a: 1 });
    expect(parseColor('transparent')).toBeNull();
  });

  it('reads oklch() and oklab() by their lightness, close to the true luminance', () => {
    const lum = (value: string) => luminance(parseColor(value)!);
    // Pure red (luminance 0.2126), Tailwind 4's gray-900 (#101828, 0.0118) and gray-50 (#f9fafb, 0.955).
    for (const red of ['oklch(0.628 0.2577 29.23)', 'oklab(0.628 0.2249 0.1258)', 'OKLCH(62.8% 0.2577 29.23deg)']) expect(lum(red)).toBeCloseTo(0.2126, 1);
    expect(lum('oklch(0.21 0.034 264.665)')).toBeCloseTo(0.0118, 2);
    expect(lum('oklch(0.985 0.002 247.839)')).toBeCloseTo(0.955, 2);
    expect(toneOf(parseColor('oklch(0.21 0.034 264.665)')!)).toBe('dark');
    expect(toneOf(parseColor('oklch(0.985 0.002 247.839)')!)).toBe('light');
    expect(parseColor('oklch(0.5 0.1 200 / 0.5)')?.a).toBe(0.5);
    expect(parseColor('oklch(0.5 0.1 200 / 40%)')?.a).toBe(0.4);
    expect(parseColor('lab(54.29 80.8 69.89)')).toBeNull();
  });

  it('computes WCAG luminance and contrast', () => {
    expect(luminance(grey(255))).toBeCloseTo(1, 5);
    expect(luminance(grey(0))).toBe(0);
    expect(contrastRatio(grey(0), grey(255))).toBeCloseTo(21, 5);
    expect(contrastRatio(hexColor('#767676'), grey(255))).toBeCloseTo(4.54, 2);
  });

  it('picks a mark colour at least 3:1 against light and dark pages', () => {
    for (const page of [...LIGHT_PAGES, ...DARK_PAGES]) {
      const background = hexColor(page);
      const tone = markToneFor(background);
      const ratio = contrastRatio(hexColor(MARK_COLORS[tone]), background);
      expect(ratio, `${MARK_COLORS[tone]} on ${page}`).toBeGreaterThanOrEqual(3);
    }
    expect(markToneFor(hexColor('#f7f3e9'))).toBe('light');
    expect(markToneFor(hexColor('#121212'))).toBe('dark');
  });

  it('keeps 3:1 on every grey from white down to luminance 0.41 and from black up to 0.12, and picks the better colour between', () => {
    for (let level = 0; level <= 255; level++) {
      const background = grey(level);
      const chosen = contrastRatio(hexColor(MARK_COLORS[markToneFor(background)]), background);
      const other = contrastRatio(hexColor(MARK_COLORS[markToneFor(background) === 'light' ? 'dark' : 'light']), background);
      expect(chosen).toBeGreaterThanOrEqual(other);
      const lum = luminance(background);
      if (lum >= 0.41 || lum <= 0.12) expect(chosen, `grey ${level}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('the "tint" and underline names in the stylesheet use exactly these colours', () => {
    const css = readFileSync(path.resolve(import.meta.dirname, '../../public/content-highlight.css'), 'utf8');
    const rule = (name: string) => new RegExp(`::highlight\\(${name}\\)\\s*\\{([^}]*)\\}`).exec(css)?.[1] ?? '';
    for (const [name, tone] of [
      ['context-explainers', 'light'],
      ['context-explainers-tint', 'light'],
      ['context-explainers-active', 'light'],
      ['context-explainers-on-dark', 'dark'],
      ['context-explainers-tint-on-dark', 'dark'],
      ['context-explainers-active-on-dark', 'dark'],
    ] as const) {
      const body = rule(name);
      expect(body, name).toContain(`text-decoration-color: ${MARK_COLORS[tone]};`);
      expect(body, name).toMatch(/text-decoration-line: underline;/);
      expect(body, name).toMatch(/text-underline-offset: 0\.25em;/);
    }
  });

  it('finds the background behind an element, walking up past transparent ones and blending translucent ones', () => {
    document.body.innerHTML = '<section style="background-color:#202124"><div style="background-color:rgba(255,255,255,0.5)"><p><span>x</span></p></div></section>';
    const span = document.querySelector('span')!;
    const found = effectiveBackground(span)!;
    expect(found.r).toBeCloseTo((32 + 255) / 2, 0);
    document.body.innerHTML = '<section style="background-color:#202124"><p><span>x</span></p></section>';
    expect(pageToneAt(document.querySelector('span'))).toBe('dark');
    document.body.innerHTML = '<section style="background-color:#f7f3e9"><p><span>x</span></p></section>';
    expect(pageToneAt(document.querySelector('span'))).toBe('light');
    expect(toneOf(hexColor('#767676'))).toBe('light');
  });

  it('reads a dark oklch() section inside a light page as dark, not as the page behind it', () => {
    document.body.innerHTML = '<section><p><span>x</span></p></section>';
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    const section = document.querySelector('section')!;
    const styles = (element: Element) =>
      ({ backgroundColor: element === section ? 'oklch(0.21 0.034 264.665)' : window.getComputedStyle(element).backgroundColor }) as CSSStyleDeclaration;
    const view = { getComputedStyle: styles, matchMedia: () => ({ matches: false }) } as unknown as Window;
    try {
      expect(pageToneAt(document.querySelector('span'), view)).toBe('dark');
    } finally {
      document.body.style.backgroundColor = '';
    }
  });

  it('falls back to the reader\'s colour scheme when nothing paints a background', () => {
    document.body.innerHTML = '<p><span>x</span></p>';
    expect(effectiveBackground(document.querySelector('span'))).toBeNull();
    const dark = { getComputedStyle: window.getComputedStyle.bind(window), matchMedia: () => ({ matches: true }) } as unknown as Window;
    expect(pageToneAt(document.querySelector('span'), dark)).toBe('dark');
  });
});
