// Types of compare-checkov-run.mjs, for test/compare-checkov.test.ts.
export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}
export type Run = (command: string, args: string[], options?: object) => RunResult;
export interface LaidOutCase {
  dir: string;
  origins: Map<string, { file: string; caseName: string }>;
}
export const repoRoot: string;
export function splitCases(source: string): { name: string; source: string }[];
export function isInfraFile(name: string, text: string): boolean;
export function layoutFixtures(fixtureDirs: string[], root: string): LaidOutCase[];
export function defaultFixtureDirs(): string[];
export function runProgram(command: string, args: string[], options?: object): RunResult;
export function lastLine(result: RunResult): string;
export function installCheckov(dir: string, run: Run): string;
export function parseArgs(argv: string[]): { checkov: string | undefined; fixtures: string[]; keep: boolean; help: boolean };
export function main(argv: string[], io?: { run?: Run; stdout?: { write(s: string): unknown }; stderr?: { write(s: string): unknown } }): number;
