import { beforeEach, describe, expect, it } from 'vitest';
import { pageFallbackText } from './page-context';

describe('pageFallbackText', () => {
  beforeEach(() => {
    document.title = 'Sheriff signs agreement';
    document.body.innerHTML = '';
  });

  it('reads the title, then h1, h2 and h3 headings level by level, never lower levels or body text', () => {
    document.body.innerHTML =
      '<h2>Immigration enforcement</h2><p>ICE agents</p><h1>County news</h1><h4>Weather</h4><h3>Detainers</h3><h2>Jail <em>model</em></h2>';
    expect(pageFallbackText(document, 4000)).toBe('Sheriff signs agreement\nCounty news\nImmigration enforcement\nJail model\nDetainers');
  });

  it('stops reading headings once the limit is reached and cuts the text to it', () => {
    document.body.innerHTML = Array.from({ length: 50 }, (_, i) => `<h2>heading number ${i}</h2>`).join('');
    const text = pageFallbackText(document, 60);
    expect(text).toHaveLength(60);
    expect(text.startsWith('Sheriff signs agreement\nheading number 0\nheading number 1')).toBe(true);
    expect(text).not.toContain('heading number 3');
  });
});
