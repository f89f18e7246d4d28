import { afterEach, describe, expect, it, vi } from 'vitest';
import { SHADOW_HOST_TAG } from './constants';
import { changedNodes, watchMutations } from './mutations';

/** Collects real MutationRecords for a change. */
async function recordsOf(change: () => void): Promise<MutationRecord[]> {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((batch) => records.push(...batch));
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  change();
  await new Promise((resolve) => setTimeout(resolve, 0));
  records.push(...observer.takeRecords());
  observer.disconnect();
  return records;
}

describe('changedNodes', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('reports the parent of edited text', async () => {
    document.body.innerHTML = '<p><b>old</b></p>';
    const b = document.querySelector('b')!;
    const changed = changedNodes(await recordsOf(() => (b.firstChild!.textContent = 'new')));
    expect([...changed]).toEqual([b]);
  });

  it('reports an added block element by itself, not its parent', async () => {
    const records = await recordsOf(() => {
      const div = document.createElement('div');
      div.textContent = '287(g)';
      document.body.append(div);
    });
    const changed = [...changedNodes(records)];
    expect(changed).toHaveLength(1);
    expect((changed[0] as Element).localName).toBe('div');
  });

  it('reports the target when inline content is added or removed', async () => {
    document.body.innerHTML = '<p id="p">287(<em>g</em>)</p>';
    const p = document.getElementById('p')!;
    expect([...changedNodes(await recordsOf(() => p.querySelector('em')!.remove()))]).toEqual([p]);
  });

  it('reports a removed block element so its marks can be dropped, without rescanning its parent', async () => {
    document.body.innerHTML = '<div id="gone">287(g)</div>';
    const gone = document.getElementById('gone')!;
    expect([...changedNodes(await recordsOf(() => gone.remove()))]).toEqual([gone]);
  });

  it('ignores our own shadow host', async () => {
    const records = await recordsOf(() => {
      document.body.append(document.createElement(SHADOW_HOST_TAG));
    });
    expect(records.length).toBeGreaterThan(0);
    expect(changedNodes(records).size).toBe(0);
  });
});

describe('watchMutations', () => {
  it('reports a page that never stops changing at least every maxWait', async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const onChanged = vi.fn();
      watchMutations(document, { signal: controller.signal, onChanged, debounceMs: 200, maxWaitMs: 1000 });
      const ticker = document.createElement('p');
      document.body.append(ticker);
      for (let tick = 0; tick < 12; tick++) {
        ticker.textContent = `tick ${tick}`;
        await Promise.resolve();
        vi.advanceTimersByTime(100);
      }
      expect(onChanged).toHaveBeenCalledTimes(1);
      controller.abort();
    } finally {
      vi.useRealTimers();
      document.body.innerHTML = '';
    }
  });

  it('debounces changes', async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const onChanged = vi.fn();
      watchMutations(document, { signal: controller.signal, onChanged, debounceMs: 200 });
      const section = document.createElement('section');
      document.body.append(section);
      await vi.waitFor(() => Promise.resolve());
      vi.advanceTimersByTime(199);
      expect(onChanged).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(onChanged).toHaveBeenCalledTimes(1);
      expect([...onChanged.mock.calls[0]![0]]).toEqual([section]);

      controller.abort();
      document.body.append(document.createElement('p'));
      await Promise.resolve();
      vi.advanceTimersByTime(500);
      expect(onChanged).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
      document.body.innerHTML = '';
    }
  });
});
