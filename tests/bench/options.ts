import { resolve } from 'node:path';

export interface BenchOptions {
  /** Folder of corpus pages (read in place, never copied into the repo). */
  pagesDir: string;
  /** Where the JSON report goes. */
  out: string;
  /** Repetitions of the in-page measurements (bare walk, floor, scaling); the table shows medians. */
  runs: number;
  /** Fresh loads with the extension per page (each gives one full-scan sum). */
  scanRuns: number;
  /** Full rescans of the loaded page after an SPA navigation (warm scans), median reported. */
  rescanRuns: number;
  /** How many corpus pages (spread by size) also get the mark.js comparison; Infinity = all. */
  markJsPages: number;
  /** Fresh loads per mark.js page. mark.js is 2-3 orders slower, so one run decides a 20× target. */
  markJsRuns: number;
  /** Also run mark.js on the stress page (about two minutes per run). */
  markJsOnStress: boolean;
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
  /** Exit non-zero when a target fails or the run stops early (for CI); otherwise the table only says FAIL. */
  strict: boolean;
}

const USAGE = `Usage: tsx tests/bench/run-bench.ts [options]
  --pages DIR          corpus folder (default ../shared/corpus/pages relative to the repo)
  --out FILE           JSON report (default .output/bench/results.json)
  --runs N             in-page runs of bare walk, floor and scaling, median reported (default 5)
  --scan-runs N        fresh loads with the extension per page, median reported (default 3, or --runs if given)
  --rescan-runs N      full rescans after an SPA navigation in the loaded page, median reported (default 3)
  --markjs-pages N|all corpus pages (spread by size) that also get mark.js (default 6; the stress page too)
  --markjs-runs N      fresh loads per mark.js page (default 1)
  --quick              1 run over a 20-page subset plus the stress page; mark.js on 3 pages, not on the stress page
  --ext DIR            built extension (default .output/chrome-mv3)
  --only a,b           only pages whose name contains one of these strings ("stress" = the stress page)
  --no-markjs          skip the mark.js comparison
  --no-stress          skip the stress page and the scaling table
  --quiet-ms N         scan counts as finished after N ms without a new measure (default 500)
  --first-measure-ms N wait at most N ms for the first scan measure (default 5000)
  --page-timeout-ms N  per-step timeout (default 60000)
  --chromium PATH      Chromium binary (default /usr/lib/chromium/chromium)
  --strict             exit with status 1 when a target FAILs or the run stops early`;

export function parseOptions(argv: readonly string[], repoRoot: string): BenchOptions {
  const options: BenchOptions = {
    pagesDir: resolve(repoRoot, '../shared/corpus/pages'),
    out: resolve(repoRoot, '.output/bench/results.json'),
    runs: 5,
    scanRuns: 3,
    rescanRuns: 3,
    markJsPages: 6,
    markJsRuns: 1,
    markJsOnStress: true,
    quick: false,
    extensionDir: resolve(repoRoot, '.output/chrome-mv3'),
    only: [],
    skipMarkJs: false,
    skipStress: false,
    quietMs: 500,
    firstMeasureTimeoutMs: 5000,
    pageTimeoutMs: 60_000,
    chromiumPath: '/usr/lib/chromium/chromium',
    strict: false,
  };
  let runsGiven = false;
  let scanRunsGiven = false;
  let markJsPagesGiven = false;
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
      case '--scan-runs':
        options.scanRuns = count();
        scanRunsGiven = true;
        break;
      case '--rescan-runs':
        options.rescanRuns = count();
        break;
      case '--markjs-pages': {
        const raw = value();
        options.markJsPages = raw === 'all' ? Infinity : Number(raw);
        if (!(options.markJsPages >= 0) || (raw !== 'all' && !Number.isInteger(options.markJsPages))) {
          throw new Error(`--markjs-pages: expected a count or "all", got "${raw}"`);
        }
        markJsPagesGiven = true;
        break;
      }
      case '--markjs-runs':
        options.markJsRuns = count();
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
      case '--strict':
        options.strict = true;
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
  if (options.quick) {
    if (!runsGiven) options.runs = 1;
    if (!scanRunsGiven) options.scanRuns = 1;
    if (!markJsPagesGiven) options.markJsPages = 3;
    options.markJsOnStress = false;
  } else if (runsGiven && !scanRunsGiven) {
    options.scanRuns = options.runs;
  }
  if (options.skipMarkJs) {
    options.markJsPages = 0;
    options.markJsOnStress = false;
  }
  return options;
}
