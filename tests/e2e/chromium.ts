/** Debian's Chromium: no browser download works here, so every suite drives the system build. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

/**
 * Flags every suite launches Chromium with: root-safe, no GPU, and none of Chromium's own background
 * connections (this machine's closed network refuses them, many at a time).
 */
export const CHROMIUM_BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;
