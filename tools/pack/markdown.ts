import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Definition, Nodes, PhrasingContent, RootContent } from 'mdast';
import type { PackError } from './errors';
import type { Block, ExplainerSections, Inline, Lang } from '../../lib/pack-format/types';
import { urlProblem, type HttpAllowlist } from '../../lib/pack-format/urls';

/**
 * Explainer bodies → the safe rich text of types.ts. Only what an explainer needs survives
 * (paragraphs, lists, ### headings, quotes, emphasis, code spans, links); anything that could
 * carry markup or fetch something — raw HTML, images — is an error naming the line, never dropped
 * silently, so an author sees why their content is missing.
 */

type SectionKey = keyof ExplainerSections;

/** The `##` headings of each language; a file uses its own language's (es-format: Spanish headings exactly). */
const HEADINGS_BY_LANG: Record<Lang, Record<SectionKey, string>> = {
  en: {
    happening: "What's happening",
    stake: "What's at stake",
    matters: 'Why it matters',
    context: 'Key facts & context',
  },
  es: {
    happening: 'Qué está pasando',
    stake: 'Qué está en juego',
    matters: 'Por qué importa',
    context: 'Datos clave y contexto',
  },
};

const REQUIRED_SECTIONS: readonly SectionKey[] = ['happening', 'stake', 'matters'];

/** Lower-case, straight apostrophes dropped, "&" read as "and", spacing and trailing colon ignored. */
export function headingKey(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc'`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[:.\s]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function sectionByHeading(headings: Record<SectionKey, string>): Map<string, SectionKey> {
  return new Map((Object.entries(headings) as [SectionKey, string][]).map(([key, heading]) => [headingKey(heading), key]));
}

export interface SectionOptions {
  file: string;
  /** Lines before the body (front matter), so errors point at the line in the .md file. */
  lineOffset?: number;
  httpAllowlist?: HttpAllowlist;
  /** Which language's headings the body uses (default English). */
  lang?: Lang;
}

export interface SectionsResult {
  sections: ExplainerSections;
  errors: PackError[];
}

class BodyConverter {
  readonly errors: PackError[] = [];
  private readonly definitions = new Map<string, Definition>();
  field = 'body';

  constructor(private readonly options: SectionOptions) {}

  collectDefinitions(node: Nodes): void {
    if (node.type === 'definition') {
      if (!this.definitions.has(node.identifier)) this.definitions.set(node.identifier, node);
      return;
    }
    if ('children' in node) for (const child of node.children) this.collectDefinitions(child);
  }

  line(node: Nodes): number {
    return (node.position?.start.line ?? 0) + (this.options.lineOffset ?? 0);
  }

  fail(node: Nodes, message: string): void {
    const error = { file: this.options.file, field: this.field, message: `line ${this.line(node)}: ${message}` };
    // An opening and closing tag on one line are one mistake, not two.
    if (!this.errors.some((e) => e.field === error.field && e.message === error.message)) this.errors.push(error);
  }

  blocks(nodes: readonly RootContent[]): Block[] {
    const out: Block[] = [];
    for (const node of nodes) {
      const block = this.block(node);
      if (block) out.push(block);
    }
    return out;
  }

  private block(node: RootContent): Block | null {
    switch (node.type) {
      case 'paragraph':
        return { t: 'p', c: this.inlines(node.children) };
      case 'heading':
        if (node.depth === 3) return { t: 'h3', c: this.inlines(node.children) };
        this.fail(node, `a level-${node.depth} heading is not allowed here; use "##" for the sections and "###" inside them`);
        return null;
      case 'list':
        return { t: node.ordered ? 'ol' : 'ul', items: node.children.map((item) => this.listItem(item.children)) };
      case 'blockquote':
        return { t: 'quote', c: this.blocks(node.children) };
      case 'definition':
        return null; // consumed by link references
      case 'html':
        this.fail(node, 'raw HTML is not allowed; write Markdown');
        return null;
      case 'code':
        this.fail(node, 'code blocks are not supported; use `inline code`');
        return null;
      case 'thematicBreak':
        this.fail(node, 'horizontal rules are not supported');
        return null;
      default:
        this.fail(node, `${node.type} is not supported in explainer text`);
        return null;
    }
  }

  /** A list item becomes one line of inline text; nested blocks cannot be shown in a card. */
  private listItem(children: readonly RootContent[]): Inline[] {
    const parts: Inline[] = [];
    for (const child of children) {
      if (child.type === 'paragraph') {
        if (parts.length > 0) parts.push({ t: 'text', v: ' ' });
        parts.push(...this.inlines(child.children));
      } else if (child.type === 'list') {
        this.fail(child, 'nested lists are not supported; flatten the list');
      } else {
        this.fail(child, `${child.type} inside a list item is not supported`);
      }
    }
    return mergeText(parts);
  }

  inlines(nodes: readonly PhrasingContent[]): Inline[] {
    const out: Inline[] = [];
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          out.push({ t: 'text', v: node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' ') });
          break;
        case 'break':
          out.push({ t: 'text', v: ' ' });
          break;
        case 'emphasis':
          out.push({ t: 'em', c: this.inlines(node.children) });
          break;
        case 'strong':
          out.push({ t: 'strong', c: this.inlines(node.children) });
          break;
        case 'inlineCode':
          out.push({ t: 'code', v: node.value });
          break;
        case 'link':
          this.pushLink(node, node.url, node.children, out);
          break;
        case 'linkReference': {
          const definition = this.definitions.get(node.identifier);
          if (definition) this.pushLink(node, definition.url, node.children, out);
          else this.fail(node, `link reference [${node.identifier}] has no definition`);
          break;
        }
        case 'html':
          this.fail(node, 'raw HTML is not allowed; write Markdown');
          break;
        case 'image':
        case 'imageReference':
          this.fail(node, 'images are not allowed in explainers');
          break;
        default:
          this.fail(node, `${node.type} is not supported in explainer text`);
      }
    }
    return mergeText(out);
  }

  private pushLink(node: Nodes, href: string, children: readonly PhrasingContent[], out: Inline[]): void {
    const problem = urlProblem(href, this.options.httpAllowlist);
    if (problem) {
      this.fail(node, `link: ${problem}`);
      return;
    }
    const content = this.inlines(children);
    out.push({ t: 'link', href, c: content.length > 0 ? content : [{ t: 'text', v: href }] });
  }
}

function mergeText(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    const previous = out[out.length - 1];
    if (inline.t === 'text' && previous?.t === 'text') previous.v += inline.v;
    else out.push(inline.t === 'text' ? { ...inline } : inline);
  }
  return out;
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/** Splits the body at its `##` headings and converts each section; collects every problem. */
export function parseSections(body: string, options: SectionOptions): SectionsResult {
  const root = fromMarkdown(body);
  const converter = new BodyConverter(options);
  converter.collectDefinitions(root);
  const headings = HEADINGS_BY_LANG[options.lang ?? 'en'];
  const byHeading = sectionByHeading(headings);

  const grouped = new Map<SectionKey, { heading: Nodes; children: RootContent[] }>();
  let current: RootContent[] | null = null;
  let sawSectionHeading = false;
  for (const node of root.children) {
    if (node.type === 'heading' && node.depth === 2) {
      sawSectionHeading = true;
      const title = plainText(node);
      const key = byHeading.get(headingKey(title));
      converter.field = 'body';
      if (key === undefined) {
        const known = Object.values(headings).map((h) => `"## ${h}"`).join(', ');
        converter.fail(node, `unknown section "## ${title}"; expected one of ${known}`);
        current = null;
      } else if (grouped.has(key)) {
        converter.field = `sections.${key}`;
        converter.fail(node, `section "## ${headings[key]}" appears twice`);
        current = null;
      } else {
        current = [];
        grouped.set(key, { heading: node, children: current });
      }
    } else if (current) {
      current.push(node);
    } else if (node.type !== 'definition' && !sawSectionHeading) {
      converter.field = 'body';
      converter.fail(node, `text before the first "## ${headings.happening}" heading; the title comes from front matter`);
    }
  }

  const sections: ExplainerSections = { happening: [], stake: [], matters: [] };
  for (const [key, { heading, children }] of grouped) {
    converter.field = `sections.${key}`;
    const blocks = converter.blocks(children);
    if (blocks.length === 0 && REQUIRED_SECTIONS.includes(key)) converter.fail(heading, `section "## ${headings[key]}" is empty`);
    if (blocks.length > 0 || key !== 'context') sections[key] = blocks;
  }
  for (const key of REQUIRED_SECTIONS) {
    if (!grouped.has(key)) {
      converter.errors.push({
        file: options.file,
        field: `sections.${key}`,
        message: `missing required section "## ${headings[key]}"`,
      });
    }
  }
  return { sections, errors: converter.errors };
}
