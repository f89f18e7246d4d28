import type { MessageKey } from '../../lib/i18n';
import { useLang } from '../lang';
import { anchorId } from './notes';

/**
 * The table of contents: plain in-page links, so Tab reaches each one and Enter moves the reader
 * (and the keyboard's starting point) to that section.
 */
export function Contents({ explainerId, sections }: { explainerId: string; sections: readonly { name: string; title: MessageKey }[] }) {
  const { t } = useLang();
  return (
    <nav class="toc" aria-labelledby={anchorId(explainerId, 'contents')} data-testid="toc">
      <h2 id={anchorId(explainerId, 'contents')} class="toc-title">
        {t('contents')}
      </h2>
      <ol>
        {sections.map((section) => (
          <li key={section.name}>
            <a href={`#${anchorId(explainerId, section.name)}`} data-testid="toc-link" data-target={section.name}>
              {t(section.title)}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
