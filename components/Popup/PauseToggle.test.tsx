import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import type { SiteStatus } from '../../lib/messages';
import { useTestRoot } from '../testing/root';
import { PauseToggle } from './PauseToggle';

let root: HTMLElement;
useTestRoot((element) => (root = element));

const flush = () => act(async () => {});

describe('PauseToggle', () => {
  it('pauses the tab site, then says it is paused there with a way to resume', async () => {
    let status: SiteStatus = { hostname: 'example.org', paused: false };
    const setSitePaused = vi.fn(async (paused: boolean) => (status = { ...status, paused }));
    const onStatus = vi.fn();
    act(() => render(<PauseToggle actions={{ getSiteStatus: async () => status, setSitePaused }} onStatus={onStatus} />, root));
    await flush();
    const box = root.querySelector<HTMLInputElement>('[data-testid="pause-site"]')!;
    expect(box.checked).toBe(false);
    expect(root.textContent).toBe('Pause on example.org');
    await act(async () => box.click());
    await flush();
    expect(setSitePaused).toHaveBeenCalledWith(true);
    expect(root.querySelector('[data-testid="pause-site"]')).toBeNull();
    expect(root.querySelector('[data-testid="paused-banner"]')!.textContent).toBe('Paused on example.org · Resume');
    expect(onStatus).toHaveBeenLastCalledWith({ hostname: 'example.org', paused: true });

    await act(async () => root.querySelector<HTMLButtonElement>('[data-testid="resume-site"]')!.click());
    await flush();
    expect(setSitePaused).toHaveBeenLastCalledWith(false);
    expect(root.querySelector('[data-testid="paused-banner"]')).toBeNull();
    expect(root.querySelector<HTMLInputElement>('[data-testid="pause-site"]')!.checked).toBe(false);
    expect(onStatus).toHaveBeenLastCalledWith({ hostname: 'example.org', paused: false });
  });

  it('is hidden on tabs without a web page', async () => {
    act(() => render(<PauseToggle actions={{ getSiteStatus: async () => ({ hostname: null, paused: false }), setSitePaused: vi.fn() }} />, root));
    await flush();
    expect(root.querySelector('[data-testid="pause-site"]')).toBeNull();
  });

  it('shows the stored state again when saving fails', async () => {
    const setSitePaused = vi.fn(async () => {
      throw new Error('no background');
    });
    act(() => render(<PauseToggle actions={{ getSiteStatus: async () => ({ hostname: 'example.org', paused: false }), setSitePaused }} />, root));
    await flush();
    await act(async () => root.querySelector<HTMLInputElement>('[data-testid="pause-site"]')!.click());
    await flush();
    expect(root.querySelector<HTMLInputElement>('[data-testid="pause-site"]')!.checked).toBe(false);
  });
});
