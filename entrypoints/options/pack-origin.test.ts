import { describe, expect, it } from 'vitest';
import { packOriginPattern } from './pack-origin';

describe('packOriginPattern', () => {
  it('covers the host of an https pack without path or port', () => {
    expect(packOriginPattern('https://news.example.org:8443/packs/one.json?x=1')).toBe('https://news.example.org/*');
  });
  it('keeps plain http for the local test server', () => {
    expect(packOriginPattern('http://127.0.0.1:41234/pack.json')).toBe('http://127.0.0.1/*');
  });
  it('refuses what cannot be a pack origin', () => {
    expect(packOriginPattern('file:///tmp/pack.json')).toBeNull();
    expect(packOriginPattern('not a url')).toBeNull();
  });
});
