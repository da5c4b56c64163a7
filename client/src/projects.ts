// The projects the server found (djangoLens/projects), cached for the commands and pickers.
import * as path from "node:path";
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { type ProjectInfo, ProjectsRequest, type ProjectsResult } from "../../server/src/protocol";

export class Projects {
  private cached: ProjectInfo[] | undefined;

  constructor(private readonly client: () => LanguageClient | undefined) {}

  invalidate(): void {
    this.cached = undefined;
  }

  async all(): Promise<ProjectInfo[]> {
    if (this.cached) return this.cached;
    const c = this.client();
    if (!c) return [];
    const r = await c.sendRequest<ProjectsResult>(ProjectsRequest, {});
    this.cached = r.projects;
    return this.cached;
  }

  async byManagePy(managePy: string | undefined): Promise<ProjectInfo | undefined> {
    return managePy ? (await this.all()).find((p) => p.managePy === managePy) : undefined;
  }

  /** The one project, or the user's choice when there are several (undefined: cancelled or none). */
  async pick(managePy?: string): Promise<ProjectInfo | undefined> {
    const all = await this.all();
    const given = all.find((p) => p.managePy === managePy);
    if (given) return given;
    if (all.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t("Django Lens: no manage.py found in this workspace."));
      return undefined;
    }
    if (all.length === 1) return all[0];
    const choice = await vscode.window.showQuickPick(
      all.map((p) => ({ label: path.basename(p.root), description: vscode.workspace.asRelativePath(p.managePy), project: p })),
      { placeHolder: vscode.l10n.t("Which Django project?") },
    );
    return choice?.project;
  }
}
