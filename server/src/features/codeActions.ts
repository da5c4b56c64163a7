// Quick fixes for the model, admin and serializer diagnostics, from the facts each finding carries
// in `data`: the nearest known name for a typo, and the missing field arguments (max_length,
// on_delete, null=True for SET_NULL, DecimalField's max_digits/decimal_places).
import type { CodeAction, CodeActionParams, Diagnostic, Position, Range, TextEdit } from "vscode-languageserver";
import { dottedName, topLevel } from "../python/exprUtil";
import type { CallExpr, Stmt } from "../python/types";
import type { Session } from "../session/session";
import { fileToUri } from "./convert";

interface Fix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

const within = (r: Range, p: Position) =>
  (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) && (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));

/** The field call assigned by the class-body statement that contains `pos`. */
function fieldCallAt(stmts: Stmt[], pos: Position): CallExpr | null {
  for (const s of topLevel(stmts)) {
    if (s.kind === "class") {
      const inner = fieldCallAt(s.body, pos);
      if (inner) return inner;
    } else if (s.kind === "assign" && s.value?.kind === "call" && within(s.range, pos)) return s.value;
  }
  return null;
}

/** An edit adding `text` (a keyword argument) at the end of a call's arguments. */
function addArgument(call: CallExpr, text: string): TextEdit {
  const last = [...call.args, ...call.keywords.map((k) => k.value)].sort((a, b) => a.range.end.line - b.range.end.line || a.range.end.character - b.range.end.character).pop();
  if (last) return { range: { start: last.range.end, end: last.range.end }, newText: `, ${text}` };
  const end = { line: call.range.end.line, character: call.range.end.character - 1 };
  return { range: { start: end, end }, newText: text };
}

/** The string literal's contents (inside the quotes). */
function insideQuotes(r: Range): Range {
  return { start: { line: r.start.line, character: r.start.character + 1 }, end: { line: r.end.line, character: r.end.character - 1 } };
}

function fixesFor(session: Session, file: string, d: Diagnostic): Fix[] {
  const data = (d.data ?? {}) as Record<string, any>;
  const code = String(d.code ?? "");
  const out: Fix[] = [];
  if (typeof data.replacement === "string") out.push({ title: `Change to '${data.replacement}'`, edits: [{ range: d.range, newText: data.replacement }], preferred: true });
  if (typeof data.suggestion === "string") {
    // The typo's own string literal: in the data (`at`, Meta options and admin lists) or the diagnostic range.
    const at = data.at && data.at.file === file ? (data.at.range as Range) : d.range;
    const text = session.index.text(file);
    const line = text?.split("\n")[at.start.line] ?? "";
    const quoted = /^['"]/.test(line.slice(at.start.character));
    const target = quoted ? insideQuotes(at) : at;
    const old = line.slice(target.start.character, target.end.character);
    const newText = old.startsWith("-") ? `-${data.suggestion}` : data.suggestion;
    out.push({ title: `Change to '${data.suggestion}'`, edits: [{ range: target, newText }], preferred: true });
  }
  const needsCall = data.fix === "max_length" || data.fix === "null" || data.fix === "decimal" || code === "lens.missing-on-delete";
  if (!needsCall) return out;
  const summary = session.index.summary(file);
  const call = summary ? fieldCallAt(summary.statements, d.range.start) : null;
  if (!call) return out;
  const has = (k: string) => call.keywords.some((x) => x.name === k);
  if (data.fix === "max_length") out.push({ title: "Add max_length=255", edits: [addArgument(call, "max_length=255")], preferred: true });
  if (data.fix === "null") out.push({ title: "Add null=True", edits: [addArgument(call, "null=True")], preferred: true });
  if (data.fix === "decimal") {
    const missing = [has("max_digits") || call.args.length >= 3 ? null : "max_digits=10", has("decimal_places") || call.args.length >= 4 ? null : "decimal_places=2"].filter(Boolean);
    if (missing.length) out.push({ title: `Add ${missing.join(", ")}`, edits: [addArgument(call, missing.join(", "))], preferred: true });
  }
  if (code === "lens.missing-on-delete") {
    const func = dottedName(call.func) ?? "";
    const prefix = func.includes(".") ? func.slice(0, func.lastIndexOf(".") + 1) : "models.";
    out.push({ title: `Add on_delete=${prefix}CASCADE`, edits: [addArgument(call, `on_delete=${prefix}CASCADE`)], preferred: true });
    out.push({ title: `Add on_delete=${prefix}PROTECT`, edits: [addArgument(call, `on_delete=${prefix}PROTECT`)] });
    out.push({ title: `Add on_delete=${prefix}SET_NULL, null=True`, edits: [addArgument(call, `on_delete=${prefix}SET_NULL, null=True`)] });
  }
  return out;
}

export function modelQuickFixes(session: Session, file: string, params: CodeActionParams): CodeAction[] {
  const uri = fileToUri(file);
  const out: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    if (d.source !== "django-lens") continue;
    for (const fix of fixesFor(session, file, d)) {
      out.push({ title: fix.title, kind: "quickfix", diagnostics: [d], isPreferred: fix.preferred, edit: { changes: { [uri]: fix.edits } } });
    }
  }
  return out;
}
