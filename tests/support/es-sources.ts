import matter from 'gray-matter';
import { explainerData } from '../fixtures/pack/sources';
import type { SourceFile } from '../../tools/pack/compiler';

/** Small Spanish explainer sources for tests: a valid baseline each test breaks in one way. */

export const BODY_ES = `## Qué está pasando
Algo está pasando.

## Qué está en juego
Algo está en juego.

## Por qué importa
Importa.
`;

export function spanishData(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...explainerData(id),
    lang: 'es',
    title: `Título de ${id}`,
    summary: `Resumen de ${id}.`,
    terms: [{ text: `término ${id}` }],
    facts: [1, 2, 3, 4].map((n) => ({
      text: `Dato ${['uno', 'dos', 'tres', 'cuatro'][n - 1]} sobre ${id}.`,
      sources: [`https://example.gov/${id}/${n}`],
    })),
    timeline: [{ date: '2025-06', text: `Algo le pasó a ${id}.` }],
    ...overrides,
  };
}

export function spanishSource(data: Record<string, unknown>, body = BODY_ES, path = `content/explainers/es/${String(data.id)}.md`): SourceFile {
  return { path, text: matter.stringify(body, data) };
}
