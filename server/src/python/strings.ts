// Decodes the body of a Python string literal (without quotes and prefix).
const SIMPLE: Record<string, string> = {
  "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\n": "",
};

export function decodeStringLiteral(body: string, raw: boolean): string {
  if (raw || !body.includes("\\")) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\" || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[++i];
    if (next in SIMPLE) {
      out += SIMPLE[next];
    } else if (next === "x" || next === "u" || next === "U") {
      const len = next === "x" ? 2 : next === "u" ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + len);
      if (/^[0-9a-fA-F]+$/.test(hex) && hex.length === len) {
        out += String.fromCodePoint(parseInt(hex, 16));
        i += len;
      } else out += "\\" + next;
    } else if (/[0-7]/.test(next)) {
      let oct = next;
      while (oct.length < 3 && /[0-7]/.test(body[i + 1] ?? "")) oct += body[++i];
      out += String.fromCharCode(parseInt(oct, 8));
    } else if (next === "N" && body[i + 1] === "{") {
      // Unicode names need a table we do not ship: keep the escape as written.
      const end = body.indexOf("}", i);
      out += body.slice(i - 1, end + 1);
      i = end < 0 ? body.length : end;
    } else {
      out += "\\" + next;
    }
  }
  return out;
}
