import { describe, expect, it } from 'vitest';
import { explainerPath } from '../../lib/explainer-url';
import { escapeOmniboxXml, MAX_QUERY_LENGTH, OMNIBOX_ID_PREFIX, omniboxTarget, queryFromSelection } from './open-explainer';

describe('opening the explainer page', () => {
  it('opens one explainer by id, or the index searching a query', () => {
    expect(explainerPath('287g-program')).toBe('/explainer.html#287g-program');
    expect(explainerPath('a b/c')).toBe('/explainer.html#a%20b%2Fc');
    expect(explainerPath('', '287(g) & ICE')).toBe('/explainer.html?q=287(g)%20%26%20ICE');
    expect(explainerPath(null, '   ')).toBe('/explainer.html');
    expect(explainerPath('')).toBe('/explainer.html');
  });

  it('turns a selection into a short one-line query', () => {
    expect(queryFromSelection('  sanctuary\n\tcities  ')).toBe('sanctuary cities');
    expect(queryFromSelection('x'.repeat(500))).toHaveLength(MAX_QUERY_LENGTH);
  });

  it('opens a picked omnibox suggestion, or searches what was typed', () => {
    expect(omniboxTarget(`${OMNIBOX_ID_PREFIX}ice`)).toEqual({ id: 'ice' });
    expect(omniboxTarget(' 287g ')).toEqual({ id: '', query: '287g' });
  });

  it('escapes omnibox descriptions, which Chrome reads as XML', () => {
    expect(escapeOmniboxXml('Laws & <orders> "x"')).toBe('Laws &amp; &lt;orders&gt; &quot;x&quot;');
  });
});
