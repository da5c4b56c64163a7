// The reverse()/redirect() checks of one Python file (lens.unknown-url-name, lens.url-arguments),
// memoised per file and compared by value. They read the file's URL-name references (directly, not
// through their memo: one memo fewer per file to check after each keystroke) and the URL
// map's name table (names, namespaces, argument shapes), itself compared by value: a keystroke in
// one file re-checks that file only, and a map change that keeps every name and shape re-checks
// nothing. The rules concatenate these per-file results.
import { deepEqual } from "../../project/equal";
import type { DjangoProject } from "../../project/project";
import { projectPythonFiles } from "../templates/pythonRefs";
import { readUrlNameRefs, reverseShapes, urlNameTable } from "../urls/names";
import type { Finding } from "./types";

type Raw = Omit<Finding, "code" | "severity">;

export interface UrlNameFindings {
  unknownName: Raw[];
  arguments: Raw[];
}

const NONE: UrlNameFindings = { unknownName: [], arguments: [] };

export function urlNameFindings(project: DjangoProject, file: string): UrlNameFindings {
  return project.index.memo(
    `url-name-findings:${project.managePy}:${project.options.settingsModule ?? ""}:${project.options.djangoVersion ?? ""}:${file}`,
    () => {
      const refs = readUrlNameRefs(project, file);
      if (!refs.length) return NONE;
      // Only when the whole URL map is known: anything dynamic silences both checks.
      const table = urlNameTable(project);
      if (!table.root || !table.complete) return NONE;
      const out: UrlNameFindings = { unknownName: [], arguments: [] };
      for (const ref of refs) {
        if (ref.otherUrlconf) continue;
        const found = reverseShapes(table, ref.name);
        if ("error" in found) {
          // redirect("/path/") and redirect("page.html") are URLs, not names, when reverse() fails.
          if (ref.kind === "redirect" && (ref.name.includes("/") || ref.name.includes("."))) continue;
          out.unknownName.push({ file: ref.file, range: ref.range, message: found.error, data: { name: ref.name } });
          continue;
        }
        if (ref.args === null || ref.kwargs === null) continue;
        if (ref.args.length && ref.kwargs.length) continue; // Django raises ValueError: a different problem
        const shapes = found.shapes;
        if (shapes.some((s) => s === null)) continue;
        const args = ref.args;
        const kwargs = ref.kwargs;
        const fits = shapes.some((s) => {
          const { params, defaults } = s!;
          if (args.length) return args.length === params.length;
          const given = new Set(kwargs);
          const all = new Set([...params, ...defaults]);
          return params.every((p) => given.has(p) || defaults.includes(p)) && [...given].every((k) => all.has(k));
        });
        if (fits) continue;
        const expected = [...new Set(shapes.map((s) => `(${s!.params.join(", ")})`))].join(" or ");
        const given = args.length ? `${args.length} positional argument${args.length === 1 ? "" : "s"}` : kwargs.length ? `keyword arguments (${kwargs.join(", ")})` : "no arguments";
        out.arguments.push({
          file: ref.file,
          range: ref.range,
          message: `Reverse for '${ref.name}' with ${given} cannot match: the pattern takes ${expected}.`,
          data: { name: ref.name },
        });
      }
      return out.unknownName.length || out.arguments.length ? out : NONE;
    },
    { equals: deepEqual },
  );
}

/** One of the two checks over every Python file of the project. */
export function urlNameFindingsOf(project: DjangoProject, which: keyof UrlNameFindings): Raw[] {
  const out: Raw[] = [];
  for (const file of projectPythonFiles(project)) for (const f of urlNameFindings(project, file)[which]) out.push(f);
  return out;
}
