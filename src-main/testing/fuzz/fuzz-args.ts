// Command line of the fuzz runner: npm run fuzz -- [--runs N] [--target name]... [--seed S]
// [--jobs J] [--json file] [--hang-ms ms] [--corpus dir] [--list] [--replay file --target name].

export interface FuzzArgs {
  runs: number;
  seed: number;
  targets: string[];
  jobs: number;
  hangMs: number;
  corpusRoot: string;
  json?: string;
  replay?: string;
  list: boolean;
}

export const USAGE = `usage: npm run fuzz -- [--runs N] [--target NAME]... [--seed S] [--jobs J] [--json FILE] [--hang-ms MS] [--corpus DIR] [--list]
       npm run fuzz -- --replay FILE --target NAME
  --runs N      inputs per target, corpus replay included (default 10000)
  --target NAME only this target (repeatable; default all, see --list)
  --seed S      32-bit seed (default: a random one, printed)
  --jobs J      targets fuzzed at the same time (default 2)
  --hang-ms MS  a worker whose input runs longer is ended and the input saved as hang-<hash> (default 10000)
  --json FILE   also write the results as JSON
  --replay FILE run one saved input against --target and print what it throws`;

/** Parsed arguments, or an error message. */
export function parseArgs(argv: readonly string[], corpusRoot: string, known: readonly string[]): FuzzArgs | string {
  const args: FuzzArgs = { runs: 10_000, seed: (Math.random() * 0x1_0000_0000) >>> 0, targets: [], jobs: 2, hangMs: 10_000, corpusRoot, list: false };
  const int = (name: string, v: string | undefined, min: number, max: number): number | string => {
    const n = Number(v);
    return Number.isInteger(n) && n >= min && n <= max ? n : `${name} needs an integer from ${min} to ${max}, got ${JSON.stringify(v)}`;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    let n: number | string = 0;
    switch (flag) {
      case '--runs':
        n = int(flag, value, 1, 1e9);
        if (typeof n === 'number') args.runs = n;
        break;
      case '--seed':
        n = int(flag, value, 0, 0xffff_ffff);
        if (typeof n === 'number') args.seed = n;
        break;
      case '--jobs':
        n = int(flag, value, 1, 64);
        if (typeof n === 'number') args.jobs = n;
        break;
      case '--hang-ms':
        n = int(flag, value, 100, 3_600_000);
        if (typeof n === 'number') args.hangMs = n;
        break;
      case '--target':
        if (!value || !known.includes(value)) return `unknown target ${JSON.stringify(value)}; known: ${known.join(', ')}`;
        args.targets.push(value);
        break;
      case '--json':
      case '--replay':
      case '--corpus':
        if (!value) return `${flag} needs a path`;
        if (flag === '--json') args.json = value;
        else if (flag === '--replay') args.replay = value;
        else args.corpusRoot = value;
        break;
      case '--list':
        args.list = true;
        continue;
      default:
        return `unknown option ${JSON.stringify(flag)}`;
    }
    if (typeof n === 'string') return n;
    i++;
  }
  if (args.replay && args.targets.length !== 1) return '--replay needs exactly one --target';
  if (args.targets.length === 0) args.targets = [...known];
  return args;
}
