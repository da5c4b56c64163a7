// Shared parts of the CLI's commands: the workspace from the arguments, paths relative to the
// folder given, and the `projects` envelope of DESIGN.md's JSON contract.
import * as path from "node:path";
import type { DjangoProject } from "../project/project";
import type { Workspace } from "../project/workspace";

export interface CliOptions {
  folder: string;
  json: boolean;
  /** With --json: keep keys beyond the public contract. */
  details: boolean;
  settings: string | null;
  djangoVersion: string | null;
  check: boolean;
  /** Positional arguments after the folder (paths for `resolve`, names for `templates`). */
  rest: string[];
}

export interface CommandResult {
  exitCode: number;
  json: unknown;
  text: string;
}

export function rel(opts: CliOptions, file: string): string {
  return path.relative(opts.folder, file).split(path.sep).join("/") || ".";
}

/** The keys every project carries in the JSON contract. */
export function projectHeader(opts: CliOptions, project: DjangoProject): Record<string, unknown> {
  return {
    root: rel(opts, project.root),
    managePy: rel(opts, project.managePy),
    settingsModule: project.settingsSource()?.module ?? null,
  };
}

export type Command = (ws: Workspace, opts: CliOptions) => CommandResult;

const useColor = () => process.stdout.isTTY && !process.env.NO_COLOR;
export const color = {
  bold: (s: string) => (useColor() ? `\x1b[1m${s}\x1b[0m` : s),
  dim: (s: string) => (useColor() ? `\x1b[2m${s}\x1b[0m` : s),
  red: (s: string) => (useColor() ? `\x1b[31m${s}\x1b[0m` : s),
  yellow: (s: string) => (useColor() ? `\x1b[33m${s}\x1b[0m` : s),
  green: (s: string) => (useColor() ? `\x1b[32m${s}\x1b[0m` : s),
  cyan: (s: string) => (useColor() ? `\x1b[36m${s}\x1b[0m` : s),
};

/** Left-aligned columns; the last column is not padded. */
export function table(rows: string[][], indent = "  "): string {
  const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, strip(c).length)));
  return rows
    .map((r) => indent + r.map((c, i) => (i === r.length - 1 ? c : c + " ".repeat(widths[i] - strip(c).length))).join("  "))
    .join("\n");
}
