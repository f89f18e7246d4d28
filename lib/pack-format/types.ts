/**
 * The compiled pack's types, inferred from its schema (lib/pack-format/pack-schema.ts): what the
 * compiler (tools/pack) emits, what the door check accepts and what every surface renders. All text in
 * them is plain text (rendered escaped by Preact); nothing here is ever HTML.
 */
import type * as v from 'valibot';
import type {
  correctionSchema,
  explainerSchema,
  factSchema,
  packSchema,
  searchDocSchema,
  sectionsSchema,
  seriesSchema,
  signatureSchema,
  sourceSchema,
  termSchema,
  translationSchema,
} from './pack-schema';

export { LANGS, PACK_FORMAT, type Block, type Inline } from './pack-schema';

export type TermSpec = v.InferOutput<typeof termSchema>;
export type Source = v.InferOutput<typeof sourceSchema>;
export type KeyFact = v.InferOutput<typeof factSchema>;
export type Series = v.InferOutput<typeof seriesSchema>;
export type SeriesPoint = Series['points'][number];
export type ExplainerSections = v.InferOutput<typeof sectionsSchema>;
export type Correction = v.InferOutput<typeof correctionSchema>;
export type Explainer = v.InferOutput<typeof explainerSchema>;
export type ExplainerTranslation = v.InferOutput<typeof translationSchema>;
/** A language an explainer or a text block can be in. */
export type Lang = ExplainerTranslation['lang'];
export type SearchDoc = v.InferOutput<typeof searchDocSchema>;
export type PackSignature = v.InferOutput<typeof signatureSchema>;
export type Pack = v.InferOutput<typeof packSchema>;
