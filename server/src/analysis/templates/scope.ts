// What a template may use at each point: the built-in tags and filters (for the project's Django
// version), OPTIONS["builtins"], and the libraries `{% load %}`ed earlier in the same file, as
// Django's Parser adds them. When something loaded cannot be read (a library outside the
// workspace, a registration we do not model), the scope becomes "open" from there on: any name may
// be valid and nothing is called unknown.
import type { DjangoProject } from "../../project/project";
import { BUILTIN_FILTERS, BUILTIN_TAGS, DJANGO_LIBRARIES, type TagInfo, inVersion } from "./builtins";
import { type Library, type LibraryTable, libraryTable } from "./libraries";
import type { LoadNode, TemplateDoc } from "./parse";

export interface ScopeState {
  tags: Map<string, TagSource>;
  filters: Map<string, TagSource>;
  /** End and middle tags the loaded custom libraries' compile functions may consume. */
  consumed: Set<string>;
  /** Something loaded is not fully known. */
  open: boolean;
}

/** Where a tag or filter comes from: a built-in (`library` null) or a library. */
export interface TagSource {
  library: Library | null;
  builtin?: TagInfo;
  /** For a simple_block_tag: its end tag. */
  end?: string;
}

export function djangoVersionFor(project: DjangoProject): { major: number; minor: number } | null {
  const v = project.djangoVersion();
  // A guessed version must not decide that a tag is missing.
  return v.from === "default" ? null : v;
}

export function initialScope(
  project: DjangoProject,
  table: LibraryTable = libraryTable(project),
  version: { major: number; minor: number } | null = djangoVersionFor(project),
): ScopeState {
  const scope: ScopeState = { tags: new Map(), filters: new Map(), consumed: new Set(), open: !table.builtinsComplete };
  for (const tag of BUILTIN_TAGS) if (inVersion(tag, version)) scope.tags.set(tag.name, { library: null, builtin: tag });
  for (const f of BUILTIN_FILTERS) if (inVersion(f, version)) scope.filters.set(f.name, { library: null });
  for (const lib of table.builtins) addLibrary(scope, lib, null);
  return scope;
}

function addLibrary(scope: ScopeState, lib: Library, only: string[] | null): void {
  const builtin = DJANGO_LIBRARIES.find((l) => l.module === lib.module);
  for (const [name, reg] of lib.tags) {
    if (only && !only.includes(name)) continue;
    scope.tags.set(name, { library: lib, builtin: builtin?.tags.find((t) => t.name === name), end: reg.end });
  }
  for (const name of lib.filters.keys()) if (!only || only.includes(name)) scope.filters.set(name, { library: lib });
  for (const c of lib.consumed) scope.consumed.add(c);
  if (!lib.complete) scope.open = true;
}

/** Applies one `{% load %}`; returns the library names it could not find. */
export function applyLoad(scope: ScopeState, load: LoadNode, table: LibraryTable): { value: string; start: number; end: number }[] {
  const missing: { value: string; start: number; end: number }[] = [];
  for (const ref of load.libraries) {
    const lib = table.byName.get(ref.value);
    if (lib) addLibrary(scope, lib, load.only ? load.only.map((o) => o.value) : null);
    else {
      // Not in our table: maybe from an app we cannot see; then anything may have come in.
      if (!table.complete) scope.open = true;
      missing.push(ref);
    }
  }
  return missing;
}

/** The scope in effect at `offset` of a template (loads before it applied). */
export function scopeAt(project: DjangoProject, doc: TemplateDoc, offset: number): ScopeState {
  const table = libraryTable(project);
  const scope = initialScope(project, table);
  for (const load of doc.loads) if (load.tag.token.end <= offset) applyLoad(scope, load, table);
  return scope;
}

/** The block structure (end and middle tags) of every block tag available in `scope`. */
export function blockTagsOf(scope: ScopeState): Map<string, { end: string[]; middle: string[] }> {
  const out = new Map<string, { end: string[]; middle: string[] }>();
  for (const [name, src] of scope.tags) {
    if (src.builtin?.end) out.set(name, { end: src.builtin.end, middle: src.builtin.middle ?? [] });
    else if (src.end) out.set(name, { end: [src.end], middle: [] });
  }
  return out;
}
