/**
 * Finds the words in a key fact that make it time-bound: a figure (money, percentage, count, rank, a
 * number next to a counted noun) or a status that can change ("pending", "blocked", "will end",
 * "until <date>"). Such a fact needs `asOf`, the day it was true. The compiler and `npm run audit`
 * share this one rule, so an author sees the same verdict in both.
 *
 * Numbers that only name something are not figures: years and dates, statute, bill, order, form and
 * case numbers ("287(g)", "8 U.S.C. 1357", "EO 14159", "SB 4", "Form I-247A", "921 F.3d 865"). Neither
 * are durations, ages and distances in a rule ("up to 48 hours", "within 14 days", "aged 14"), which
 * change only when the law does, unless a word like "average" makes them a measurement. Only digits
 * count: a count that moves is written in digits, so "three models" is left alone.
 *
 * Spanish facts (`lang: es`) get the same rule with Spanish dates ("1 de julio de 2026"), instruments
 * ("Orden Ejecutiva 14159", "Ley Pública 119-21"), units ("48 horas"), "por ciento" and statuses
 * ("pendiente", "bloqueada", "hasta junio de 2026"); the English patterns apply to them too, since
 * Spanish facts cite English names ("SB 4", "Form I-247A").
 */

import type { Lang } from '../../lib/pack-format/types';

type FigureKind = 'money' | 'percent' | 'rank' | 'count' | 'status';

export interface FigureWord {
  kind: FigureKind;
  /** The words that triggered the rule, as written in the fact. */
  text: string;
}

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

/** Spans that are names, citations or dates, blanked out before numbers are looked for. */
const NOT_FIGURES: readonly RegExp[] = [
  // Dates: "July 1, 2026", "Jan. 20", "Sept 5", "1st of May", ISO dates.
  new RegExp(`\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b(?:,?\\s+\\d{4})?`, 'gi'),
  /\b\d{4}-\d{2}(?:-\d{2})?\b/g,
  /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g,
  // Years and decades, also "FY2025", "fiscal 2024", "the 1990s", "2025-26".
  /\b(?:FY\s?)?(?:1[6-9]|20)\d{2}(?:s|-\d{2})?\b/g,
  // Code and regulation cites: 8 U.S.C. 1357, 8 C.F.R. 287.7, 50 U.S.C. 21.
  /\b\d+\s+(?:U\.?\s?S\.?\s?C\.?|C\.?\s?F\.?\s?R\.?)\s*(?:§+\s*)?(?:\d+[\w.]*(?:\(\w+\))*)?/gi,
  // Statute sections with subsections: 287(g), 1225(b)(1), §212(d)(5)(A), § 1225(b).
  /§+\s*\d+[\w.-]*(?:\([\w]+\))*/g,
  /\b\d+[a-z]?(?:\([\w]+\))+/gi,
  // Case reporters: 921 F.3d 865, 599 U.S. 670, 140 S. Ct. 1891, 2d Cir.
  /\b\d+\s+(?:F\.\s?(?:2d|3d|4th|Supp\.(?:\s?[23]d)?)|U\.S\.|S\.\s?Ct\.|L\.\s?Ed\.(?:\s?2d)?)\s+\d+/g,
  // Numbered instruments: EO 14159, Executive Order 14159, Proclamation 10903, SB 4, HB 444, H.R. 29,
  // LD 1971, Public Law 119-21, Public Act 100-463, ch. 2025-1, No. 24A1193, Title 8, Section 11.
  /\b(?:E\.?O\.?|Executive\s+(?:Orders?|Directives?)|Proclamations?|Orders?|Directives?|Memorandum|Memo|Rules?|Resolutions?|(?:Senate|House|Assembly)\s+Bills?|[SHA]\.?\s?B\.?|(?:E?S?S|E?S?H)B|S\.?\s?F\.?|H\.?\s?F\.?|LB|LD|L\.?D\.?|H\.\s?R\.|S\.|H\.J\.\s?Res\.|S\.J\.\s?Res\.|Public\s+(?:Laws?|Acts?)|Pub\.\s?L\.(?:\s?No\.)?|P\.\s?L\.|Act|Acts|ch\.|chapters?|No\.|Nos\.|Titles?|Sections?|Secs?\.|Articles?|Art\.|Divisions?|Parts?|Rules?|Amendments?|Dockets?|Case|Cases|Districts?|Routes?|Highway|Interstate)\s+(?:No\.\s*)?\d+[\w-]*(?:\s*(?:,|and|or|&)\s*\d+[\w-]*)*/gi,
  // Forms and report numbers: Form I-247A, Forms I-200 and I-205, I-589, G-325R, GAO-21-186, N-400.
  /\b(?:Forms?\s+)?[A-Z]{1,3}-\d+[A-Z]?\b(?:\s*(?:,|and|or)\s*[A-Z]{1,3}-\d+[A-Z]?\b)*/g,
  /\b[A-Z]{2,5}-\d{2}-\d+\b/g,
  // Ordinals that name, not rank: 14th Amendment, Fifth Circuit (digits), 119th Congress, 9th District.
  /\b\d+(?:st|nd|rd|th)\s+(?:Amendments?|Circuit|Congress|District|Street|St\.|Avenue|Ave\.|Precinct|Ward|Division|century|centuries|birthday|anniversary)\b/gi,
];

const MONTH_ES = '(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)';

const NOT_FIGURES_ES: readonly RegExp[] = [
  // "1 de julio de 2026", "1.º de mayo", "20 de enero".
  new RegExp(`\\b\\d{1,2}(?:\\.?[ºª°])?\\s+de\\s+${MONTH_ES}\\b(?:\\s+(?:de|del)\\s+\\d{4})?`, 'giu'),
  // Numbered instruments: Orden Ejecutiva 14159, Ley Pública 119-21, Proclamación 10903, sección 287, artículo 11.
  /(?<![\p{L}])(?:[óo]rden(?:es)?\s+ejecutivas?|proclamaci[óo]n(?:es)?|leyes?(?:\s+p[úu]blicas?)?|proyectos?\s+de\s+ley|secci[óo]n(?:es)?|art[íi]culos?|t[íi]tulos?|formularios?|enmiendas?|reglas?|casos?|expedientes?|distritos?|circuitos?|cap[íi]tulos?|n[úu]m\.|n[úu]meros?|n\.?\s?º)\s+(?:n\.?\s?º\s*)?\d+[\w-]*(?:\s*(?:,|y|o)\s*\d+[\w-]*)*/giu,
  // Ordinals that name: 14.ª Enmienda, 5.º Circuito, 119.º Congreso.
  /\b\d+\.?\s?[ºª°]\s+(?:enmienda|circuito|congreso|distrito)/giu,
];

/** Units of a rule's time, age or distance: not a count unless a statistic word sits before them. */
const RULE_UNITS = /^\s*(?:-|\s)?(?:business\s+|calendar\s+|consecutive\s+)?(?:hours?|days?|weeks?|months?|years?|decades?|miles?|minutes?|seconds?|years?\s+old)\b/i;
const RULE_UNITS_ES = /^\s*(?:-|\s)?(?:d[íi]as?\s+h[áa]biles\s*|horas?|d[íi]as?|semanas?|mes(?:es)?|años?(?:\s+de\s+edad)?|d[ée]cadas?|millas?|kil[óo]metros?|minutos?|segundos?)(?![\p{L}])/iu;
const STATISTIC_WORDS_ES = /(?<![\p{L}])(?:promedio|media|mediana|t[íi]picamente|r[ée]cord)(?![\p{L}])[^.;]{0,40}$/iu;
const AGE_BEFORE_ES = /(?<![\p{L}])(?:edad(?:\s+de)?|menores\s+de|mayores\s+de)\s*$/iu;
const STATISTIC_WORDS = /\b(?:average|averaged|median|mean|typical|typically|record)\b[^.;]{0,40}$/i;
const AGE_BEFORE = /\b(?:age|aged|ages|under|over|older\s+than|younger\s+than)\s*$/i;

const NUMBER_TEXT = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
const PERCENT = new RegExp(String.raw`(?<![\w,.])${NUMBER_TEXT}\s?(?:%|percent\b|per\s?cent\b|percentage\s+points?\b)`, 'gi');
const NUMBER = /(?<![\w$.,-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w-]|\.\d|,\d{3})/g;
const SCALE = /^\s*(?:million|billion|trillion|thousand)\b/i;
const PERCENT_ES = new RegExp(String.raw`(?<![\w,.])\d[\d.,]*\s?(?:%|por\s?ciento(?![\p{L}])|puntos?\s+porcentuales)`, 'giu');
const SCALE_ES = /^\s*(?:mil\s+millones|millones|millón|mil)(?![\p{L}])/iu;

const STATUS: readonly RegExp[] = [
  /\bpending\b(?!\s+(?:criminal\s+)?charges?\b)/gi,
  /\bblock(?:ed|s)\b/gi,
  /\benjoin(?:ed|s)?\b/gi,
  /\bwill\s+(?:\w+\s+)?(?:end|expire|lapse|take\s+effect|begin|start|resume|close|open|phase\s+out|sunset)\b/gi,
  /\b(?:is|are|was|were)\s+(?:set|scheduled|due|expected)\s+to\b/gi,
  /\bsubject\s+to\s+(?:Senate\s+)?confirmation\b/gi,
  /\b(?:awaiting|not\s+yet|so\s+far|to\s+date|currently|for\s+now|as\s+of\s+now|on\s+hold)\b/gi,
  // "until" states a status only when it runs to a date ("protected until June 2026"), not a step ("until ICE arrives").
  new RegExp(`\\buntil\\s+(?:at\\s+least\\s+|the\\s+end\\s+of\\s+|mid-|early\\s+|late\\s+)?(?:${MONTH}|(?:1[6-9]|20)\\d{2}\\b)`, 'gi'),
];

const STATUS_ES: readonly RegExp[] = [
  /(?<![\p{L}])(?<!cargos\s)(?<!acusaciones\s)pendientes?(?![\p{L}])/giu,
  /(?<![\p{L}])(?:bloquead[oa]s?|bloquea|bloquean|suspendid[oa]s?|en\s+suspenso)(?![\p{L}])/giu,
  /(?<![\p{L}])(?:vencer[áa]n?|expirar[áa]n?|terminar[áa]n?|caducar[áa]n?|entrar[áa]n?\s+en\s+vigor|comenzar[áa]n?|reanudar[áa]n?)(?![\p{L}])/giu,
  /(?<![\p{L}])(?:est[áa]n?\s+(?:previst[oa]s?|programad[oa]s?)\s+para|sujet[oa]s?\s+a\s+(?:la\s+)?confirmaci[óo]n)(?![\p{L}])/giu,
  /(?<![\p{L}])(?:a\s+la\s+espera|en\s+espera|todav[íi]a\s+no|a[úu]n\s+no|hasta\s+ahora|hasta\s+la\s+fecha|actualmente|por\s+ahora|por\s+el\s+momento)(?![\p{L}])/giu,
  // "hasta" states a status only when it runs to a date ("protegidos hasta junio de 2026").
  new RegExp(`(?<![\\p{L}])hasta\\s+(?:al\\s+menos\\s+)?(?:(?:finales|mediados|principios|fines)\\s+de\\s+)?(?:el\\s+)?(?:\\d{1,2}\\s+de\\s+)?(?:${MONTH_ES}|(?:1[6-9]|20)\\d{2}(?!\\d))`, 'giu'),
];

function blank(text: string, pattern: RegExp): string {
  return text.replace(pattern, (match) => ' '.repeat(match.length));
}

/** Every figure and changeable status in `text`, in order of appearance (empty when none). */
export function findFigures(text: string, lang: Lang = 'en'): FigureWord[] {
  const spanish = lang === 'es';
  const found: { at: number; word: FigureWord }[] = [];
  const add = (at: number, kind: FigureKind, words: string) => found.push({ at, word: { kind, text: words.trim() } });

  for (const pattern of spanish ? [...STATUS, ...STATUS_ES] : STATUS) {
    for (const match of text.matchAll(pattern)) add(match.index, 'status', match[0]);
  }

  let rest = (spanish ? [...NOT_FIGURES_ES, ...NOT_FIGURES] : NOT_FIGURES).reduce(blank, text);
  for (const match of rest.matchAll(/\$\s?\d[\d,.]*(?:\s*(?:million|billion|trillion|thousand)\b)?/gi)) add(match.index, 'money', match[0]);
  rest = blank(rest, /\$\s?\d[\d,.]*/g);
  for (const match of rest.matchAll(PERCENT)) add(match.index, 'percent', match[0]);
  rest = blank(rest, PERCENT);
  if (spanish) {
    for (const match of rest.matchAll(PERCENT_ES)) add(match.index, 'percent', match[0]);
    rest = blank(rest, PERCENT_ES);
  }
  for (const match of rest.matchAll(/\b\d+(?:st|nd|rd|th)\b(?:[\s-]+(?:largest|biggest|highest|lowest|most|fewest|busiest|place|ranked))?/gi)) {
    add(match.index, 'rank', match[0]);
  }
  rest = blank(rest, /\b\d+(?:st|nd|rd|th)\b/gi);

  for (const match of rest.matchAll(NUMBER)) {
    const at = match.index;
    const after = rest.slice(at + match[0].length);
    const before = rest.slice(Math.max(0, at - 60), at);
    const unit = RULE_UNITS.exec(after) ?? (spanish ? RULE_UNITS_ES.exec(after) : null);
    if (unit && !STATISTIC_WORDS.test(before) && !(spanish && STATISTIC_WORDS_ES.test(before))) continue;
    if (AGE_BEFORE.test(before) || (spanish && AGE_BEFORE_ES.test(before))) continue;
    const scale = SCALE.exec(after)?.[0] ?? (spanish ? SCALE_ES.exec(after)?.[0] : undefined) ?? '';
    const noun = /^ ?[\p{L}'-]+/u.exec(after.slice(scale.length))?.[0] ?? '';
    add(at, 'count', `${match[0]}${scale}${noun}`);
  }
  return found.sort((a, b) => a.at - b.at).map((entry) => entry.word);
}

/** The trigger words of `text` quoted for a message: `"1,412 active", "pending"`. */
export function describeFigures(words: readonly FigureWord[]): string {
  return [...new Set(words.map((word) => `"${word.text}"`))].join(', ');
}
