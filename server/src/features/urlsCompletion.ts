// Completion of URL names inside reverse("…")/redirect("…") strings, and hover on those names or
// on a view in a URLconf showing the full route(s) and name(s).
import { type CompletionItem, CompletionItemKind, type Hover, MarkupKind } from "vscode-languageserver";
import { reversibleNames } from "../analysis/urls/names";
import { urlMap } from "../analysis/urls/urlMap";
import type { UrlInfo } from "../analysis/urls/types";
import { type FeatureContext, contains, stringAt } from "./context";
import { urlNameAt } from "./urlsDefinition";

const CALLEES = /(^|\.)(reverse|reverse_lazy|redirect|resolve_url)$/;

export function urlsCompletion(ctx: FeatureContext): CompletionItem[] | null {
  if (!ctx.project || !ctx.file.endsWith(".py")) return null;
  const lit = stringAt(ctx);
  if (!lit || !lit.callee || !CALLEES.test(lit.callee) || lit.argument !== 0) return null;
  const map = urlMap(ctx.project);
  const byName = new Map<string, UrlInfo>();
  for (const u of map.urls) if (u.name && !byName.has(u.name)) byName.set(u.name, u);
  return reversibleNames(map).map((name) => ({
    label: name,
    kind: CompletionItemKind.Reference,
    detail: "/" + (byName.get(name)?.route ?? ""),
  }));
}

function describe(urls: UrlInfo[]): string {
  return urls.map((u) => `- \`/${u.route}\`${u.name ? ` — \`${u.name}\`` : ""}`).join("\n");
}

export function urlsHover(ctx: FeatureContext): Hover | null {
  if (!ctx.project || !ctx.file.endsWith(".py")) return null;
  const named = urlNameAt(ctx);
  if (named?.candidates.length) {
    return { contents: { kind: MarkupKind.Markdown, value: `**${named.name}**\n\n${describe(named.candidates)}` }, range: named.range };
  }
  // On a view's def/class name: the routes that lead to it.
  const map = urlMap(ctx.project);
  const serving = map.urls.filter((u) => u.view?.file === ctx.file && u.view.range && contains(u.view.range, ctx.position));
  if (serving.length) return { contents: { kind: MarkupKind.Markdown, value: `Routes to this view:\n\n${describe(serving)}` } };
  return null;
}
