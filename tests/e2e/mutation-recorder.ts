import type { Page } from 'playwright-core';

declare global {
  interface Window {
    __pageMutations?: string[];
    /** The document's markup (minus our host) when recording started. */
    __pageSnapshot?: string;
    __pageSnapshotNow?: () => string;
  }
}

/** Runs in the page's main world before any page or content script. */
function recordPageMutations(hostTag: string): void {
  const log: string[] = [];
  window.__pageMutations = log;
  const host = hostTag.toUpperCase();
  const isOurs = (node: Node | null): boolean => {
    for (let current = node; current; current = current.parentNode) {
      if (current instanceof Element && current.tagName === host) return true;
    }
    return false;
  };
  const describe = (node: Node): string =>
    node instanceof Element ? `<${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}>` : `${node.nodeName}(${(node.textContent ?? '').slice(0, 40)})`;
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (isOurs(record.target)) continue;
      if (record.type === 'childList') {
        for (const node of record.addedNodes) if (!isOurs(node)) log.push(`added ${describe(node)} to ${describe(record.target)}`);
        for (const node of record.removedNodes) {
          // A removed node is detached, so only its own tag can tell whether it was our host.
          if (!(node instanceof Element && node.tagName === host)) log.push(`removed ${describe(node)} from ${describe(record.target)}`);
        }
      } else if (record.type === 'attributes') {
        log.push(`attribute ${record.attributeName} on ${describe(record.target)}`);
      } else {
        log.push(`text changed in ${describe(record.target)}`);
      }
    }
  });
  // Start once the parser is done: its insertions are not ours to judge, and content scripts
  // (document_idle) only run after this point.
  const start = () => {
    observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
    window.__pageSnapshot = serializeWithoutHost();
  };
  const serializeWithoutHost = (): string => {
    const copy = document.documentElement.cloneNode(true) as Element;
    for (const element of copy.querySelectorAll(hostTag)) element.remove();
    return copy.outerHTML;
  };
  window.__pageSnapshotNow = serializeWithoutHost;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

/** An init script that logs every DOM change outside our shadow host into `window.__pageMutations`. */
export function mutationRecorderScript(hostTag: string): string {
  // tsx adds esbuild's __name() calls to named inner functions; define it for the page.
  return `var __name = globalThis.__name || ((target) => target); (${recordPageMutations.toString()})(${JSON.stringify(hostTag)});`;
}

/** Every DOM change outside our host since the document finished parsing. */
export function readMutationLog(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    if (!window.__pageMutations) throw new Error('mutation recorder was not installed in this page');
    return [...window.__pageMutations];
  });
}

/** Whether the markup outside our host is byte-for-byte what the parser produced. */
export function markupUnchanged(page: Page): Promise<boolean> {
  return page.evaluate(() => window.__pageSnapshotNow?.() === window.__pageSnapshot);
}
