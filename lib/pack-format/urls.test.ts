import { describe, expect, it } from 'vitest';
import { trackingParams } from './urls';

describe('trackingParams', () => {
  it('names utm_* and click ids', () => {
    expect(trackingParams('https://www.nj.com/news/2026/02/x.html?utm_source=twitter&utm_medium=social&id=4')).toEqual(['utm_source', 'utm_medium']);
    expect(trackingParams('https://example.org/a?fbclid=IwAR0&gclid=abc&msclkid=1')).toEqual(['fbclid', 'gclid', 'msclkid']);
    expect(trackingParams('https://example.org/a?UTM_Campaign=x')).toEqual(['UTM_Campaign']);
  });

  it('names os= on government hosts only', () => {
    expect(trackingParams('https://www.ice.gov/news/releases/ice-287g?os=vbkn42tqho')).toEqual(['os']);
    expect(trackingParams('https://www.dhs.gov/news/2025/x?os=app')).toEqual(['os']);
    expect(trackingParams('https://downloads.example.com/tool?os=linux')).toEqual([]);
  });

  it('leaves ordinary query strings and odd input alone', () => {
    expect(trackingParams('https://mgaleg.maryland.gov/mgawebsite/Legislation/Details/hb0444?ys=2026RS')).toEqual([]);
    expect(trackingParams('https://www.congress.gov/bill/119th-congress/house-bill/29')).toEqual([]);
    expect(trackingParams('not a url')).toEqual([]);
  });
});
