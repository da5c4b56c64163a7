// Django's template Lexer, reproduced in linear time. Django splits a template with
// `({%.*?%}|{{.*?}}|{#.*?#})` (no DOTALL: a tag never spans lines) and, after `{% verbatim %}`,
// treats everything as text until the matching `{% endverbatim %}`. A regex with a lazy `.*?`
// rescans to the end of the line at every unclosed opener, which is quadratic on a long line full
// of `{%`; this scanner remembers the next closer and the next newline instead, so a 2 MB template
// with unclosed tags is one pass.
import type { Position, Range } from "../../python/types";

export type TokenKind = "text" | "var" | "block" | "comment";

export interface Token {
  kind: TokenKind;
  /** For var/block/comment: the inside, stripped (Django's `token.contents`). */
  contents: string;
  /** Offsets of the whole token in the text (`{%` … `%}` included). */
  start: number;
  end: number;
  /** Offset of `contents` in the text. */
  contentStart: number;
}

const OPEN: Record<string, TokenKind> = { "%": "block", "{": "var", "#": "comment" };
const CLOSE: Record<TokenKind, string> = { block: "%}", var: "}}", comment: "#}", text: "" };

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Cached "next occurrence at or after" for each closer and for the newline: each moves forward
  // only, which keeps the scan linear.
  const nextAt: Record<string, number> = { "%}": -2, "}}": -2, "#}": -2, "\n": -2 };
  const find = (needle: string, from: number): number => {
    const cached = nextAt[needle];
    if (cached === -1 || cached >= from) return cached;
    const found = text.indexOf(needle, from);
    nextAt[needle] = found;
    return found;
  };
  let verbatim: string | null = null;
  let textStart = 0;
  let i = text.indexOf("{");
  while (i >= 0 && i < text.length - 1) {
    const kind = OPEN[text[i + 1]];
    if (!kind) {
      i = text.indexOf("{", i + 1);
      continue;
    }
    const close = find(CLOSE[kind], i + 2);
    const eol = find("\n", i);
    if (close < 0 || (eol >= 0 && eol < close)) {
      i = text.indexOf("{", i + 1);
      continue;
    }
    const end = close + 2;
    const raw = text.slice(i + 2, close);
    const lead = raw.length - raw.trimStart().length;
    const contents = raw.trim();
    // Inside verbatim only the matching end tag is a tag (Lexer.create_token).
    const isTag = verbatim === null || (kind === "block" && contents === verbatim);
    if (isTag) {
      if (textStart < i) tokens.push({ kind: "text", contents: text.slice(textStart, i), start: textStart, end: i, contentStart: textStart });
      tokens.push({ kind, contents, start: i, end, contentStart: i + 2 + lead });
      textStart = end;
      if (kind === "block") {
        if (verbatim !== null) verbatim = null;
        else if (contents === "verbatim" || contents.startsWith("verbatim ")) verbatim = "end" + contents;
      }
    }
    // The regex consumed the whole match even when verbatim turned it into text.
    i = text.indexOf("{", end);
  }
  if (textStart < text.length) tokens.push({ kind: "text", contents: text.slice(textStart), start: textStart, end: text.length, contentStart: textStart });
  return tokens;
}

/** Offset ↔ position conversion over precomputed line starts (UTF-16 columns, as JS strings). */
export class LineMap {
  private starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  offset(pos: Position): number {
    const start = this.starts[Math.min(Math.max(pos.line, 0), this.starts.length - 1)];
    return Math.min(start + pos.character, this.text.length);
  }
}

export interface Bit {
  text: string;
  /** Offset in the template text. */
  start: number;
}

/**
 * Django's `smart_split` over a tag's contents: words separated by whitespace, with quoted
 * strings (and `_("…")`) kept whole even when they hold spaces.
 */
export function splitBits(contents: string, base: number): Bit[] {
  const out: Bit[] = [];
  const re = /((?:[^\s'"]*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')[^\s'"]*)+)|\S+)/g;
  for (let m = re.exec(contents); m; m = re.exec(contents)) out.push({ text: m[0], start: base + m.index });
  return out;
}

/** The value of a quoted string bit (`"x"` or `'x'`), else null. */
export function unquote(bit: string): string | null {
  if (bit.length >= 2 && (bit[0] === '"' || bit[0] === "'") && bit[bit.length - 1] === bit[0]) return bit.slice(1, -1);
  return null;
}
