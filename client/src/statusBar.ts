// The status-bar item: the detected project and settings module, or indexing progress.
import * as path from "node:path";
import * as vscode from "vscode";
import type { ProjectsResult } from "../../server/src/protocol";

export class DjangoStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("djangoLens.status", vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = "Django Lens";
    this.item.command = "djangoLens.showOutput";
  }

  starting(): void {
    this.item.text = vscode.l10n.t("$(loading~spin) Django");
    this.item.tooltip = vscode.l10n.t("Django Lens is starting");
    this.item.show();
  }

  indexing(files: number): void {
    this.item.text = vscode.l10n.t("$(loading~spin) Django: indexing");
    this.item.tooltip = vscode.l10n.t("Django Lens is indexing {0} Python files", files);
    this.item.show();
  }

  ready(result: ProjectsResult | undefined): void {
    const projects = result?.projects ?? [];
    if (projects.length === 0) {
      this.item.text = vscode.l10n.t("$(warning) Django: no project");
      this.item.tooltip = vscode.l10n.t("No manage.py found in this workspace");
    } else {
      const first = projects[0];
      const name = path.basename(first.root);
      const more = projects.length > 1 ? ` +${projects.length - 1}` : "";
      this.item.text = vscode.l10n.t("$(globe) {0}: {1}{2}", name, first.settingsModule ?? vscode.l10n.t("no settings"), more);
      this.item.tooltip = new vscode.MarkdownString(
        projects
          .map((p) => vscode.l10n.t("**{0}**  \nsettings: `{1}` ({2}), Django {3}, {4} apps", p.managePy, p.settingsModule ?? vscode.l10n.t("none found"), p.settingsFrom ?? "—", p.djangoVersion, p.apps.length))
          .join("\n\n"),
      );
    }
    this.item.show();
  }

  failed(message: string): void {
    this.item.text = vscode.l10n.t("$(error) Django");
    this.item.tooltip = message;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
