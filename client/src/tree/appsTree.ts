// The Apps view: project → app → Models / Views / URLs / Migrations / Admin / Serializers / Tests,
// all of it from the server's djangoLens/appsTree (the client holds no analysis). Refreshed on
// djangoLens/indexChanged; ids are stable, so expansion survives a refresh.
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { type AppsTreeNode, AppsTreeRequest, type AppsTreeResult } from "../../../server/src/protocol";
import { openCommand } from "./locations";

const ICONS: Record<AppsTreeNode["kind"], string> = {
  project: "globe",
  app: "package",
  group: "folder",
  model: "database",
  field: "symbol-field",
  view: "symbol-method",
  url: "link",
  migration: "history",
  admin: "shield",
  serializer: "symbol-class",
  testClass: "beaker",
  testMethod: "symbol-method",
  message: "info",
};

const GROUP_ICONS: Record<string, string> = {
  Models: "database",
  Views: "eye",
  URLs: "link",
  Migrations: "history",
  Admin: "shield",
  Serializers: "json",
  Tests: "beaker",
};

export class AppsTreeProvider implements vscode.TreeDataProvider<AppsTreeNode> {
  private readonly changed = new vscode.EventEmitter<AppsTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Promise<AppsTreeNode[]> | undefined;
  private readonly parents = new Map<string, AppsTreeNode>();

  constructor(private readonly client: () => LanguageClient | undefined) {}

  refresh(): void {
    this.roots = undefined;
    this.changed.fire(undefined);
  }

  /** Every node currently known (for tests and "reveal"). */
  async nodes(): Promise<AppsTreeNode[]> {
    const out: AppsTreeNode[] = [];
    const walk = (n: AppsTreeNode) => {
      out.push(n);
      n.children?.forEach(walk);
    };
    (await this.load()).forEach(walk);
    return out;
  }

  private load(): Promise<AppsTreeNode[]> {
    this.roots ??= (async () => {
      const c = this.client();
      if (!c) return [];
      try {
        const r = await c.sendRequest<AppsTreeResult>(AppsTreeRequest, {});
        this.parents.clear();
        const link = (n: AppsTreeNode) => n.children?.forEach((ch) => (this.parents.set(ch.id, n), link(ch)));
        r.projects.forEach((p) => link(p.root));
        // One project: start at its apps, as the project itself says nothing new.
        return r.projects.length === 1 ? (r.projects[0].root.children ?? []) : r.projects.map((p) => p.root);
      } catch {
        return [];
      }
    })();
    return this.roots;
  }

  async getChildren(node?: AppsTreeNode): Promise<AppsTreeNode[]> {
    return node ? (node.children ?? []) : this.load();
  }

  getParent(node: AppsTreeNode): AppsTreeNode | undefined {
    return this.parents.get(node.id);
  }

  getTreeItem(n: AppsTreeNode): vscode.TreeItem {
    const collapsible = n.children?.length
      ? n.kind === "app" || n.kind === "project"
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(n.label, collapsible);
    item.id = n.id;
    item.description = n.description;
    const icon = n.kind === "group" ? (GROUP_ICONS[n.label] ?? "folder") : ICONS[n.kind];
    item.iconPath = n.warning ? new vscode.ThemeIcon("warning", new vscode.ThemeColor("list.warningForeground")) : new vscode.ThemeIcon(icon);
    if (n.warning) item.description = `${n.description ? n.description + " · " : ""}${vscode.l10n.t("drift")}`;
    const tip = new vscode.MarkdownString();
    tip.appendText(n.tooltip ?? n.label);
    if (n.warning) tip.appendMarkdown("\n\n$(warning) ").appendText(n.warning);
    tip.supportThemeIcons = true;
    item.tooltip = tip;
    // contextValue drives the context menus in package.json (view/item/context).
    item.contextValue = n.kind === "group" ? `group.${n.label}` : n.kind;
    item.command = openCommand(n.location);
    return item;
  }
}
