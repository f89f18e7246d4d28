/**
 * What a Safari web extension manifest must be before Xcode's converter (`xcrun
 * safari-web-extension-converter`) can take it: only keys and permissions Safari knows, every file it
 * names present, every __MSG_…__ string defined, and a non-persistent background (iOS refuses others).
 */

/** Permissions Safari supports (Apple's "Assessing your Safari web extension's browser compatibility"). */
const SAFARI_PERMISSIONS = new Set([
  'activeTab',
  'alarms',
  'clipboardWrite',
  'contextMenus',
  'cookies',
  'declarativeNetRequest',
  'declarativeNetRequestWithHostAccess',
  'menus',
  'nativeMessaging',
  'scripting',
  'storage',
  'tabs',
  'unlimitedStorage',
  'webNavigation',
  'webRequest',
]);
const HOST_PATTERN = /^(<all_urls>|(\*|https?|wss?):\/\/[^/]+\/.*)$/;
/** Keys other browsers read that have no place in a Safari build. */
const FOREIGN_KEYS = ['minimum_chrome_version', 'key', 'update_url', 'applications'];

export interface SafariManifest {
  manifest_version?: number;
  name?: string;
  version?: string;
  description?: string;
  default_locale?: string;
  icons?: Record<string, string>;
  permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  host_permissions?: string[];
  background?: { scripts?: string[]; page?: string; service_worker?: string; persistent?: boolean };
  browser_action?: { default_popup?: string; default_title?: string };
  action?: { default_popup?: string; default_title?: string };
  options_ui?: { page?: string };
  content_scripts?: { js?: string[]; css?: string[] }[];
  web_accessible_resources?: (string | { resources: string[] })[];
  browser_specific_settings?: Record<string, { strict_min_version?: string } | undefined>;
  [key: string]: unknown;
}

/** Problems found, empty when the manifest passes. `exists` says whether a build file exists; `messages` holds _locales/<default>/messages.json. */
export function safariManifestProblems(manifest: SafariManifest, exists: (file: string) => boolean, messages: Record<string, unknown> | null): string[] {
  const problems: string[] = [];
  const version = manifest.manifest_version;
  if (version !== 2 && version !== 3) problems.push(`manifest_version ${String(version)}: Safari takes 2 or 3`);
  for (const key of ['name', 'version', 'description'] as const) if (!manifest[key]) problems.push(`no ${key}`);
  if (manifest.version && !/^\d+(\.\d+){0,3}$/.test(manifest.version)) problems.push(`version "${manifest.version}" is not 1-4 dot-separated integers`);
  for (const key of FOREIGN_KEYS) if (key in manifest) problems.push(`${key}: not a Safari key`);
  const specific = manifest.browser_specific_settings ?? {};
  for (const key of Object.keys(specific)) if (key !== 'safari') problems.push(`browser_specific_settings.${key}: not for Safari`);
  if (!specific.safari?.strict_min_version) problems.push('no browser_specific_settings.safari.strict_min_version');

  for (const permission of manifest.permissions ?? []) {
    if (!SAFARI_PERMISSIONS.has(permission) && !HOST_PATTERN.test(permission)) problems.push(`permission "${permission}": Safari does not support it`);
  }
  for (const pattern of [...(manifest.optional_permissions ?? []), ...(manifest.optional_host_permissions ?? []), ...(manifest.host_permissions ?? [])]) {
    if (!SAFARI_PERMISSIONS.has(pattern) && !HOST_PATTERN.test(pattern)) problems.push(`optional or host permission "${pattern}" is not a match pattern`);
  }

  const background = manifest.background;
  if (!background) problems.push('no background');
  else if (version === 2 && background.persistent !== false) problems.push('background.persistent must be false (iOS refuses persistent background pages)');

  const files: string[] = [
    ...Object.values(manifest.icons ?? {}),
    ...(background?.scripts ?? []),
    ...[background?.page, background?.service_worker, manifest.browser_action?.default_popup, manifest.action?.default_popup, manifest.options_ui?.page].filter(
      (file): file is string => typeof file === 'string',
    ),
    ...(manifest.content_scripts ?? []).flatMap((script) => [...(script.js ?? []), ...(script.css ?? [])]),
    ...(manifest.web_accessible_resources ?? []).flatMap((entry) => (typeof entry === 'string' ? [entry] : entry.resources)),
  ];
  for (const file of files) if (!exists(file)) problems.push(`names ${file}, which the build does not have`);

  const used = new Set<string>();
  JSON.stringify(manifest).replace(/__MSG_(\w+)__/g, (_, key: string) => {
    used.add(key);
    return '';
  });
  if (used.size > 0 && !manifest.default_locale) problems.push('uses __MSG_…__ strings without a default_locale');
  if (manifest.default_locale && messages === null) problems.push(`no _locales/${manifest.default_locale}/messages.json`);
  for (const key of used) if (messages && !(key in messages)) problems.push(`__MSG_${key}__ is not in the default locale's messages`);
  return problems;
}
