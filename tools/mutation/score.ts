/** The parts of Stryker's JSON report (mutation-testing-report-schema) that a score needs. */
export interface MutationReport {
  files: Record<string, { mutants: { status: string; mutatorName: string; replacement?: string; location: { start: { line: number } } }[] }>;
}

export interface ModuleScore {
  file: string;
  killed: number;
  timeout: number;
  noCoverage: number;
  /** Killed or timed out: a test noticed the change. */
  detected: number;
  /** Mutants that count: detected, survived or uncovered (compile and runtime errors and ignored ones do not). */
  valid: number;
  survivors: { line: number; mutator: string; replacement: string }[];
}

/** Stryker's own definition: score = detected ÷ (detected + survived + no coverage). */
export function scoreReport(report: MutationReport): ModuleScore[] {
  return Object.entries(report.files).map(([file, { mutants }]) => {
    const count = (status: string) => mutants.filter((m) => m.status === status).length;
    const survivors = mutants
      .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .map((m) => ({ line: m.location.start.line, mutator: m.mutatorName, replacement: m.replacement ?? '' }));
    const killed = count('Killed');
    const timeout = count('Timeout');
    const noCoverage = count('NoCoverage');
    return { file, killed, timeout, noCoverage, detected: killed + timeout, valid: killed + timeout + count('Survived') + noCoverage, survivors };
  });
}
