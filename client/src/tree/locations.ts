// Protocol places → VS Code ones, and the command a tree item runs to open its definition.
import * as vscode from "vscode";
import type { ProtocolLocation } from "../../../server/src/protocol";

export function toRange(loc: ProtocolLocation): vscode.Range {
  const { start, end } = loc.range;
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

export function openCommand(loc: ProtocolLocation | null | undefined, title = "Open"): vscode.Command | undefined {
  if (!loc) return undefined;
  return { command: "djangoLens.openLocation", title, arguments: [loc] };
}

export async function openLocation(loc: ProtocolLocation): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(loc.uri));
  const range = toRange(loc);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(range.start, range.start), preview: true });
}
