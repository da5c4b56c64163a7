// What every diagnostic rule produces; LSP conversion happens in features/.
import type { DjangoProject } from "../../project/project";
import type { Range } from "../../python/types";

export type Severity = "error" | "warning" | "information" | "hint";

export interface Finding {
  file: string;
  range: Range;
  code: string;
  severity: Severity;
  message: string;
  /** Extra facts for quick fixes (a suggested replacement …). */
  data?: Record<string, unknown>;
}

export interface Rule {
  /** Django's check ID where Django has one, else `lens.<kebab-name>`. */
  code: string;
  defaultSeverity: Severity;
  description: string;
  run(project: DjangoProject): Omit<Finding, "code" | "severity">[];
}
