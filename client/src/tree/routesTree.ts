// The Routes view: the full URL map in resolution order (route → view, name), from the server's
// djangoLens/urls, with a filter over route, name and view.
import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";
import { type RouteInfo, UrlsRequest, type UrlsResult } from "../../../server/src/protocol";
import { openCommand } from "./locations";

export interface RouteNode {
  route: RouteInfo;
  managePy: string;
  index: number;
}

export function routeMatches(r: RouteInfo, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  if (!f) return true;
  return ["/" + r.route, r.name ?? "", r.view ?? ""].some((s) => s.toLowerCase().includes(f));
}

export class RoutesTreeProvider implements vscode.TreeDataProvider<RouteNode> {
  private readonly changed = new vscode.EventEmitter<RouteNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private data: Promise<UrlsResult> | undefined;
  filter = "";

  constructor(private readonly client: () => LanguageClient | undefined) {}

  refresh(): void {
    this.data = undefined;
    this.changed.fire(undefined);
  }

  setFilter(filter: string): void {
    this.filter = filter;
    void vscode.commands.executeCommand("setContext", "djangoLens.routesFiltered", !!filter);
    this.changed.fire(undefined);
  }

  load(): Promise<UrlsResult> {
    this.data ??= (async () => {
      const c = this.client();
      if (!c) return { projects: [] };
      try {
        return await c.sendRequest<UrlsResult>(UrlsRequest, {});
      } catch {
        return { projects: [] };
      }
    })();
    return this.data;
  }

  async getChildren(node?: RouteNode): Promise<RouteNode[]> {
    if (node) return [];
    const r = await this.load();
    return r.projects.flatMap((p) => p.urls.map((route, index) => ({ route, managePy: p.managePy, index }))).filter((n) => routeMatches(n.route, this.filter));
  }

  getTreeItem(n: RouteNode): vscode.TreeItem {
    const r = n.route;
    const item = new vscode.TreeItem("/" + r.route, vscode.TreeItemCollapsibleState.None);
    item.id = `${n.managePy}#${n.index}`;
    const view = r.view ? r.view.slice(r.view.lastIndexOf(".", r.view.lastIndexOf(".") - 1) + 1) : vscode.l10n.t("view unknown");
    item.description = `${view}${r.name ? `  ·  ${r.name}` : ""}${r.conditional ? "  ·  " + vscode.l10n.t("conditional") : ""}`;
    item.tooltip = new vscode.MarkdownString().appendCodeblock("/" + r.route, "text").appendText(`${r.view ?? vscode.l10n.t("view not resolved statically")}\n${r.name ? `name: ${r.name}` : ""}`);
    item.iconPath = new vscode.ThemeIcon(r.viewLocation ? "link" : r.view ? "library" : "question");
    item.contextValue = "route";
    item.command = openCommand(r.viewLocation ?? r.source);
    return item;
  }
}
