import { describe, expect, it } from 'vitest';
import { safeHref, sourceHost } from './safe-url';

describe('safeHref', () => {
  it.each([
    ['https://www.ice.gov/287g', 'https://www.ice.gov/287g'],
    ['HTTPS://ICE.gov/a?b=c#d', 'https://ice.gov/a?b=c#d'],
    ['http://example.org/page', 'http://example.org/page'],
  ])('keeps the absolute web URL %s', (input, expected) => {
    expect(safeHref(input)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'chrome://settings',
    'ftp://example.org/file',
    '/relative/path',
    'relative/path',
    '//evil.example/x',
    '#anchor',
    'https://',
    'https:example.org',
    'https://user:pass@example.org/',
    'https://exa mple.org/',
    'http://[::1',
    '',
  ])('refuses %j', (input) => {
    expect(safeHref(input)).toBeNull();
  });

  it('refuses values that are not strings', () => {
    expect(safeHref(undefined)).toBeNull();
    expect(safeHref(null)).toBeNull();
    expect(safeHref({ toString: () => 'https://example.org' })).toBeNull();
  });
});

describe('sourceHost', () => {
  it('shows the host without www', () => {
    expect(sourceHost('https://www.ice.gov/287g')).toBe('ice.gov');
    expect(sourceHost('https://gao.gov/products/gao-21-186')).toBe('gao.gov');
    expect(sourceHost('https://mgaleg.maryland.gov/x')).toBe('mgaleg.maryland.gov');
  });
});
