import * as v from 'valibot';
import { ISO_DAY, PARTIAL_DATE, isRealDate } from './dates';
import { FACTS_MAX, FACTS_MIN, FACT_MAX, ID_PATTERN, SUMMARY_MAX } from './limits';
import { PACK_FORMAT, type Block, type Inline } from './types';

/**
 * The compiled Pack as the extension accepts it at its door (lib/pack-format/validate.ts). Kept free of
 * Markdown and YAML so it can ship in the background script. Unknown keys are tolerated (and
 * dropped) so an older extension can still read a newer pack; the hash still covers them.
 */

const text = v.pipe(v.string(), v.nonEmpty('must not be empty'));
const isoDay = v.pipe(v.string(), v.regex(ISO_DAY, 'expected YYYY-MM-DD'), v.check(isRealDate, 'not a real date'));
const partialDate = v.pipe(v.string(), v.regex(PARTIAL_DATE, 'expected YYYY[-MM[-DD]]'), v.check(isRealDate, 'not a real date'));
const id = v.pipe(v.string(), v.regex(ID_PATTERN, 'expected lowercase a-z, 0-9 and hyphens'));
const url = v.string();
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export const inlineSchema: v.GenericSchema<Inline> = v.lazy(() =>
  v.variant('t', [
    v.object({ t: v.literal('text'), v: v.string() }),
    v.object({ t: v.picklist(['em', 'strong']), c: v.array(inlineSchema) }),
    v.object({ t: v.literal('code'), v: v.string() }),
    v.object({ t: v.literal('link'), href: url, c: v.array(inlineSchema) }),
  ]),
);

export const blockSchema: v.GenericSchema<Block> = v.lazy(() =>
  v.variant('t', [
    v.object({ t: v.picklist(['p', 'h3']), c: v.array(inlineSchema) }),
    v.object({ t: v.picklist(['ul', 'ol']), items: v.array(v.array(inlineSchema)) }),
    v.object({ t: v.literal('quote'), c: v.array(blockSchema) }),
  ]),
);

const blocks = v.array(blockSchema);

const termSchema = v.object({
  text,
  caseSensitive: v.boolean(),
  context: v.optional(v.array(text)),
  minContext: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  contextWindow: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  not: v.optional(v.array(text)),
});

const sourceSchema = v.object({ title: text, url, publisher: v.optional(v.string()) });

export const explainerSchema = v.object({
  id,
  title: text,
  summary: v.pipe(text, v.maxLength(SUMMARY_MAX, `at most ${SUMMARY_MAX} characters`)),
  category: text,
  updated: isoDay,
  terms: v.pipe(v.array(termSchema), v.minLength(1)),
  related: v.array(id),
  facts: v.pipe(
    v.array(
      v.object({
        text: v.pipe(text, v.maxLength(FACT_MAX, `at most ${FACT_MAX} characters`)),
        sources: v.pipe(v.array(url), v.minLength(1, 'a key fact needs at least one source')),
        asOf: v.optional(isoDay),
      }),
    ),
    v.minLength(FACTS_MIN, `${FACTS_MIN} to ${FACTS_MAX} key facts`),
    v.maxLength(FACTS_MAX, `${FACTS_MIN} to ${FACTS_MAX} key facts`),
  ),
  timeline: v.array(v.object({ date: partialDate, text, sources: v.optional(v.array(url)) })),
  primarySources: v.array(sourceSchema),
  furtherReading: v.array(sourceSchema),
  sections: v.object({ happening: blocks, stake: blocks, matters: blocks, context: v.optional(blocks) }),
  series: v.optional(
    v.array(
      v.object({
        title: text,
        unit: v.string(),
        note: v.optional(v.string()),
        points: v.array(
          v.object({ date: partialDate, value: v.pipe(v.number(), v.finite()), label: v.optional(v.string()), source: url }),
        ),
      }),
    ),
  ),
});

export const packSchema = v.object({
  format: v.literal(PACK_FORMAT, `unsupported pack format (this extension reads format ${PACK_FORMAT})`),
  id,
  name: text,
  publisher: text,
  version: text,
  updated: isoDay,
  explainers: v.array(explainerSchema),
  searchDocs: v.array(
    v.object({ id, title: v.string(), terms: v.array(v.string()), summary: v.string(), category: v.string() }),
  ),
  // Fuse.parseIndex trusts this shape and throws on anything else, so the door checks it (see searchIndexKeysProblem too).
  searchIndex: v.object({
    keys: v.array(v.object({ path: v.array(v.string()), id: v.string(), weight: v.pipe(v.number(), v.finite()), src: v.unknown() })),
    records: v.array(
      v.object({
        i: v.pipe(v.number(), v.integer(), v.minValue(0)),
        $: v.record(
          v.string(),
          v.union([
            v.object({ v: v.string(), n: v.number() }),
            v.array(v.object({ v: v.string(), i: v.pipe(v.number(), v.integer(), v.minValue(0)), n: v.number() })),
          ]),
        ),
      }),
    ),
  }),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits')),
  signature: v.optional(
    v.object({
      alg: v.literal('Ed25519', 'unsupported signature algorithm (expected "Ed25519")'),
      publicKey: v.pipe(v.string(), v.regex(BASE64, 'expected base64')),
      value: v.pipe(v.string(), v.regex(BASE64, 'expected base64')),
    }),
  ),
});
