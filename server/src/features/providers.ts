// The extension points of the LSP features: each concern (settings, urls, models, migrations,
// templates) registers providers here; the handlers in session/languageServer.ts ask them in order.
import type {
  CodeAction,
  CodeActionParams,
  CodeLens,
  CompletionItem,
  DocumentLink,
  Hover,
  SymbolInformation,
} from "vscode-languageserver";
import type { Location } from "../python/types";
import type { Session } from "../session/session";
import type { FeatureContext } from "./context";
import { modelQuickFixes } from "./codeActions";
import { modelCompletion, modelDefinition, modelHover } from "./modelsFeatures";
import { makeMigrationsAction } from "./migrationsRequest";
import { settingsPathDefinition } from "./settingsDefinition";
import { templateCompletion } from "./templatesCompletion";
import { templateDefinition } from "./templatesDefinition";
import { templateHover } from "./templatesHover";
import { templateLinks } from "./templatesLinks";
import { urlsCompletion, urlsHover } from "./urlsCompletion";
import { urlsCodeLens } from "./urlsCodeLens";
import { urlsDefinition, urlsReferences } from "./urlsDefinition";
import { urlsWorkspaceSymbols } from "./urlsSymbols";

export type PositionProvider<T> = (ctx: FeatureContext) => T | null;

export interface Providers {
  definition: PositionProvider<Location[]>[];
  references: PositionProvider<Location[]>[];
  hover: PositionProvider<Hover>[];
  completion: PositionProvider<CompletionItem[]>[];
  codeLens: ((session: Session, file: string) => CodeLens[])[];
  workspaceSymbol: ((session: Session, query: string) => SymbolInformation[])[];
  codeAction: ((session: Session, file: string, params: CodeActionParams) => CodeAction[])[];
  documentLink: ((session: Session, file: string) => DocumentLink[])[];
}

export const PROVIDERS: Providers = {
  definition: [settingsPathDefinition, templateDefinition, urlsDefinition, modelDefinition],
  references: [urlsReferences],
  hover: [templateHover, urlsHover, modelHover],
  completion: [templateCompletion, urlsCompletion, modelCompletion],
  codeLens: [urlsCodeLens],
  workspaceSymbol: [urlsWorkspaceSymbols],
  codeAction: [modelQuickFixes, makeMigrationsAction],
  documentLink: [templateLinks],
};

/** The first provider that answers (non-empty) wins; a provider that throws is logged and skipped. */
export function firstAnswer<T>(ctx: FeatureContext, list: PositionProvider<T>[], what: string): T | null {
  for (const provider of list) {
    const found = ctx.session.guard(`${what}/${provider.name}`, () => provider(ctx), null);
    if (found !== null && (!Array.isArray(found) || found.length > 0)) return found;
  }
  return null;
}

/** Every provider's answers, concatenated. */
export function allAnswers<A extends unknown[], T>(session: Session, list: ((...args: A) => T[])[], what: string, ...args: A): T[] {
  const out: T[] = [];
  for (const provider of list) out.push(...session.guard(`${what}/${provider.name}`, () => provider(...args), [] as T[]));
  return out;
}
