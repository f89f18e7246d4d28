import { resolve } from 'node:path';

export interface BenchOptions {
  /** Folder of corpus pages (read in place, never copied into the repo). */
  pagesDir: string;
  /** Where the JSON report goes. */
  out: string;
  /** Repetitions per measurement; the table shows medians. */
  runs: number;
  /** One run over a 20-page subset, for a check in under two minutes. */
  quick: boolean;
  /** Built extension to load (default `.output/chrome-mv3`). */
  extensionDir: string;
  /** Only pages whose file name contains one of these strings (debugging aid). */
  only: string[];
  /** Skip mark.js (it is by far the slowest part on big pages). */
  skipMarkJs: boolean;
  /** Leave out the stress page and the scaling table. */
  skipStress: boolean;
  /** A scan is over once no new measure has appeared for this long. */
  quietMs: number;
  /** Give up waiting for the first scan measure after this long (content script idle or missing). */
  firstMeasureTimeoutMs: number;
  /** Per-page budget for one load + measurement before the row is reported as an error. */
  pageTimeoutMs: number;
  chromiumPath: string;
}

const USAGE = `Usage: tsx tests/bench/run-bench.ts [options]
  --pages DIR          corpus folder (default ../shared/corpus/pages relative to the repo)
  --out FILE           JSON report (default .output/bench/results.json)
  --runs N             runs per measurement, median reported (default 5)
  --quick              1 run over a 20-page subset (plus the stress page)
  --ext DIR            built extension (default .output/chrome-mv3)
  --only a,b           only pages whose name contains one of these strings ("stress" = the stress page)
  --no-markjs          skip the mark.js comparison
  --no-stress          skip the stress page and the scaling table
  --quiet-ms N         scan counts as finished after N ms without a new measure (default 1000)
  --first-measure-ms N wait at most N ms for the first scan measure (default 5000)
  --page-timeout-ms N  per-step timeout (default 60000)
  --chromium PATH      Chromium binary (default /usr/lib/chromium/chromium)`;

export function parseOptions(argv: readonly string[], repoRoot: string): BenchOptions {
  const options: BenchOptions = {
    pagesDir: resolve(repoRoot, '../shared/corpus/pages'),
    out: resolve(repoRoot, '.output/bench/results.json'),
    runs: 5,
    quick: false,
    extensionDir: resolve(repoRoot, '.output/chrome-mv3'),
    only: [],
    skipMarkJs: false,
    skipStress: false,
    quietMs: 1000,
    firstMeasureTimeoutMs: 5000,
    pageTimeoutMs: 60_000,
    chromiumPath: '/usr/lib/chromium/chromium',
  };
  let runsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes('=') ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)] : [flag, undefined];
    const value = (): string => {
      const next = inline ?? argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${name} needs a value\n${USAGE}`);
      return next;
    };
    const count = (): number => {
      const raw = value();
      const parsed = Number(raw);
      if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name}: expected a positive integer, got "${raw}"`);
      return parsed;
    };
    switch (name) {
      case '--pages':
        options.pagesDir = resolve(process.cwd(), value());
        break;
      case '--out':
        options.out = resolve(process.cwd(), value());
        break;
      case '--runs':
        options.runs = count();
        runsGiven = true;
        break;
      case '--quick':
        options.quick = true;
        break;
      case '--ext':
        options.extensionDir = resolve(process.cwd(), value());
        break;
      case '--only':
        options.only = value().split(',').map((s) => s.trim()).filter(Boolean);
        break;
      case '--no-markjs':
        options.skipMarkJs = true;
        break;
      case '--no-stress':
        options.skipStress = true;
        break;
      case '--quiet-ms':
        options.quietMs = count();
        break;
      case '--first-measure-ms':
        options.firstMeasureTimeoutMs = count();
        break;
      case '--page-timeout-ms':
        options.pageTimeoutMs = count();
        break;
      case '--chromium':
        options.chromiumPath = value();
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
      // eslint-disable-next-line no-fallthrough
      default:
        throw new Error(`Unknown option "${flag}"\n${USAGE}`);
    }
  }
  if (options.quick && !runsGiven) options.runs = 1;
  return options;
}
