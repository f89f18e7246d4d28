import { describe, expect, it } from 'vitest';
import { suggestedTopics } from './suggested-topics';

describe('suggestedTopics', () => {
  it('takes the shortest title of each category, shortest first', () => {
    const list = [
      { title: 'Immigration and Customs Enforcement', category: 'Agencies' },
      { title: 'ICE', category: 'Agencies' },
      { title: '287(g) program', category: 'Federal programs' },
      { title: 'Detainer', category: 'Legal process' },
      { title: 'Asylum', category: 'Immigration status' },
      { title: 'Sanctuary policies', category: 'State & local policy' },
    ];
    expect(suggestedTopics(list)).toEqual(['ICE', 'Asylum', 'Detainer', '287(g) program']);
  });

  it('fills up from the other titles when there are fewer categories than buttons', () => {
    const list = [
      { title: 'B', category: 'x' },
      { title: 'Aa', category: 'x' },
      { title: 'Ccc', category: 'x' },
    ];
    expect(suggestedTopics(list, 3)).toEqual(['B', 'Aa', 'Ccc']);
    expect(suggestedTopics([], 3)).toEqual([]);
  });
});
