import { describe, expect, it } from 'vitest';
import { toolbarTitle, type ToolbarTitles } from './toolbar-title';

const titles: ToolbarTitles = {
  off: 'Context Explainers is off',
  paused: 'Paused on this site',
  none: 'No topics explained on this page',
  topics: (count) => (count === 1 ? '1 topic explained on this page' : `${count} topics explained on this page`),
};
const on = { enabled: true, pausedBadge: 'off' };

describe('toolbarTitle', () => {
  it('counts the topics the badge counts', () => {
    expect(toolbarTitle('3', on, titles)).toBe('3 topics explained on this page');
    expect(toolbarTitle('1', on, titles)).toBe('1 topic explained on this page');
  });

  it('says when the page has none', () => {
    expect(toolbarTitle('', on, titles)).toBe('No topics explained on this page');
    expect(toolbarTitle('0', on, titles)).toBe('No topics explained on this page');
  });

  it('tells paused from off although both badges read "off"', () => {
    expect(toolbarTitle('off', on, titles)).toBe('Paused on this site');
    expect(toolbarTitle('off', { ...on, enabled: false }, titles)).toBe('Context Explainers is off');
    expect(toolbarTitle('4', { ...on, enabled: false }, titles)).toBe('Context Explainers is off');
  });
});
