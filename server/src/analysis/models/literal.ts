// Plain values of literal expressions (strings, numbers, constants, containers of them), for Meta
// options and field arguments. Anything computed is NOT_STATIC: rules make no claim about it.
import type { Expr } from "../../python/types";

export const NOT_STATIC: unique symbol = Symbol("not static");
export type Literal = string | number | boolean | null | Literal[] | { [key: string]: Literal };

export function literal(e: Expr | null | undefined): Literal | typeof NOT_STATIC {
  if (!e) return NOT_STATIC;
  switch (e.kind) {
    case "str":
      return e.exact && !e.bytes ? e.value : NOT_STATIC;
    case "num":
      return e.value;
    case "const":
      return e.value;
    case "unary":
      if (e.op === "-" && e.operand.kind === "num") return -e.operand.value;
      return NOT_STATIC;
    case "list":
    case "tuple": {
      const out: Literal[] = [];
      for (const x of e.elts) {
        const v = literal(x);
        if (v === NOT_STATIC) return NOT_STATIC;
        out.push(v);
      }
      return out;
    }
    case "dict": {
      const out: { [key: string]: Literal } = {};
      for (const item of e.items) {
        const k = item.key ? literal(item.key) : NOT_STATIC;
        const v = literal(item.value);
        if ((typeof k !== "string" && typeof k !== "number") || v === NOT_STATIC) return NOT_STATIC;
        out[String(k)] = v;
      }
      return out;
    }
    default:
      return NOT_STATIC;
  }
}

/** True for an integer literal (Python int, not bool). */
export function isInt(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v);
}

/** A literal's value, or undefined when not static (for Meta option `value`). */
export function plainOrUndefined(e: Expr | null | undefined): unknown {
  const v = literal(e);
  return v === NOT_STATIC ? undefined : v;
}

/** The value of an integer literal (`5`, `-1`, `0x10`), else undefined; floats and bools are not ints. */
export function intValue(e: Expr | null | undefined): number | undefined {
  if (!e) return undefined;
  if (e.kind === "unary" && e.op === "-") {
    const v = intValue(e.operand);
    return v === undefined ? undefined : -v;
  }
  if (e.kind === "num" && /^(\d[\d_]*|0[xob][\da-f_]+)$/i.test(e.raw)) return e.value;
  return undefined;
}
