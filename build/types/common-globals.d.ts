// Web-platform globals that both Node 20+ and Chromium provide, for src-main/common, which
// compiles with neither node nor DOM types. Declare only what common uses.
declare class URLSearchParams {
  constructor(init?: string | Record<string, string>);
  get(name: string): string | null;
  has(name: string): boolean;
  toString(): string;
}
