// The pickers and input boxes the commands use, behind a seam: the end-to-end suite swaps in a
// scripted UI (through the extension's exported API) to see what a picker offered and answer it,
// since a quick pick cannot be read or answered through the vscode API.
import * as vscode from "vscode";

export interface PickItem<T> extends vscode.QuickPickItem {
  value: T;
}

export interface Ui {
  pick<T>(items: PickItem<T>[], options: { placeHolder: string; title?: string }): Promise<T | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
}

export const vscodeUi: Ui = {
  async pick(items, options) {
    const choice = await vscode.window.showQuickPick(items, { ...options, matchOnDescription: true });
    return choice?.value;
  },
  input: (options) => Promise.resolve(vscode.window.showInputBox(options)),
};

let current: Ui = vscodeUi;

export function ui(): Ui {
  return current;
}

/** For tests: replace the UI; returns a function restoring the real one. */
export function setUi(next: Ui): () => void {
  current = next;
  return () => {
    current = vscodeUi;
  };
}
