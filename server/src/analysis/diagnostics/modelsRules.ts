// The model, field and relation rules (issue 4), in the order Django runs its checks; registry.ts
// appends them to RULES.
import { DECIMAL_RULES } from "./fieldsDecimal";
import { FIELD_RULES } from "./fieldsChecks";
import { IMPORT_CRASH_RULES } from "./fieldsImportCrash";
import type { Rule } from "./types";

export const MODEL_RULES: Rule[] = [...IMPORT_CRASH_RULES, ...FIELD_RULES, ...DECIMAL_RULES];
