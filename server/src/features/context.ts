// What a position-based request knows: the file, the project it belongs to, its summary.
import type { Position } from "vscode-languageserver";
import type { DjangoProject } from "../project/project";
import type { ModuleSummary, Range, StringLiteral } from "../python/types";
import type { Session } from "../session/session";

export interface FeatureContext {
  session: Session;
  file: string;
  position: Position;
  project: DjangoProject | undefined;
  /** The Python summary, for .py files. */
  summary: ModuleSummary | null;
  text: string | null;
}

export function contains(range: Range, pos: Position): boolean {
  const { start, end } = range;
  if (pos.line < start.line || pos.line > end.line) return false;
  if (pos.line === start.line && pos.character < start.character) return false;
  if (pos.line === end.line && pos.character > end.character) return false;
  return true;
}

/** The innermost string literal under the cursor. */
export function stringAt(ctx: FeatureContext): StringLiteral | undefined {
  let best: StringLiteral | undefined;
  for (const s of ctx.summary?.strings ?? []) {
    if (contains(s.range, ctx.position) && (!best || rangeSize(s.range) < rangeSize(best.range))) best = s;
  }
  return best;
}

function rangeSize(r: Range): number {
  return (r.end.line - r.start.line) * 100000 + (r.end.character - r.start.character);
}
