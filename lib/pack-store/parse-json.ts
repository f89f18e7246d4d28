/**
 * JSON.parse with an error a publisher can act on. Engines word syntax errors differently (V8 often
 * gives no position, Firefox gives line/column), so on failure a small scanner finds the first bad
 * character itself and reports it the same way everywhere:
 * "not valid JSON at position 41 (line 3, column 7): expected ',' or '}' after a property".
 * The frame is a translated message (packErrorJson); the scanner's reason stays English detail.
 */
import { packProblem, type PackProblem } from './problem';

export type JsonParse = { ok: true; value: unknown } | { ok: false; error: PackProblem; position: number };

class JsonSyntaxError extends Error {
  constructor(
    readonly position: number,
    reason: string,
  ) {
    super(reason);
  }
}

function describeChar(text: string, position: number): string {
  if (position >= text.length) return 'end of input';
  return JSON.stringify(text[position]);
}

/** Finds the first syntax error; recursion is bounded by nesting depth, guarded by the caller. */
function scan(text: string): void {
  let i = 0;
  const fail = (reason: string): never => {
    throw new JsonSyntaxError(i, `${reason}, found ${describeChar(text, i)}`);
  };
  const skipSpace = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`expected ${word}`);
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const char = text[i]!;
      if (char === '"') {
        i++;
        return;
      }
      if (char === '\\') {
        const escape = text[i + 1];
        if (escape !== undefined && '"\\/bfnrt'.includes(escape)) i += 2;
        else if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else {
          i++;
          fail('invalid escape in string');
        }
      } else if (char < ' ') {
        fail('control character in string (escape it)');
      } else i++;
    }
    fail('unterminated string');
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match || match[0] === '-') fail('expected a value');
    i += match![0].length;
  };
  const value = (): void => {
    skipSpace();
    const char = text[i];
    if (char === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        string();
        skipSpace();
        if (text[i] !== ':') fail("expected ':' after a property name");
        i++;
        value();
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail("expected ',' or '}' after a property");
      }
    } else if (char === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        skipSpace();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail("expected ',' or ']' after an array element");
      }
    } else if (char === '"') string();
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) number();
    else fail(char === '<' ? 'expected a value (this looks like an HTML page, not a pack)' : 'expected a value');
  };
  value();
  skipSpace();
  if (i < text.length) fail('unexpected text after the JSON value');
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

/** The first syntax error in `text`, or null when it is valid JSON (throws RangeError if nested too deeply to scan). */
export function locateJsonError(text: string): { position: number; reason: string } | null {
  try {
    scan(text);
    return null;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { position: error.position, reason: error.message };
    throw error;
  }
}

export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (engineError) {
    let located: { position: number; reason: string } | null = null;
    try {
      located = locateJsonError(text);
    } catch {
      // Too deeply nested for the scanner's recursion: fall back to the engine's own words.
    }
    if (!located) return { ok: false, position: -1, error: packProblem('packErrorJsonEngine', [(engineError as Error).message]) };
    const { line, column } = lineAndColumn(text, located.position);
    return {
      ok: false,
      position: located.position,
      error: packProblem('packErrorJson', [located.position, line, column, located.reason]),
    };
  }
}
