import { describe, expect, it } from 'vitest';
import { headingKey, parseSections } from './markdown';

const parse = (body: string, lineOffset = 0) => parseSections(body, { file: 'x.md', lineOffset });

const REQUIRED = `## What's happening\nA.\n\n## What's at stake\nB.\n\n## Why it matters\nC.\n`;

describe('headingKey', () => {
  it('matches headings by case, apostrophe style and & / and', () => {
    expect(headingKey('WHAT’S HAPPENING')).toBe(headingKey("What's happening"));
    expect(headingKey('Key facts & context')).toBe(headingKey('key facts and context:'));
    expect(headingKey('Why it matters')).not.toBe(headingKey('Why it mattered'));
  });
});

describe('parseSections', () => {
  it('splits the three required sections and the optional context', () => {
    const { sections, errors } = parse(`${REQUIRED}\n## Key facts & context\nD.\n`);
    expect(errors).toEqual([]);
    expect(sections).toEqual({
      happening: [{ t: 'p', c: [{ t: 'text', v: 'A.' }] }],
      stake: [{ t: 'p', c: [{ t: 'text', v: 'B.' }] }],
      matters: [{ t: 'p', c: [{ t: 'text', v: 'C.' }] }],
      context: [{ t: 'p', c: [{ t: 'text', v: 'D.' }] }],
    });
  });

  it('joins soft line breaks with a space and keeps nested emphasis', () => {
    const { sections } = parse(REQUIRED.replace('A.', 'one\ntwo **bold _both_**'));
    expect(sections.happening).toEqual([
      { t: 'p', c: [{ t: 'text', v: 'one two ' }, { t: 'strong', c: [{ t: 'text', v: 'bold ' }, { t: 'em', c: [{ t: 'text', v: 'both' }] }] }] },
    ]);
  });

  it('rejects nested lists, code blocks, other heading levels and duplicate sections, with lines shifted by the offset', () => {
    const body = `${REQUIRED}\n- item\n  - nested\n\n\`\`\`\ncode\n\`\`\`\n\n#### Deep\n\n## Why it matters\nAgain.\n`;
    const { errors } = parse(body, 10);
    const messages = errors.map((e) => `${e.field}: ${e.message}`);
    expect(messages).toContain('sections.matters: line 21: nested lists are not supported; flatten the list');
    expect(messages.some((m) => /^sections\.matters: line 23: code blocks/.test(m))).toBe(true);
    expect(messages.some((m) => /^sections\.matters: line 27: a level-4 heading/.test(m))).toBe(true);
    expect(messages.some((m) => /^sections\.matters: line 29: section "## Why it matters" appears twice/.test(m))).toBe(true);
  });

  it('rejects text before the first section and undefined link references stay text', () => {
    const { errors, sections } = parse(`# Title\n\n${REQUIRED.replace('A.', 'See [missing][nope].')}`);
    expect(errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      expect.stringMatching(/^body: line 1: text before the first "## What's happening" heading/),
    ]);
    expect(sections.happening).toEqual([{ t: 'p', c: [{ t: 'text', v: 'See [missing][nope].' }] }]);
  });

  it('rejects mailto and http links without an allow-list entry', () => {
    const { errors } = parse(REQUIRED.replace('A.', '[mail](mailto:a@b.c) [plain](http://example.org)'));
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^line 2: link: mailto: URLs are not allowed/),
      expect.stringMatching(/^line 2: link: http URL http:\/\/example.org/),
    ]);
  });
});
