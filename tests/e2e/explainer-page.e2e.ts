/**
 * The full explainer page (issue #17, parts 1, 3 and 4) in Chromium: the review date under the title, a
 * table of contents whose links reach their sections, numbered notes from every fact into a source
 * list grouped by publisher (and back), links that say they open a new tab, and charts whose labels
 * stay inside the chart without touching, drawn at the page's width with text of at least 12 px on a
 * 390 px phone, the page never scrolling sideways, and a "Show the numbers" table with every point.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { formatDate, formatNumber } from '../../components/format';
import { sourceHost } from '../../lib/safe-url';
import { launchExtension, waitUntil, type ExtensionHarness } from './harness';
import type { Box } from './pages/article-page';
import { ExplainerPage } from './pages/explainer-page';

const LOCALE = 'en-US';
/** The three charts the issue found broken: clipped 1,500,000 axis, and colliding labels on the other two. */
const CHARTED = ['tps', '287g-program', 'immigration-detention'] as const;
const PHONE = { width: 390, height: 844 };
const MIN_CHART_TEXT_PX = 12;
/** Sub-pixel rounding between layout and painted glyph boxes. */
const EPSILON = 0.5;

const inside = (inner: Box, outer: Box) =>
  inner.left >= outer.left - EPSILON && inner.top >= outer.top - EPSILON && inner.right <= outer.right + EPSILON && inner.bottom <= outer.bottom + EPSILON;
const intersects = (a: Box, b: Box) => a.left < b.right - EPSILON && b.left < a.right - EPSILON && a.top < b.bottom - EPSILON && b.top < a.bottom - EPSILON;

describe('the full explainer page', () => {
  let harness: ExtensionHarness;

  before(async () => {
    harness = await launchExtension();
  });

  after(async () => {
    await harness?.close();
  });

  async function open(id: string, viewport?: { width: number; height: number }): Promise<ExplainerPage> {
    const page = await harness.context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    await page.goto(harness.extensionUrl(`explainer.html#${id}`));
    const view = new ExplainerPage(page);
    await view.waitForTitle();
    // Charts redraw once their frame is measured; let that settle before reading positions.
    await page.waitForTimeout(200);
    return view;
  }

  /** The top of an element relative to the viewport once smooth scrolling has stopped. */
  async function settledTop(page: Page, selector: string): Promise<number> {
    let previous = Number.NaN;
    const settled = await waitUntil(
      async () => {
        const seen = previous;
        previous = await page.locator(selector).evaluate((element) => element.getBoundingClientRect().top);
        return { seen, now: previous };
      },
      ({ seen, now }) => Math.abs(seen - now) < 0.5,
      { what: `${selector} to stop moving`, timeout: 5_000 },
    );
    return settled.now;
  }

  describe('287g-program at 1280 px', () => {
    const id = '287g-program';
    let view: ExplainerPage;

    before(async () => {
      view = await open(id);
    });

    after(async () => {
      await view?.page.close();
    });

    it('says when it was reviewed, right under the title', async () => {
      const expected = `Reviewed ${formatDate(harness.explainer(id).updated, LOCALE)}`;
      assert.equal((await view.reviewed.innerText()).trim(), expected);
      const title = await view.box(view.title);
      const reviewed = await view.box(view.reviewed);
      const lead = await view.box(view.page.locator('.explainer-header .lead'));
      assert.ok(reviewed.top >= title.bottom - EPSILON && reviewed.top - title.bottom < 24, `review date at ${reviewed.top}, title ends at ${title.bottom}`);
      assert.ok(reviewed.bottom <= lead.top + EPSILON, 'the review date is not between the title and the summary');
    });

    it('has a table of contents whose links, followed with the keyboard, bring each section to the top', async () => {
      const links = await view.tocLinks.evaluateAll((anchors) => anchors.map((a) => ({ href: a.getAttribute('href') ?? '', target: a.getAttribute('data-target') ?? '' })));
      const sections = await view.page.locator('section[data-section]').evaluateAll((all) => all.map((s) => s.getAttribute('data-section') ?? ''));
      assert.deepEqual(
        links.map((link) => link.target),
        sections,
      );
      const viewportHeight = view.page.viewportSize()?.height ?? 900;
      const canScroll = await view.page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
      for (const link of links) {
        await view.page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
        await view.tocLinks.filter({ has: view.page.locator(`xpath=self::*[@data-target="${link.target}"]`) }).focus();
        await view.page.keyboard.press('Enter');
        const selector = `section[data-section="${link.target}"]`;
        const top = await settledTop(view.page, selector);
        const atBottom = await view.page.evaluate((max) => window.scrollY >= max - 1, canScroll);
        // A section near the end cannot reach the top: then the page is scrolled as far as it goes.
        assert.ok((top >= -EPSILON && top <= 40) || (atBottom && top >= 0 && top < viewportHeight), `"${link.target}" is at ${top} px after following its link`);
        assert.equal(new URL(view.page.url()).hash, link.href, 'the address does not name the section');
        assert.equal(await view.title.innerText(), harness.explainer(id).title, 'following a contents link left the explainer');
      }
      // The keyboard continues from the section reached: Tab goes to the first link in Key facts.
      await view.page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
      await view.tocLinks.filter({ has: view.page.locator('xpath=self::*[@data-target="facts"]') }).focus();
      await view.page.keyboard.press('Enter');
      await settledTop(view.page, 'section[data-section="facts"]');
      await view.page.keyboard.press('Tab');
      const focusedIn = await view.page.evaluate(() => document.activeElement?.closest('section')?.getAttribute('data-section') ?? null);
      assert.equal(focusedIn, 'facts');
    });

    it('links every key fact and timeline entry to numbered notes, and each note back', async () => {
      const explainer = harness.explainer(id);
      const facts = view.page.locator('[data-testid="fact"]');
      assert.equal(await facts.count(), explainer.facts.length);
      for (let i = 0; i < explainer.facts.length; i++) {
        assert.ok((await facts.nth(i).locator('a[data-testid="note-ref"]').count()) >= 1, `fact ${i + 1} has no note`);
      }
      const entries = view.page.locator('[data-testid="timeline-entry"]');
      for (let i = 0; i < explainer.timeline.length; i++) {
        const cited = explainer.timeline[i]!.sources?.length ?? 0;
        assert.equal((await entries.nth(i).locator('a[data-testid="note-ref"]').count()) > 0, cited > 0, `timeline entry ${i + 1}`);
      }

      // Every note is listed once, numbered 1..n, and every URL a fact cites is one of them.
      const notes = await view.page.locator('[data-testid="note"]').evaluateAll((items) =>
        items.map((li) => ({ id: li.id, href: li.querySelector('a')?.getAttribute('href') ?? '' })),
      );
      assert.deepEqual(
        notes.map((note) => note.id),
        notes.map((_, i) => `${id}:note-${i + 1}`),
      );
      const cited = new Set([...explainer.facts.flatMap((fact) => fact.sources), ...explainer.timeline.flatMap((entry) => entry.sources ?? [])]);
      assert.deepEqual(new Set(notes.map((note) => note.href)), new Set([...cited].map((url) => new URL(url).href)));

      // Follow the last fact's first note, then its way back.
      await view.page.evaluate(() => window.scrollTo({ top: 0, behavior: 'instant' }));
      const lastFact = facts.nth(explainer.facts.length - 1);
      const ref = lastFact.locator('a[data-testid="note-ref"]').first();
      const target = (await ref.getAttribute('href'))!.slice(1);
      await ref.click();
      const noteSelector = `[id="${target}"]`;
      const noteTop = await settledTop(view.page, noteSelector);
      assert.ok(noteTop >= -EPSILON && noteTop < (view.page.viewportSize()?.height ?? 900), `the note is at ${noteTop} px`);
      assert.equal(await view.page.evaluate((t) => document.activeElement?.id === t, target), true, 'focus did not move to the note');
      const factId = await lastFact.getAttribute('id');
      const back = view.page.locator(`${noteSelector} a[data-testid="note-back"][href="#${factId}"]`);
      assert.equal(await back.count(), 1, 'the note does not link back to the fact');
      await back.click();
      const factTop = await settledTop(view.page, `[id="${factId}"]`);
      assert.ok(factTop >= -EPSILON && factTop < 200, `back at the fact, it is at ${factTop} px`);
      assert.equal(await view.title.innerText(), explainer.title);
    });

    it('tells assistive technology which links open a new tab', async () => {
      // Links in closed chart tables are left out: they are not shown, and not in the accessibility tree.
      const external = view.page.locator('a[target="_blank"]:visible');
      const total = await external.count();
      assert.ok(total > 10);
      const named = await view.page.getByRole('link', { name: /\(opens in a new tab\)$/ }).count();
      assert.equal(named, total);
      // The words are for screen readers: on screen they take no room.
      const sizes = await external.evaluateAll((links) =>
        links.map((link) => {
          const hidden = link.querySelector('.visually-hidden')?.getBoundingClientRect();
          return hidden ? hidden.width * hidden.height : Infinity;
        }),
      );
      assert.ok(sizes.every((area) => area <= 1), `new-tab text takes up to ${Math.max(...sizes)} px² on screen`);
    });
  });

  it('opens an address naming a note at that note, on its explainer', async () => {
    const id = 'immigration-detention';
    const page = await harness.context.newPage();
    await page.goto(harness.extensionUrl(`explainer.html#${id}:note-3`));
    const view = new ExplainerPage(page);
    assert.equal(await view.waitForTitle(), harness.explainer(id).title);
    const top = await settledTop(page, `[id="${id}:note-3"]`);
    assert.ok(top >= -EPSILON && top < (page.viewportSize()?.height ?? 900), `note 3 is at ${top} px`);
    assert.equal(await page.evaluate(() => document.activeElement?.id ?? ''), `${id}:note-3`);
    await page.close();
  });

  it('lists cited sources by publisher with repeats counted, not by bare host when the pack names the publisher', async () => {
    let counted = 0;
    for (const id of CHARTED) {
      const view = await open(id);
      const explainer = harness.explainer(id);
      const known = [...explainer.primarySources, ...explainer.furtherReading].filter((source) => source.publisher);
      const groups = await view.page.locator('[data-testid="note-group"]').evaluateAll((items) =>
        items.map((group) => ({
          heading: group.querySelector('[data-testid="note-publisher"]')?.textContent ?? '',
          urls: [...group.querySelectorAll('[data-testid="note"] > a')].map((a) => a.getAttribute('href') ?? ''),
        })),
      );
      assert.ok(groups.length > 1);
      for (const group of groups) {
        if (group.urls.length > 1) {
          assert.match(group.heading, new RegExp(` \\(${group.urls.length} reports\\)$`), `group "${group.heading}"`);
          counted += 1;
        } else {
          assert.doesNotMatch(group.heading, /reports\)$/);
        }
        for (const url of group.urls) {
          const listed = known.find((source) => new URL(source.url).href === url);
          if (listed) assert.ok(group.heading.startsWith(listed.publisher!), `${url} is under "${group.heading}", not "${listed.publisher}"`);
          if (listed) assert.notEqual(group.heading, sourceHost(url));
        }
      }
      await view.page.close();
    }
    assert.ok(counted > 0, 'no publisher is cited more than once: nothing tested the grouping');
  });


  for (const id of CHARTED) {
    for (const viewport of [null, PHONE] as const) {
      const where = viewport ? `${viewport.width} px` : '1280 px';
      describe(`${id} chart at ${where}`, () => {
        let view: ExplainerPage;

        before(async () => {
          view = await open(id, viewport ?? undefined);
          await view.chart.first().scrollIntoViewIfNeeded();
        });

        after(async () => {
          await view?.page.close();
        });

        it('keeps every axis label inside the chart and no two labels touching', async () => {
          const labels = await view.chartLabels();
          const axis = labels.filter((label) => label.kind === 'axis');
          assert.ok(axis.length >= 5, `only ${axis.length} axis labels`);
          for (const label of labels) assert.ok(inside(label.box, label.svg), `"${label.text}" ${JSON.stringify(label.box)} leaves the chart ${JSON.stringify(label.svg)}`);
          for (let i = 0; i < labels.length; i++) {
            for (let j = i + 1; j < labels.length; j++) {
              const [a, b] = [labels[i]!, labels[j]!];
              if (a.chart === b.chart) assert.ok(!intersects(a.box, b.box), `"${a.text}" and "${b.text}" overlap`);
            }
          }
          const explainer = harness.explainer(id);
          const series = explainer.series![0]!;
          const top = Math.max(...series.points.map((p) => p.value));
          // The axis reaches the largest value and shows it whole ("1.5M", not a clipped "500,000").
          const axisNumbers = axis.map((label) => label.text);
          assert.ok(axisNumbers.includes(series.unit), `the unit "${series.unit}" is not on the axis: ${axisNumbers.join(' | ')}`);
          if (top >= 1_000_000) assert.ok(axisNumbers.some((text) => /^\d+(\.\d)?M$/.test(text)), `no compact millions: ${axisNumbers.join(' | ')}`);
          // The latest point is labelled with its value.
          assert.ok(
            labels.some((label) => label.kind === 'value' && label.text === formatNumber(series.points.at(-1)!.value, LOCALE)),
            'the latest value is not labelled',
          );
        });

        it(`draws chart text at ${MIN_CHART_TEXT_PX} px or more, at the page's width`, async () => {
          const labels = await view.chartLabels();
          const small = labels.filter((label) => label.renderedSize < MIN_CHART_TEXT_PX);
          assert.deepEqual(small, [], `chart text under ${MIN_CHART_TEXT_PX} px`);
          const frame = await view.box(view.page.locator('.chart-frame').first());
          const svg = labels[0]!.svg;
          assert.ok(Math.abs(svg.right - svg.left - (frame.right - frame.left)) <= 1, `the chart is ${svg.right - svg.left} px in a ${frame.right - frame.left} px frame`);
        });

        it('opens a table with every point from "Show the numbers", without widening the page', async () => {
          const explainer = harness.explainer(id);
          const series = explainer.series![0]!;
          const chart = view.chart.first();
          const toggle = chart.getByRole('button', { name: 'Show the numbers' });
          const table = chart.locator('[data-testid="series-table"]');
          assert.equal(await table.isVisible(), false, 'the table shows before it is asked for');
          assert.ok(await toggle.isVisible(), 'no visible "Show the numbers" button');
          assert.ok((await view.horizontalOverflow()) <= 0, 'the page scrolls sideways before the table opens');

          await toggle.click();
          await table.waitFor({ state: 'visible' });
          assert.equal(await chart.getByRole('button', { name: 'Hide the numbers' }).getAttribute('aria-expanded'), 'true');
          const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => (cell as HTMLElement).innerText.trim())));
          assert.equal(rows.length, series.points.length);
          series.points.forEach((point, i) => assert.equal(rows[i]![1], formatNumber(point.value, LOCALE), `row ${i + 1}`));
          const overflow = await view.horizontalOverflow();
          assert.ok(overflow <= 0, `with the table open the page is ${overflow} px wider than the viewport`);
          const tableBox = await view.box(table);
          const viewportWidth = view.page.viewportSize()!.width;
          assert.ok(tableBox.right <= viewportWidth + EPSILON, `the table ends at ${tableBox.right} px`);

          await chart.getByRole('button', { name: 'Hide the numbers' }).click();
          await table.waitFor({ state: 'hidden' });
        });

        it('names chart sources by publisher, with repeats counted', async () => {
          const explainer = harness.explainer(id);
          const series = explainer.series![0]!;
          const caption = (await view.chart.first().locator('[data-testid="chart-sources"]').innerText()).trim();
          const urls = [...new Set(series.points.map((p) => p.source))];
          const known = [...explainer.primarySources, ...explainer.furtherReading];
          for (const url of urls) {
            const publisher = known.find((source) => source.url === url)?.publisher;
            if (publisher) assert.ok(caption.includes(publisher), `"${publisher}" is missing from "${caption}"`);
          }
          // The same site is named once, with a count, however many points it supplied.
          const hosts = new Map<string, number>();
          for (const url of urls) hosts.set(sourceHost(url), (hosts.get(sourceHost(url)) ?? 0) + 1);
          for (const [host, count] of hosts) {
            assert.ok(caption.split(host).length - 1 <= 1, `"${host}" is repeated in "${caption}"`);
            if (count > 1) assert.match(caption, new RegExp(`\\(${count} reports\\)`), `${host} supplied ${count} points: "${caption}"`);
          }
        });

        if (viewport) {
          it('does not scroll sideways anywhere on the page, with every chart table open', async () => {
            for (const toggle of await view.page.getByRole('button', { name: 'Show the numbers' }).all()) await toggle.click();
            const overflow = await view.horizontalOverflow();
            assert.ok(overflow <= 0, `the page is ${overflow} px wider than the ${viewport.width} px viewport`);
          });
        }
      });
    }
  }
});
