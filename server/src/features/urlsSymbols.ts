// Workspace symbols for URLs: every full URL name (`shop:product-detail`, SymbolKind.Key) and
// every full route (`/shop/products/<int:pk>/`, SymbolKind.Field), located at the pattern's
// `path(...)` call (or the router/admin line that generates it), with the view as container.
// The query matches the symbol's own text as a case-insensitive substring (an empty query lists
// everything, up to a cap). The symbol list is built once per URL map.
import { type SymbolInformation, SymbolKind } from "vscode-languageserver";
import type { DjangoProject } from "../project/project";
import type { UrlInfo } from "../analysis/urls/types";
import { urlMap } from "../analysis/urls/urlMap";
import type { Session } from "../session/session";
import { toLspLocation } from "./convert";

/** Enough for any picker; a huge project's empty query stops here. */
const MAX_RESULTS = 1000;

interface UrlSymbol {
  info: SymbolInformation;
  /** Lower-cased text the query is matched against. */
  text: string;
}

function container(u: UrlInfo): string | undefined {
  return u.view?.symbol || undefined;
}

/** Every name and route symbol of one project, deduplicated. Memoised on the URL map's reads. */
export function urlSymbols(project: DjangoProject): UrlSymbol[] {
  const key = `urls-symbols:${project.managePy}:${project.options.settingsModule ?? ""}:${project.options.djangoVersion ?? ""}`;
  return project.index.memo(key, () => {
    const out: UrlSymbol[] = [];
    const seen = new Set<string>();
    const add = (name: string, kind: SymbolKind, u: UrlInfo) => {
      const at = u.entry.at;
      const k = `${kind}\u0000${name}\u0000${at.file}:${at.range.start.line}:${at.range.start.character}`;
      if (seen.has(k)) return;
      seen.add(k);
      const info: SymbolInformation = { name, kind, location: toLspLocation(at) };
      const c = container(u);
      if (c) info.containerName = c;
      out.push({ info, text: name.toLowerCase() });
    };
    for (const u of urlMap(project).urls) {
      if (u.name) add(u.name, SymbolKind.Key, u);
      add(`/${u.route}`, SymbolKind.Field, u);
    }
    return out;
  });
}

export function urlsWorkspaceSymbols(session: Session, query: string): SymbolInformation[] {
  const q = query.trim().toLowerCase();
  const out: SymbolInformation[] = [];
  for (const project of session.workspace.projects()) {
    for (const s of urlSymbols(project)) {
      if (q && !s.text.includes(q)) continue;
      out.push(s.info);
      if (out.length >= MAX_RESULTS) return out;
    }
  }
  return out;
}
