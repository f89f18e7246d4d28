import { describe, expect, it } from 'vitest';
import { safariManifestProblems, type SafariManifest } from './manifest-rules';

const MESSAGES = { extName: { message: 'Context Explainers' } };
const GOOD: SafariManifest = {
  manifest_version: 2,
  name: '__MSG_extName__',
  version: '0.1.0',
  description: 'Context where you read',
  default_locale: 'en',
  icons: { '48': 'icon/48.png' },
  permissions: ['storage', 'alarms', 'contextMenus', 'unlimitedStorage'],
  optional_permissions: ['https://*/*', 'http://127.0.0.1/*'],
  background: { scripts: ['background.js'], persistent: false },
  browser_action: { default_popup: 'popup.html' },
  content_scripts: [{ js: ['content-scripts/content.js'], css: ['content-highlight.css'] }],
  web_accessible_resources: ['content-card.js'],
  browser_specific_settings: { safari: { strict_min_version: '17.2' } },
};
const all = () => true;

describe('Safari manifest check', () => {
  it('passes a manifest Safari can take', () => {
    expect(safariManifestProblems(GOOD, all, MESSAGES)).toEqual([]);
  });

  it('refuses other browsers\' keys, a persistent background and unknown permissions', () => {
    const problems = safariManifestProblems(
      {
        ...GOOD,
        minimum_chrome_version: '105',
        permissions: ['storage', 'downloads'],
        background: { scripts: ['background.js'] },
        browser_specific_settings: { gecko: { strict_min_version: '140.0' } },
      },
      all,
      MESSAGES,
    );
    expect(problems).toEqual([
      'minimum_chrome_version: not a Safari key',
      'browser_specific_settings.gecko: not for Safari',
      'no browser_specific_settings.safari.strict_min_version',
      'permission "downloads": Safari does not support it',
      'background.persistent must be false (iOS refuses persistent background pages)',
    ]);
  });

  it('refuses missing files and undefined __MSG_ strings', () => {
    const problems = safariManifestProblems({ ...GOOD, description: '__MSG_extDescription__' }, (file) => file !== 'content-card.js', MESSAGES);
    expect(problems).toEqual(['names content-card.js, which the build does not have', "__MSG_extDescription__ is not in the default locale's messages"]);
  });
});
