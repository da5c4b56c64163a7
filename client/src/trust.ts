// Workspace Trust: running manage.py executes the workspace's own code (settings, models, apps),
// so every command that does is refused in Restricted Mode. The manifest's `enablement` clauses
// grey them out in menus; this runtime check covers keybindings, tasks and other extensions.
import * as vscode from "vscode";

export function requireTrust(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(
      vscode.l10n.t(
        "Django Lens: '{0}' runs this workspace's code (manage.py imports its settings and apps), so it is disabled in Restricted Mode. Trust the workspace to run it; the static analysis works either way.",
        what,
      ),
      vscode.l10n.t("Manage Workspace Trust"),
    )
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand("workbench.trust.manage");
    });
  return false;
}
