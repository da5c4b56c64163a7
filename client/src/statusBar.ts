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
    this.item.text = "$(loading~spin) Django";
    this.item.tooltip = "Django Lens is starting";
    this.item.show();
  }

  indexing(files: number): void {
    this.item.text = "$(loading~spin) Django: indexing";
    this.item.tooltip = `Django Lens is indexing ${files} Python files`;
    this.item.show();
  }

  ready(result: ProjectsResult | undefined): void {
    const projects = result?.projects ?? [];
    if (projects.length === 0) {
      this.item.text = "$(warning) Django: no project";
      this.item.tooltip = "No manage.py found in this workspace";
    } else {
      const first = projects[0];
      const name = path.basename(first.root);
      const more = projects.length > 1 ? ` +${projects.length - 1}` : "";
      this.item.text = `$(globe) ${name}: ${first.settingsModule ?? "no settings"}${more}`;
      this.item.tooltip = new vscode.MarkdownString(
        projects
          .map((p) => `**${p.managePy}**  \nsettings: \`${p.settingsModule ?? "none found"}\` (${p.settingsFrom ?? "—"}), Django ${p.djangoVersion}, ${p.apps.length} apps`)
          .join("\n\n"),
      );
    }
    this.item.show();
  }

  failed(message: string): void {
    this.item.text = "$(error) Django";
    this.item.tooltip = message;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
