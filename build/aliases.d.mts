/** Types for build/aliases.mjs (read by the TypeScript configs of Vite and Vitest). */
export declare const ALIAS_FOLDERS: Record<string, string>;
export declare const ALIASES: Record<string, string>;
