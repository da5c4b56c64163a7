// Python `re` syntax (str patterns, as Django compiles them) translated to an equivalent JS RegExp.
// Python and JS differ in ways that matter for URL matching: `$` also matches before a final "\n",
// `\Z` is JS's `$`, `\d`/`\w`/`\s`/`\b` are Unicode-aware for str patterns (`\d` matches Arabic-Indic
// digits, for instance), `.` excludes only "\n", `{` is a literal unless it forms a quantifier,
// `[]abc]` starts with a literal `]`, and flags may be inline (`(?i)`, `(?i:…)`). We never use JS's
// `m`/`s` flags: every anchor and dot is spelled out, so the result does not depend on them.
// Anything we cannot translate faithfully gives an error rather than an approximation.

export interface PyRegex {
  /** The JS regex; `fullmatch` adds `^(?:…)$` around the same body. */
  regex: RegExp;
  body: string;
  flags: string;
  /** Named groups in order of their opening parenthesis. */
  groupNames: string[];
  /** Number of capturing groups. */
  groupCount: number;
}

export type PyRegexResult = PyRegex | { error: string };

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  a: boolean;
}

// Python's \s for str patterns: str.isspace() characters.
const SPACE_CHARS = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const WORD_UNI = "\\p{L}\\p{N}_";
const WORD_ASCII = "A-Za-z0-9_";

function classItems(letter: string, f: Flags): string | null {
  switch (letter) {
    case "d":
      return f.a ? "0-9" : "\\p{Nd}";
    case "D":
      return f.a ? null : "\\P{Nd}";
    case "w":
      return f.a ? WORD_ASCII : WORD_UNI;
    case "s":
      return f.a ? "\\t\\n\\v\\f\\r " : SPACE_CHARS;
    default:
      return null; // \W, \S (and ASCII \D) cannot be nested in a JS `u` class
  }
}

function shorthand(letter: string, f: Flags): string {
  switch (letter) {
    case "d":
      return f.a ? "[0-9]" : "\\p{Nd}";
    case "D":
      return f.a ? "[^0-9]" : "\\P{Nd}";
    case "w":
      return `[${f.a ? WORD_ASCII : WORD_UNI}]`;
    case "W":
      return `[^${f.a ? WORD_ASCII : WORD_UNI}]`;
    case "s":
      return `[${f.a ? "\\t\\n\\v\\f\\r " : SPACE_CHARS}]`;
    default:
      return `[^${f.a ? "\\t\\n\\v\\f\\r " : SPACE_CHARS}]`;
  }
}

const JS_SYNTAX = new Set("^$\\.*+?()[]{}|/".split(""));

/** A literal character for a JS `u` regex, outside or inside a class. */
function lit(ch: string, inClass: boolean): string {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, "0")}`;
  if (JS_SYNTAX.has(ch) || (inClass && ch === "-")) return "\\" + ch;
  return ch;
}

class Translator {
  private pos = 0;
  private out = "";
  groupNames: string[] = [];
  groupCount = 0;
  private flagStack: Flags[];

  constructor(
    private readonly src: string,
    flags: Flags,
  ) {
    this.flagStack = [flags];
  }

  private get f(): Flags {
    return this.flagStack[this.flagStack.length - 1];
  }

  fail(msg: string): never {
    throw new TranslateError(`${msg} at position ${this.pos}`);
  }

  run(): string {
    this.sequence(0);
    if (this.pos < this.src.length) this.fail("unbalanced parenthesis");
    return this.out;
  }

  private peek(n = 0): string {
    return this.src[this.pos + n] ?? "";
  }

  /** Reads one code point (surrogate pairs stay together). */
  private next(): string {
    const cp = this.src.codePointAt(this.pos);
    if (cp === undefined) this.fail("unexpected end of pattern");
    const ch = String.fromCodePoint(cp);
    this.pos += ch.length;
    return ch;
  }

  private sequence(depth: number): void {
    while (this.pos < this.src.length) {
      const ch = this.peek();
      if (ch === ")") {
        if (depth === 0) this.fail("unbalanced parenthesis");
        return;
      }
      if (this.f.x && /\s/.test(ch)) {
        this.pos++;
        continue;
      }
      if (this.f.x && ch === "#") {
        while (this.pos < this.src.length && this.peek() !== "\n") this.pos++;
        continue;
      }
      this.atomOrOperator(depth);
    }
  }

  private atomOrOperator(depth: number): void {
    const ch = this.next();
    switch (ch) {
      case "|":
        this.out += "|";
        return;
      case "^":
        this.out += this.f.m ? "(?<![^\\n])" : "^";
        return;
      case "$":
        this.out += this.f.m ? "(?=\\n|$)" : "(?=\\n?$)";
        return;
      case ".":
        this.out += this.f.s ? "[\\s\\S]" : "[^\\n]";
        return;
      case "*":
      case "+":
      case "?":
        this.out += ch;
        this.lazyOrPossessive();
        return;
      case "{": {
        const m = /^(\d*)(,(\d*))?\}/.exec(this.src.slice(this.pos));
        if (m && (m[1] !== "" || m[2] !== undefined)) {
          // Python: {m}, {m,}, {,n}, {m,n}, {,}; a lone `{` or `{x}` is a literal.
          const lo = m[1] === "" ? "0" : m[1];
          this.out += m[2] === undefined ? `{${lo}}` : `{${lo},${m[3]}}`;
          this.pos += m[0].length;
          this.lazyOrPossessive();
        } else this.out += "\\{";
        return;
      }
      case "[":
        this.charClass();
        return;
      case "(":
        this.group(depth);
        return;
      case "\\":
        this.escape();
        return;
      default:
        this.out += this.literal(ch);
    }
  }

  private lazyOrPossessive(): void {
    if (this.peek() === "?") {
      this.pos++;
      this.out += "?";
    } else if (this.peek() === "+") this.fail("possessive quantifiers are not supported");
  }

  /** A literal, case-folded by hand inside a scoped `(?i:…)` when the whole regex is not `i`. */
  private literal(ch: string): string {
    return lit(ch, false);
  }

  private group(depth: number): void {
    if (this.peek() !== "?") {
      this.groupCount++;
      this.out += "(";
      this.body(depth);
      return;
    }
    this.pos++; // "?"
    const c = this.next();
    if (c === ":") {
      this.out += "(?:";
      this.body(depth);
    } else if (c === "P") {
      const k = this.next();
      if (k === "<") {
        const end = this.src.indexOf(">", this.pos);
        if (end < 0) this.fail("missing >, unterminated name");
        const name = this.src.slice(this.pos, end);
        if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) this.fail(`bad character in group name '${name}'`);
        if (this.groupNames.includes(name)) this.fail(`redefinition of group name '${name}'`);
        this.pos = end + 1;
        this.groupCount++;
        this.groupNames.push(name);
        this.out += `(?<${name}>`;
        this.body(depth);
      } else if (k === "=") {
        const end = this.src.indexOf(")", this.pos);
        if (end < 0) this.fail("missing ), unterminated name");
        const name = this.src.slice(this.pos, end);
        if (!this.groupNames.includes(name)) this.fail(`unknown group name '${name}'`);
        this.pos = end + 1;
        this.out += `\\k<${name}>`;
      } else this.fail("unknown extension ?P" + k);
    } else if (c === "=" || c === "!") {
      this.out += `(?${c}`;
      this.body(depth);
    } else if (c === "<" && (this.peek() === "=" || this.peek() === "!")) {
      this.out += `(?<${this.next()}`;
      this.body(depth);
    } else if (c === "#") {
      const end = this.src.indexOf(")", this.pos);
      if (end < 0) this.fail("missing ), unterminated comment");
      this.pos = end + 1;
    } else if (/[aiLmsux-]/.test(c)) {
      this.inlineFlags(c, depth);
    } else this.fail(`unknown extension ?${c}`);
  }

  private body(depth: number): void {
    this.sequence(depth + 1);
    if (this.peek() !== ")") this.fail("missing ), unterminated subpattern");
    this.pos++;
    this.out += ")";
  }

  /** `(?imsx)` at the start (global; handled before translation) or `(?i-s:…)` scoped. */
  private inlineFlags(first: string, depth: number): void {
    const m = /^([aiLmsux]*)(?:-([imsx]*))?([:)])/.exec(first + this.src.slice(this.pos));
    if (!m) this.fail("bad inline flags");
    this.pos += m[0].length - 1;
    if (m[3] === ")") {
      // Global flags were collected up front; Python 3.11 rejects them anywhere but the start.
      if (this.out !== "" && !/^(\(\?[aiLmsux]+\))*$/.test(this.src.slice(0, this.pos))) {
        this.fail("global flags not at the start of the expression");
      }
      return;
    }
    const f = { ...this.f };
    const on = m[1];
    const off = m[2] ?? "";
    if (on.includes("i") || off.includes("i")) this.fail("scoped case-insensitivity is not supported");
    if (on.includes("L")) this.fail("locale flag is not supported");
    for (const ch of on) if (ch in f) (f as unknown as Record<string, boolean>)[ch] = true;
    for (const ch of off) if (ch in f) (f as unknown as Record<string, boolean>)[ch] = false;
    this.flagStack.push(f);
    this.out += "(?:";
    this.sequence(depth + 1);
    this.flagStack.pop();
    if (this.peek() !== ")") this.fail("missing ), unterminated subpattern");
    this.pos++;
    this.out += ")";
  }

  private escapeCode(inClass: boolean): string | { cls: string | null; letter: string } {
    const c = this.next();
    if ("dDwWsS".includes(c)) return { cls: inClass ? classItems(c, this.f) : shorthand(c, this.f), letter: c };
    switch (c) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      case "f":
        return "\f";
      case "v":
        return "\v";
      case "a":
        return "\x07";
      case "x": {
        const h = this.src.slice(this.pos, this.pos + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(h)) this.fail("incomplete escape \\x");
        this.pos += 2;
        return String.fromCharCode(parseInt(h, 16));
      }
      case "u":
      case "U": {
        const n = c === "u" ? 4 : 8;
        const h = this.src.slice(this.pos, this.pos + n);
        if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) this.fail(`incomplete escape \\${c}`);
        this.pos += n;
        const cp = parseInt(h, 16);
        if (cp > 0x10ffff) this.fail("bad escape");
        return String.fromCodePoint(cp);
      }
      case "0": {
        const m = /^[0-7]{0,2}/.exec(this.src.slice(this.pos))!;
        this.pos += m[0].length;
        return String.fromCharCode(parseInt("0" + m[0], 8));
      }
      default:
        if (/[A-Za-z]/.test(c) && !(inClass && c === "b")) {
          return { cls: null, letter: c }; // \A \Z \b \B \N and unknown letters: handled by the caller
        }
        if (inClass && c === "b") return "\b";
        if (/[1-9]/.test(c)) return { cls: null, letter: c };
        return c; // an escaped punctuation or other character is itself
    }
  }

  private escape(): void {
    const start = this.pos;
    const e = this.escapeCode(false);
    if (typeof e === "string") {
      this.out += lit(e, false);
      return;
    }
    if (e.cls !== null) {
      this.out += e.cls;
      return;
    }
    const w = this.f.a ? WORD_ASCII : WORD_UNI;
    switch (e.letter) {
      case "A":
        this.out += "^";
        return;
      case "Z":
        this.out += "$";
        return;
      case "b":
        this.out += `(?:(?<=[${w}])(?![${w}])|(?<![${w}])(?=[${w}]))`;
        return;
      case "B":
        this.out += `(?:(?<=[${w}])(?=[${w}])|(?<![${w}])(?![${w}]))`;
        return;
      default:
        break;
    }
    if (/[1-9]/.test(e.letter)) {
      // Backreference \N or \NN (Python reads up to two digits as a group number).
      let num = e.letter;
      if (/[0-9]/.test(this.peek()) && Number(num + this.peek()) <= this.groupCount) num += this.next();
      if (Number(num) > this.groupCount) this.fail(`invalid group reference ${num}`);
      this.out += `\\${num}(?:)`;
      return;
    }
    this.pos = start;
    this.fail(`bad escape \\${e.letter}`);
  }

  private charClass(): void {
    let out = "[";
    if (this.peek() === "^") {
      this.pos++;
      out += "^";
    }
    let first = true;
    let prevWasRangeable = false;
    for (;;) {
      if (this.pos >= this.src.length) this.fail("unterminated character set");
      const ch = this.peek();
      if (ch === "]" && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (ch === "-" && prevWasRangeable && this.peek(1) !== "]" && this.peek(1) !== "") {
        this.pos++;
        out += "-";
        prevWasRangeable = false;
        continue;
      }
      if (ch === "\\") {
        this.pos++;
        const e = this.escapeCode(true);
        if (typeof e === "string") {
          out += lit(e, true);
          prevWasRangeable = true;
        } else if (e.cls !== null) {
          out += e.cls;
          prevWasRangeable = false;
        } else this.fail(`bad escape \\${e.letter} in a character set`);
        continue;
      }
      out += lit(this.next(), true);
      prevWasRangeable = true;
    }
    this.out += out === "[" ? "(?!)" : out === "[^" ? "[\\s\\S]" : out + "]";
  }
}

class TranslateError extends Error {}

/** Leading global flags `(?aimsux)`, as Python reads them. */
function globalFlags(src: string): Flags {
  const f: Flags = { i: false, m: false, s: false, x: false, a: false };
  const re = /\(\?([aiLmsux]+)\)/y;
  let m: RegExpExecArray | null;
  // Flags may follow each other at the very start: (?i)(?s)…
  while ((m = re.exec(src))) for (const c of m[1]) if (c in f) (f as unknown as Record<string, boolean>)[c] = true;
  if (/\(\?[aiLmsux]+\)/.test(src.slice(re.lastIndex))) {
    // Also collect flags that appear later so the error path in the translator reports them.
    for (const mm of src.matchAll(/\(\?([aiLmsux]+)\)/g)) for (const c of mm[1]) if (c in f) (f as unknown as Record<string, boolean>)[c] = true;
  }
  return f;
}

const cache = new Map<string, PyRegexResult>();

/** Translates a Python regex (str pattern) to JS; memoised, as the same regexes recur. */
export function translatePyRegex(src: string): PyRegexResult {
  const hit = cache.get(src);
  if (hit) return hit;
  let result: PyRegexResult;
  try {
    const flags = globalFlags(src);
    const t = new Translator(src, flags);
    const body = t.run();
    const jsFlags = "u" + (flags.i ? "i" : "");
    result = { regex: new RegExp(body, jsFlags), body, flags: jsFlags, groupNames: t.groupNames, groupCount: t.groupCount };
  } catch (err) {
    result = { error: err instanceof Error ? err.message : String(err) };
  }
  if (cache.size > 5000) cache.clear();
  cache.set(src, result);
  return result;
}

/** Python's `re.search(pattern, s)` and `re.fullmatch` over a translated regex. */
export function pySearch(r: PyRegex, s: string, full = false): RegExpExecArray | null {
  if (!full) return r.regex.exec(s);
  let re = fullCache.get(r);
  if (!re) {
    re = new RegExp(`^(?:${r.body})$`, r.flags);
    fullCache.set(r, re);
  }
  return re.exec(s);
}
const fullCache = new WeakMap<PyRegex, RegExp>();

/** Python's `re.escape` (3.7+): escapes only the characters special in a pattern. */
export function pyReEscape(s: string): string {
  return s.replace(/[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g, (c) => "\\" + c);
}
