import { describe, expect, it } from 'vitest';
import { scoreReport, type MutationReport } from './score';

const mutant = (status: string, line = 1) => ({ status, mutatorName: 'ConditionalExpression', replacement: 'true', location: { start: { line } } });

describe('scoreReport', () => {
  it("scores detected over detected + survived + uncovered, leaving errors and ignored mutants out, as Stryker does", () => {
    const report: MutationReport = {
      files: {
        'lib/a.ts': {
          mutants: [mutant('Killed'), mutant('Killed'), mutant('Timeout'), mutant('Survived', 7), mutant('NoCoverage', 9), mutant('CompileError'), mutant('RuntimeError'), mutant('Ignored')],
        },
      },
    };
    const [a] = scoreReport(report);
    expect(a).toMatchObject({ file: 'lib/a.ts', killed: 2, timeout: 1, noCoverage: 1, detected: 3, valid: 5 });
    expect(a?.survivors.map((s) => s.line)).toEqual([7, 9]);
  });

  it('gives one row per file', () => {
    const rows = scoreReport({ files: { 'x.ts': { mutants: [mutant('Killed')] }, 'y.ts': { mutants: [mutant('Survived')] } } });
    expect(rows.map((r) => [r.file, r.detected, r.valid])).toEqual([
      ['x.ts', 1, 1],
      ['y.ts', 0, 1],
    ]);
  });
});
