// Entry point of `npm run verify -- <folder>` (bundled to dist/main/verify-cli.js).
import { runVerifyCli } from './verify/verify-cli.js';

process.exitCode = await runVerifyCli(process.argv.slice(2), (line) => console.log(line));
