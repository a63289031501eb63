/** Types for build/check-cycles.mjs. */
export type Graph = Map<string, Set<string>>;
export declare function importGraph(opts: { runtimeOnly: boolean }): Graph;
export declare function cycles(graph: Graph): string[][];
export declare function layerGraph(files: Graph): Graph;
