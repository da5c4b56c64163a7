// The tree cursor operations the summarizer walks a tree with, in two flavours:
//
// - `publicCursorOps`: web-tree-sitter's public TreeCursor. Every call copies the cursor's four words
//   into WASM memory and back (`marshalTreeCursor`, each a generic `setValue`), which is most of the
//   cost of a walk.
// - `rawCursorOps`: the same C functions (`ts_tree_cursor_*_wasm` from web-tree-sitter's binding),
//   called directly. The cursor then lives only in the binding's transfer buffer between calls, so
//   nothing is copied. This relies on internals of web-tree-sitter 0.25 (the Emscripten module object
//   is the options object given to `Parser.init`, and its binding keeps the current cursor in its
//   transfer buffer); `parser.ts` registers the module, and when the functions are missing the
//   public cursor is used instead. test/unit/summaryGolden.test.ts checks both against the former
//   Node-based summarizer.
import type { Tree, TreeCursor } from "web-tree-sitter";

/** A walk over one tree; the summarizer reads the current node's fields and moves the cursor. */
export interface CursorWalk {
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  typeId(): number;
  fieldId(): number;
  startIndex(): number;
  endIndex(): number;
  /** Frees the cursor; call once, after the walk. */
  delete(): void;
}

class PublicWalk implements CursorWalk {
  private readonly c: TreeCursor;
  constructor(tree: Tree) {
    this.c = tree.walk();
  }
  gotoFirstChild(): boolean {
    return this.c.gotoFirstChild();
  }
  gotoNextSibling(): boolean {
    return this.c.gotoNextSibling();
  }
  gotoParent(): boolean {
    return this.c.gotoParent();
  }
  typeId(): number {
    return this.c.nodeTypeId;
  }
  fieldId(): number {
    return this.c.currentFieldId;
  }
  startIndex(): number {
    return this.c.startIndex;
  }
  endIndex(): number {
    return this.c.endIndex;
  }
  delete(): void {
    this.c.delete();
  }
}

/** The binding's exports used by RawWalk; each takes the tree's address. */
interface RawExports {
  _ts_tree_root_node_wasm(tree: number): void;
  _ts_tree_cursor_new_wasm(tree: number): void;
  _ts_tree_cursor_delete_wasm(tree: number): void;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
}

const RAW_NAMES: (keyof RawExports)[] = [
  "_ts_tree_root_node_wasm",
  "_ts_tree_cursor_new_wasm",
  "_ts_tree_cursor_delete_wasm",
  "_ts_tree_cursor_goto_first_child_wasm",
  "_ts_tree_cursor_goto_next_sibling_wasm",
  "_ts_tree_cursor_goto_parent_wasm",
  "_ts_tree_cursor_current_node_type_id_wasm",
  "_ts_tree_cursor_current_field_id_wasm",
  "_ts_tree_cursor_start_index_wasm",
  "_ts_tree_cursor_end_index_wasm",
];

/**
 * Walks with the binding's functions directly. The cursor is created from the root node the binding
 * leaves in its transfer buffer, stays there between calls (each C function reads it and writes
 * it back), and is deleted from there. No other web-tree-sitter call may run during the walk.
 */
class RawWalk implements CursorWalk {
  private readonly x: RawExports;
  private readonly t: number;
  private live = true;
  constructor(x: RawExports, tree: Tree) {
    this.x = x;
    this.t = (tree as unknown as { 0: number })[0];
    x._ts_tree_root_node_wasm(this.t);
    x._ts_tree_cursor_new_wasm(this.t);
  }
  gotoFirstChild(): boolean {
    return this.x._ts_tree_cursor_goto_first_child_wasm(this.t) === 1;
  }
  gotoNextSibling(): boolean {
    return this.x._ts_tree_cursor_goto_next_sibling_wasm(this.t) === 1;
  }
  gotoParent(): boolean {
    return this.x._ts_tree_cursor_goto_parent_wasm(this.t) === 1;
  }
  typeId(): number {
    return this.x._ts_tree_cursor_current_node_type_id_wasm(this.t);
  }
  fieldId(): number {
    return this.x._ts_tree_cursor_current_field_id_wasm(this.t);
  }
  startIndex(): number {
    return this.x._ts_tree_cursor_start_index_wasm(this.t) >>> 0;
  }
  endIndex(): number {
    return this.x._ts_tree_cursor_end_index_wasm(this.t) >>> 0;
  }
  delete(): void {
    if (!this.live) return;
    this.live = false;
    this.x._ts_tree_cursor_delete_wasm(this.t);
  }
}

let raw: RawExports | null = null;
let useRaw = true;

/** Registers the Emscripten module object (the options given to `Parser.init`), if it has the binding. */
export function registerWasmModule(module: unknown): void {
  if (!module || typeof module !== "object") return;
  const m = module as Record<string, unknown>;
  if (RAW_NAMES.every((n) => typeof m[n] === "function")) raw = m as unknown as RawExports;
}

/** For tests: force the public TreeCursor (false) or allow the direct calls (true, the default). */
export function setRawCursor(enabled: boolean): void {
  useRaw = enabled;
}

/** Whether walks call the binding directly. */
export function rawCursorActive(): boolean {
  return useRaw && raw !== null;
}

export function walkTree(tree: Tree): CursorWalk {
  return useRaw && raw !== null && (tree as unknown as { 0: unknown })[0] ? new RawWalk(raw, tree) : new PublicWalk(tree);
}
