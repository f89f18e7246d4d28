import { render } from 'preact';
import { afterEach, beforeEach, vi } from 'vitest';
import { useEnglishMessages } from './i18n';

/**
 * Gives each test a fresh container in the document with the English UI strings, and unmounts it and
 * restores mocks afterwards, so a component left mounted cannot leak into the next test.
 */
export function useTestRoot(assign: (root: HTMLElement) => void): void {
  let root: HTMLElement | undefined;
  beforeEach(() => {
    useEnglishMessages();
    root = document.createElement('div');
    document.body.append(root);
    assign(root);
  });
  afterEach(() => {
    if (root) {
      render(null, root);
      root.remove();
    }
    vi.restoreAllMocks();
  });
}
