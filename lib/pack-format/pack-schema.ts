import * as v from 'valibot';
import { ISO_DAY, PARTIAL_DATE, isRealDate } from './dates';
import { FACTS_MAX, FACTS_MIN, FACT_MAX, ID_PATTERN, SUMMARY_MAX } from './limits';

/**
 * The compiled pack, as one valibot schema: the door check (lib/pack-format/validate.ts) runs it, and
 * every pack type (lib/pack-format/types.ts) is inferred from it, so the compiler, the door and the UI
 * cannot disagree about a field. Kept free of Markdown and YAML so it can ship in the background
 * script. Unknown keys are tolerated (and dropped) so an older extension can still read a newer pack;
 * the hash still covers them.
 */

export const PACK_FORMAT = 1;

/** Inline Markdown, reduced to what an explainer needs. Links are `https:` (or allow-listed `http:`). */
export type Inline =
  | { t: 'text'; v: string }
  | { t: 'em' | 'strong'; c: Inline[] }
  | { t: 'code'; v: string }
  | { t: 'link'; href: string; c: Inline[] };

export type Block =
  | { t: 'p'; c: Inline[] }
  | { t: 'ul' | 'ol'; items: Inline[][] }
  | { t: 'h3'; c: Inline[] }
  | { t: 'quote'; c: Block[] };

const text = v.pipe(v.string(), v.nonEmpty('must not be empty'));
const isoDay = v.pipe(v.string(), v.regex(ISO_DAY, 'expected YYYY-MM-DD'), v.check(isRealDate, 'not a real date'));
const partialDate = v.pipe(v.string(), v.regex(PARTIAL_DATE, 'expected YYYY[-MM[-DD]]'), v.check(isRealDate, 'not a real date'));
const id = v.pipe(v.string(), v.regex(ID_PATTERN, 'expected lowercase a-z, 0-9 and hyphens'));
const url = v.string();
/** A term's learned sense weights, at most MAX_SENSE_WEIGHTS: the compiler checks sense files with the same schema. */
const MAX_SENSE_WEIGHTS = 5000;
export const senseWeights = v.pipe(
  v.record(v.string(), v.pipe(v.number(), v.finite())),
  v.check((weights) => Object.keys(weights).length <= MAX_SENSE_WEIGHTS, `at most ${MAX_SENSE_WEIGHTS} sense weights`),
);
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const inlineSchema: v.GenericSchema<Inline> = v.lazy(() =>
  v.variant('t', [
    v.object({ t: v.literal('text'), v: v.string() }),
    v.object({ t: v.picklist(['em', 'strong']), c: v.array(inlineSchema) }),
    v.object({ t: v.literal('code'), v: v.string() }),
    v.object({ t: v.literal('link'), href: url, c: v.array(inlineSchema) }),
  ]),
);

const blockSchema: v.GenericSchema<Block> = v.lazy(() =>
  v.variant('t', [
    v.object({ t: v.picklist(['p', 'h3']), c: v.array(inlineSchema) }),
    v.object({ t: v.picklist(['ul', 'ol']), items: v.array(v.array(inlineSchema)) }),
    v.object({ t: v.literal('quote'), c: v.array(blockSchema) }),
  ]),
);

const blocks = v.array(blockSchema);

/** One spelling of a topic and the rules that decide whether an occurrence counts (semantics in lib/match). */
export const termSchema = v.object({
  text,
  caseSensitive: v.boolean(),
  context: v.optional(v.array(text)),
  minContext: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  contextWindow: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  not: v.optional(v.array(text)),
  /** Counter-evidence cues (another sense's words: "electricity", "futures"); only a sense model weighs them. */
  against: v.optional(v.array(text)),
  /** Learned sense weights (lib/match/sense.ts): when present they decide the term in place of `context`. */
  sense: v.optional(
    v.object({
      bias: v.pipe(v.number(), v.finite()),
      window: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)),
      weights: senseWeights,
    }),
  ),
});

export const sourceSchema = v.object({ title: text, url, publisher: v.optional(v.string()) });

export const factSchema = v.object({
  text: v.pipe(text, v.maxLength(FACT_MAX, `at most ${FACT_MAX} characters`)),
  /** At least one URL. */
  sources: v.pipe(v.array(url), v.minLength(1, 'a key fact needs at least one source')),
  /** The day a figure or status in the fact was true (YYYY-MM-DD). */
  asOf: v.optional(isoDay),
  /** Names the measured quantity, so the same figure can be compared across explainers. */
  quantity: v.optional(id),
});

const timelineEntrySchema = v.object({ date: partialDate, text, sources: v.optional(v.array(url)) });

export const seriesSchema = v.object({
  title: text,
  unit: v.string(),
  note: v.optional(v.string()),
  points: v.array(v.object({ date: partialDate, value: v.pipe(v.number(), v.finite()), label: v.optional(v.string()), source: url })),
});

export const sectionsSchema = v.object({ happening: blocks, stake: blocks, matters: blocks, context: v.optional(blocks) });

/** A published correction: what changed in the explainer, and when. */
export const correctionSchema = v.object({ date: isoDay, text });

/** Languages an explainer can be written in; a pack carries each topic once, with its translations. */
export const LANGS = ['en', 'es'] as const;
const langSchema = v.picklist(LANGS, `expected a language: ${LANGS.join(' | ')}`);

/** What a reader reads: shared by an explainer and each of its translations (id, category, related are shared). */
const readableFields = {
  title: text,
  summary: v.pipe(text, v.maxLength(SUMMARY_MAX, `at most ${SUMMARY_MAX} characters`)),
  updated: isoDay,
  terms: v.pipe(v.array(termSchema), v.minLength(1)),
  facts: v.pipe(
    v.array(factSchema),
    v.minLength(FACTS_MIN, `${FACTS_MIN} to ${FACTS_MAX} key facts`),
    v.maxLength(FACTS_MAX, `${FACTS_MIN} to ${FACTS_MAX} key facts`),
  ),
  timeline: v.array(timelineEntrySchema),
  primarySources: v.array(sourceSchema),
  furtherReading: v.array(sourceSchema),
  sections: sectionsSchema,
  series: v.optional(v.array(seriesSchema)),
  corrections: v.optional(v.array(correctionSchema)),
};

/** The same topic in another language: its own title, terms (matched in that language's text), facts and sources. */
export const translationSchema = v.object({ lang: langSchema, ...readableFields });

export const explainerSchema = v.object({
  id,
  /** The language of the explainer's own fields; absent means English (packs before translations). */
  lang: v.optional(langSchema),
  category: text,
  related: v.array(id),
  ...readableFields,
  /** By language; the door checks each entry's `lang` equals its key and differs from the explainer's own. */
  translations: v.optional(v.object({ en: v.optional(translationSchema), es: v.optional(translationSchema) })),
});

/** What the search index holds for one explainer (built by lib/pack-format/search-doc.ts). */
export const searchDocSchema = v.object({ id, title: v.string(), terms: v.array(v.string()), summary: v.string(), category: v.string() });

/**
 * Ed25519 signature over the ASCII bytes of the pack's `sha256` hex string (64 characters). Since
 * that hash covers the canonical JSON of everything else, the signature covers the whole pack.
 */
export const signatureSchema = v.object({
  alg: v.literal('Ed25519', 'unsupported signature algorithm (expected "Ed25519")'),
  /** Base64 (standard alphabet, padded) of the 32-byte raw public key. */
  publicKey: v.pipe(v.string(), v.regex(BASE64, 'expected base64')),
  /** Base64 of the 64-byte signature. */
  value: v.pipe(v.string(), v.regex(BASE64, 'expected base64')),
});

/** Fuse's serialised index. Fuse.parseIndex trusts this shape and throws on anything else, so the door checks it. */
export const searchIndexSchema = v.object({
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
});

export const packSchema = v.object({
  format: v.literal(PACK_FORMAT, `unsupported pack format (this extension reads format ${PACK_FORMAT})`),
  id,
  name: text,
  publisher: text,
  version: text,
  updated: isoDay,
  explainers: v.array(explainerSchema),
  /** How many days after its `asOf` a figure is shown as an older figure (default 180). */
  staleAfterDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** Search documents in the same order as the index's records. */
  searchDocs: v.array(searchDocSchema),
  /** Fuse's prebuilt index, written by older compilers; checked when present, never read (see lib/catalog/prefilter.ts). */
  searchIndex: v.optional(searchIndexSchema),
  /** Hex SHA-256 of the canonical JSON of the pack without this field and without `signature`. */
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits')),
  /** Optional publisher signature; see lib/pack-store/README.md. Not covered by `sha256` (it signs it). */
  signature: v.optional(signatureSchema),
});
