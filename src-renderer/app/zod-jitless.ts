// Zod compiles object parsers with `new Function` where it may, and its first parse probes for
// that with an eval, which the CSP (no 'unsafe-eval') refuses and reports on every page load.
// Parse without compiling: imported first by main.tsx, before any schema is used.
import { z } from 'zod';

z.config({ jitless: true });
