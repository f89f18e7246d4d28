/** One problem found while compiling a pack: which file, which field, and why. */
export interface PackError {
  /** Path of the source file as given to the compiler (or the folder, for pack-level problems). */
  file: string;
  /** Field path inside the file, e.g. `facts[2].sources`, `sections.happening`, `front matter`. */
  field: string;
  message: string;
}

export function formatPackError(error: PackError): string {
  return `${error.file}: ${error.field}: ${error.message}`;
}

/** Thrown with every problem found, so an author can fix a whole folder in one pass. */
export class PackCompileError extends Error {
  readonly errors: readonly PackError[];

  constructor(errors: readonly PackError[]) {
    const count = errors.length === 1 ? '1 error' : `${errors.length} errors`;
    super(`Pack failed to compile (${count}):\n${errors.map(formatPackError).join('\n')}`);
    this.name = 'PackCompileError';
    this.errors = errors;
  }
}
