import { describe, expect, it } from 'vitest';
import { groupByPublisher, publisherName } from './publishers';

const known = [
  { title: 'TRAC update', url: 'https://tracreports.org/whatsnew/email.260217.html', publisher: 'TRAC, Syracuse University' },
  { title: 'Release', url: 'https://www.einpresswire.com/article/1/dhs', publisher: 'DHS (via EIN Presswire)' },
  { title: 'Untagged', url: 'https://example.org/a' },
];

describe('publisherName', () => {
  it('uses the publisher the explainer lists for the URL', () => {
    expect(publisherName('https://tracreports.org/whatsnew/email.260217.html', known)).toBe('TRAC, Syracuse University');
  });

  it('uses the one publisher listed for the same host, but not on hosts shared by many publishers', () => {
    expect(publisherName('https://tracreports.org/tracatwork/detail/A5946.html', known)).toBe('TRAC, Syracuse University');
    expect(publisherName('https://www.einpresswire.com/article/2/other', known)).toBe('EIN Presswire');
  });

  it('falls back to a known host name, then to the host itself', () => {
    expect(publisherName('https://www.ice.gov/287g')).toBe('ICE');
    expect(publisherName('https://tracreports.org/x')).toBe('TRAC');
    expect(publisherName('https://example.org/b', known)).toBe('example.org');
    expect(publisherName('https://www.miamidaily.life/news/x')).toBe('miamidaily.life');
  });
});

describe('groupByPublisher', () => {
  it('groups distinct URLs by publisher in order of first citation', () => {
    const groups = groupByPublisher(
      [
        'https://tracreports.org/a',
        'https://austinkocher.substack.com/p/x',
        'https://tracreports.org/b',
        'https://tracreports.org/a',
        'https://tracreports.org/whatsnew/email.260217.html',
      ],
      known,
    );
    expect(groups).toEqual([
      { name: 'TRAC, Syracuse University', urls: ['https://tracreports.org/a', 'https://tracreports.org/b', 'https://tracreports.org/whatsnew/email.260217.html'] },
      { name: 'Austin Kocher', urls: ['https://austinkocher.substack.com/p/x'] },
    ]);
  });
});
