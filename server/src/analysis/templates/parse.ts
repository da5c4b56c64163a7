// A tolerant reading of one Django template: the tags (outside `{% comment %}` blocks), the filter
// names used, and the references other analyses follow ({% extends %}, {% include %}, {% load %},
// {% block %}, {% url %}, {% static %}). It never fails: a tag it does not understand is kept with
// its bits, an unclosed comment is reported, not thrown. Positions are offsets into the text; the
// LineMap converts them.
import { type Bit, LineMap, type Token, splitBits, tokenize, unquote } from "./lexer";

export interface TagNode {
  name: string;
  /** The tag's words, the name first (Django's `token.split_contents()`). */
  bits: Bit[];
  token: Token;
}

/** A name written in a template, with the offsets of its text (quotes excluded for strings). */
export interface NameRef {
  value: string;
  start: number;
  end: number;
}

export interface LoadNode {
  tag: TagNode;
  /** The libraries named (`{% load a b %}`, or the library of `{% load x y from lib %}`). */
  libraries: NameRef[];
  /** For `{% load x y from lib %}`: only these names become available. */
  only: NameRef[] | null;
}

export interface BlockNode {
  name: NameRef;
  tag: TagNode;
}

export interface UrlNode {
  /** The quoted view name; null for a variable. */
  name: NameRef | null;
  /** `{% url … as var %}` swallows NoReverseMatch. */
  asVar: boolean;
  tag: TagNode;
}

export interface TemplateDoc {
  text: string;
  lines: LineMap;
  tokens: Token[];
  tags: TagNode[];
  filters: NameRef[];
  extendsRef: NameRef | null;
  /** `{% extends var %}`: the parent is not known statically. */
  dynamicExtends: boolean;
  includes: NameRef[];
  loads: LoadNode[];
  blocks: BlockNode[];
  urls: UrlNode[];
  statics: NameRef[];
  /** A `{% comment %}` without `{% endcomment %}`. */
  unclosedComment: TagNode | null;
}

/** Tags whose arguments Django compiles as filter expressions, so `|name` there is a filter. */
const FILTER_TAGS = new Set([
  "if", "elif", "for", "with", "firstof", "cycle", "url", "include", "widthratio", "regroup",
  "blocktrans", "blocktranslate", "trans", "translate", "static", "now", "ifchanged",
]);

export function parseTemplate(text: string): TemplateDoc {
  const tokens = tokenize(text);
  const doc: TemplateDoc = {
    text,
    lines: new LineMap(text),
    tokens,
    tags: [],
    filters: [],
    extendsRef: null,
    dynamicExtends: false,
    includes: [],
    loads: [],
    blocks: [],
    urls: [],
    statics: [],
    unclosedComment: null,
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.kind === "var") {
      filtersIn(tok.contents, tok.contentStart, doc.filters, false);
      continue;
    }
    if (tok.kind !== "block" || !tok.contents) continue;
    const bits = splitBits(tok.contents, tok.contentStart);
    const tag: TagNode = { name: bits[0].text, bits, token: tok };
    doc.tags.push(tag);
    if (tag.name === "comment") {
      // Parser.skip_past("endcomment"): nothing inside is parsed.
      let j = i + 1;
      while (j < tokens.length && !(tokens[j].kind === "block" && tokens[j].contents === "endcomment")) j++;
      if (j >= tokens.length) {
        doc.unclosedComment = tag;
        break;
      }
      const endTok = tokens[j];
      doc.tags.push({ name: "endcomment", bits: splitBits(endTok.contents, endTok.contentStart), token: endTok });
      i = j;
      continue;
    }
    readTag(doc, tag);
  }
  return doc;
}

function stringRef(bit: Bit | undefined): NameRef | null {
  if (!bit) return null;
  const v = unquote(bit.text);
  return v === null ? null : { value: v, start: bit.start + 1, end: bit.start + bit.text.length - 1 };
}

function readTag(doc: TemplateDoc, tag: TagNode): void {
  const { bits } = tag;
  const args = tag.token.contents.slice(bits[0].text.length);
  const argsStart = bits[0].start + bits[0].text.length;
  switch (tag.name) {
    case "extends": {
      const ref = stringRef(bits[1]);
      if (ref) doc.extendsRef ??= ref;
      else if (bits[1]) doc.dynamicExtends = true;
      return;
    }
    case "include": {
      const ref = stringRef(bits[1]);
      if (ref) doc.includes.push(ref);
      break;
    }
    case "load": {
      const names = bits.slice(1);
      const from = names.length >= 3 && names[names.length - 2].text === "from";
      const ref = (b: Bit): NameRef => ({ value: b.text, start: b.start, end: b.start + b.text.length });
      if (from) doc.loads.push({ tag, libraries: [ref(names[names.length - 1])], only: names.slice(0, -2).map(ref) });
      else doc.loads.push({ tag, libraries: names.map(ref), only: null });
      return;
    }
    case "block":
      if (bits[1]) doc.blocks.push({ name: { value: bits[1].text, start: bits[1].start, end: bits[1].start + bits[1].text.length }, tag });
      return;
    case "url":
      doc.urls.push({ name: stringRef(bits[1]), asVar: bits.length >= 4 && bits[bits.length - 2].text === "as", tag });
      break;
    case "static": {
      const ref = stringRef(bits[1]);
      if (ref) doc.statics.push(ref);
      break;
    }
    case "filter":
      // `{% filter a|b %}` compiles "var|a|b": its first word is a filter name too.
      filtersIn(args, argsStart, doc.filters, true);
      return;
    default:
      break;
  }
  if (FILTER_TAGS.has(tag.name)) filtersIn(args, argsStart, doc.filters, false);
}

/** Filter names after each `|` outside quoted strings; `leading`: the first word is one too. */
function filtersIn(expr: string, base: number, out: NameRef[], leading: boolean): void {
  const nameAt = (from: number) => {
    let s = from;
    while (s < expr.length && (expr[s] === " " || expr[s] === "\t")) s++;
    let e = s;
    while (e < expr.length && /\w/.test(expr[e])) e++;
    if (e > s) out.push({ value: expr.slice(s, e), start: base + s, end: base + e });
  };
  if (leading) nameAt(0);
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '"' || c === "'") {
      const close = expr.indexOf(c, i + 1);
      if (close < 0) return;
      i = close;
    } else if (c === "|") nameAt(i + 1);
  }
}

/** The innermost tag whose `{% … %}` holds `offset` (end inclusive, for a cursor after `%}`'s start). */
export function tagAt(doc: TemplateDoc, offset: number): TagNode | undefined {
  let lo = 0;
  let hi = doc.tags.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const tok = doc.tags[mid].token;
    if (offset < tok.start) hi = mid - 1;
    else if (offset > tok.end) lo = mid + 1;
    else return doc.tags[mid];
  }
  return undefined;
}

/** The ref (of any kind) whose text holds `offset`. */
export function refAt(refs: NameRef[], offset: number): NameRef | undefined {
  return refs.find((r) => offset >= r.start && offset <= r.end);
}
