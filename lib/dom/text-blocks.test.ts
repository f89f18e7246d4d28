import { beforeEach, describe, expect, it } from 'vitest';
import { SHADOW_HOST_TAG } from './constants';
import { BlockWalker, positionAt, WALK_PAUSED, type TextBlock } from './text-blocks';

function walkAll(root: Node, options = {}): TextBlock[] {
  const walker = new BlockWalker(root, options);
  const blocks: TextBlock[] = [];
  for (let block = walker.next(); block; block = walker.next()) blocks.push(block);
  return blocks;
}

const texts = (blocks: TextBlock[]) => blocks.map((block) => block.text.trim()).filter(Boolean);

describe('BlockWalker', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
  });

  it('joins inline markup into one block so split terms stay whole', () => {
    document.body.innerHTML = '<p>Under Section 287(<em>g</em>) of the <a href="#">INA</a>, agents</p>';
    const [block] = walkAll(document.body);
    expect(block!.text).toBe('Under Section 287(g) of the INA, agents');
    expect(block!.element.localName).toBe('p');
    expect(block!.nodes).toHaveLength(5);
    expect(block!.starts).toEqual([0, 18, 19, 28, 31]);
  });

  it('pauses inside a block of many nodes when asked, and resumes to the same blocks', () => {
    const links = Array.from({ length: 300 }, (_, i) => `<a href="#">user${i}</a>`).join(', ');
    document.body.innerHTML = `<p>${links} and ICE agents</p><p>after</p>`;
    const whole = walkAll(document.body);
    const walker = new BlockWalker(document.body);
    const blocks: TextBlock[] = [];
    let pauses = 0;
    for (;;) {
      const result = walker.next(50);
      if (result === WALK_PAUSED) {
        pauses++;
        continue;
      }
      if (result === null) break;
      blocks.push(result);
    }
    expect(pauses).toBeGreaterThan(10);
    expect(blocks.map((block) => block.text)).toEqual(whole.map((block) => block.text));
    expect(blocks[0]!.nodes).toHaveLength(whole[0]!.nodes.length);
  });

  it('splits at nested blocks, keeping the text around them apart', () => {
    document.body.innerHTML = '<div>before<p>inside <b>bold</b></p>after</div><ul><li>one</li><li>two</li></ul>';
    expect(texts(walkAll(document.body))).toEqual(['before', 'inside bold', 'after', 'one', 'two']);
  });

  it('starts no run for whitespace between blocks but keeps it between inline words', () => {
    document.body.innerHTML = '<div>\n  <p><b>ICE</b> <i>agents</i></p>\n  <p>two</p>\n</div>';
    const blocks = walkAll(document.body);
    expect(blocks.map((block) => block.text)).toEqual(['ICE agents', 'two']);
  });

  it('rejects skipped subtrees at their root element', () => {
    document.body.innerHTML = `
      <p>keep one</p>
      <pre>no pre</pre><code>no code</code><script>no script</script><style>.x{}</style>
      <textarea>no textarea</textarea><select><option>no option</option></select>
      <div contenteditable="true"><p>no editable</p></div>
      <div contenteditable="false"><p>keep editable false</p></div>
      <div hidden><p>no hidden</p></div>
      <div aria-hidden="true"><span>no aria hidden</span></div>
      <${SHADOW_HOST_TAG}><p>no host</p></${SHADOW_HOST_TAG}>
      <kbd>no kbd</kbd><samp>no samp</samp><noscript>no noscript</noscript>
      <p>keep two</p>`;
    expect(texts(walkAll(document.body))).toEqual(['keep one', 'keep editable false', 'keep two']);
  });

  it('walks into open shadow roots', () => {
    document.body.innerHTML = '<p>light</p><x-widget></x-widget>';
    const host = document.querySelector('x-widget')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>shadow <i>text</i></p>';
    const seen: ShadowRoot[] = [];
    const blocks = walkAll(document.body, { onShadowRoot: (root: ShadowRoot) => seen.push(root) });
    expect(texts(blocks)).toEqual(['light', 'shadow text']);
    expect(seen).toEqual([shadow]);
  });

  it('walks the shadow tree of the element it starts from, then that element\'s own children', () => {
    document.body.innerHTML = '<p>outside</p><div id="host"><p>light child</p></div>';
    const host = document.getElementById('host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>in shadow</p><p hidden>no</p>';
    const seen: ShadowRoot[] = [];
    expect(texts(walkAll(host, { onShadowRoot: (root: ShadowRoot) => seen.push(root) }))).toEqual(['in shadow', 'light child']);
    expect(seen).toEqual([shadow]);
    const empty = document.createElement('div');
    empty.attachShadow({ mode: 'open' });
    empty.innerHTML = '<p>only light</p>';
    expect(texts(walkAll(empty))).toEqual(['only light']);
  });

  it('walks a shadow tree before its host\'s own children, and keeps skipping by attribute after it', () => {
    document.body.innerHTML = '<p>before</p><div id="host"><p>light child</p></div><p hidden>no hidden</p><p>after</p>';
    const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p>in shadow</p><p aria-hidden="true">no shadow hidden</p><p>shadow end</p>';
    expect(texts(walkAll(document.body))).toEqual(['before', 'in shadow', 'shadow end', 'light child', 'after']);
  });

  it('meets attribute-skipped elements in turn, also past ones inside a subtree skipped by its tag', () => {
    document.body.innerHTML =
      '<pre><span hidden>x</span></pre><p>one</p><!-- note --><div aria-hidden="true"><p hidden>no</p></div><p>two</p><p hidden>no</p><p>three</p>';
    expect(texts(walkAll(document.body))).toEqual(['one', 'two', 'three']);
  });

  it('starting deep inside the page, skips by attribute after the start and resumes in the outer blocks', () => {
    document.body.innerHTML =
      '<p hidden>no</p><section><div><p id="start">start</p><p hidden>no</p><span>inline tail</span></div>section tail</section><p>last</p>';
    const start = document.getElementById('start')!;
    const blocks = walkAll(document.body, { startAt: start });
    expect(texts(blocks)).toEqual(['start', 'inline tail', 'section tail', 'last']);
    expect(blocks.map((block) => block.element.localName)).toEqual(['p', 'div', 'section', 'p']);
  });

  it('does not skip the root for an attribute it carries (callers check the root themselves)', () => {
    document.body.innerHTML = '<div id="root" hidden><p>inside</p></div>';
    expect(texts(walkAll(document.getElementById('root')!))).toEqual(['inside']);
  });

  it('scans SVG text as its own block without throwing', () => {
    document.body.innerHTML = '<p>ICE <svg><text>287(g)</text><text>chart</text></svg> agents</p>';
    expect(texts(walkAll(document.body))).toEqual(['ICE', '287(g)', 'chart', 'agents']);
  });

  it('separates words around <br> without a text node', () => {
    document.body.innerHTML = '<p>ICE<br>agents</p>';
    const [block] = walkAll(document.body);
    expect(block!.text).toBe('ICE\nagents');
    expect(positionAt(block!, 4, 'start')).toEqual({ node: block!.nodes[1], offset: 0 });
  });

  it('records the last heading before each block', () => {
    document.body.innerHTML = '<p>intro</p><h2>First</h2><p>a</p><h2>Second</h2><p>b</p>';
    const blocks = walkAll(document.body);
    const headingOf = (text: string) => blocks.find((block) => block.text === text)!.heading?.textContent ?? null;
    expect(headingOf('intro')).toBeNull();
    expect(headingOf('a')).toBe('First');
    expect(headingOf('b')).toBe('Second');
    expect(headingOf('Second')).toBe('Second');
  });

  it('starts at a given element and stops at another, covering the document once between them', () => {
    document.body.innerHTML = '<p id="a">one</p><p id="b">two</p><p id="c">three</p>';
    const b = document.getElementById('b')!;
    const after = texts(walkAll(document.body, { startAt: b }));
    const before = texts(walkAll(document.body, { stopAt: b }));
    expect(after).toEqual(['two', 'three']);
    expect(before).toEqual(['one']);
  });
});

describe('positionAt', () => {
  it('maps block offsets to text nodes, preferring the later node for starts and earlier for ends', () => {
    document.body.innerHTML = '<p>287(<em>g</em>) rule</p>';
    const walker = new BlockWalker(document.body);
    const block = walker.next()!;
    const [first, em, last] = block.nodes;
    expect(positionAt(block, 0, 'start')).toEqual({ node: first, offset: 0 });
    expect(positionAt(block, 4, 'start')).toEqual({ node: em, offset: 0 });
    expect(positionAt(block, 4, 'end')).toEqual({ node: first, offset: 4 });
    expect(positionAt(block, 6, 'end')).toEqual({ node: last, offset: 1 });
    expect(positionAt(block, block.text.length, 'end')).toEqual({ node: last, offset: last!.data.length });
  });
});
