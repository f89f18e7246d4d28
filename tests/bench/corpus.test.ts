import { describe, expect, it } from 'vitest';
import { bodyMarkup, declaredCharset, decodePage, spreadBySize, typicalBySize, withoutScripts, type CorpusPage } from './corpus';

const page = (name: string, bytes: number): CorpusPage => ({ name, file: `/x/${name}.html`, bytes });

describe('bodyMarkup', () => {
  it('takes what is between the body tags', () => {
    expect(bodyMarkup('<html><head><title>t</title></head><BODY class="x"><p>hi</p></body></html>')).toBe('<p>hi</p>');
  });

  it('falls back to after </head>, then to the whole document', () => {
    expect(bodyMarkup('<head></head><p>hi</p></html>')).toBe('<p>hi</p>');
    expect(bodyMarkup('<p>hi</p>')).toBe('<p>hi</p>');
  });
});

describe('withoutScripts', () => {
  it('drops script elements with their source and keeps everything else', () => {
    expect(withoutScripts('<p>a</p><script type="x">if (a < b) {}</script><p>b</p><SCRIPT src=y></SCRIPT>')).toBe('<p>a</p><p>b</p>');
  });
});

describe('charset', () => {
  it('reads <meta charset> and http-equiv forms', () => {
    expect(declaredCharset(Buffer.from('<meta charset="GBK">'))).toBe('gbk');
    expect(declaredCharset(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=big5">'))).toBe('big5');
    expect(declaredCharset(Buffer.from('<p>none</p>'))).toBe('utf-8');
  });

  it('decodes with the declared charset', () => {
    const bytes = Buffer.concat([Buffer.from('<meta charset="windows-1252"><p>'), Buffer.from([0xe9]), Buffer.from('</p>')]);
    expect(decodePage(bytes)).toContain('<p>é</p>');
  });
});

describe('spreadBySize', () => {
  it('includes the smallest and the largest page and keeps name order', () => {
    const pages = Array.from({ length: 10 }, (_, i) => page(`p${i}`, (i * 37) % 10));
    const picked = spreadBySize(pages, 3);
    expect(picked).toHaveLength(3);
    expect(picked.map((p) => p.bytes)).toContain(0);
    expect(picked.map((p) => p.bytes)).toContain(9);
    expect(picked.map((p) => p.name)).toEqual([...picked.map((p) => p.name)].sort());
  });
});

describe('typicalBySize', () => {
  it('leaves out the smallest and the largest page', () => {
    const pages = Array.from({ length: 9 }, (_, i) => page(`p${i}`, i));
    expect(typicalBySize(pages, 3).map((p) => p.bytes)).toEqual([2, 4, 6]);
  });
});
