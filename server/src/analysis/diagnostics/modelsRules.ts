// The model, field, relation, admin, serializer and settings rules (issue 4), in the order Django runs its checks; registry.ts
// appends them to RULES.
import { DECIMAL_RULES } from "./fieldsDecimal";
import { FIELD_RULES } from "./fieldsChecks";
import { IMPORT_CRASH_RULES } from "./fieldsImportCrash";
import { mtiFieldClash } from "./modelCrash";
import { MODEL_CHECK_RULES } from "./modelChecks";
import { META_RULES } from "./modelChecksMeta";
import { RELATION_RULES } from "./relations";
import { RELATION_OPTION_RULES } from "./relationsOptions";
import { TABLE_RULES } from "./relationsTable";
import { THROUGH_RULES } from "./relationsThrough";
import { ADMIN_CHECK_RULES } from "./adminChecks";
import { adminRegisterCrash } from "./adminRegister";
import { SERIALIZER_RULES } from "./serializers";
import { SETTINGS_CHECK_RULES } from "./settingsChecks";
import { unknownDatabaseAlias } from "./settingsDatabaseAlias";
import type { Rule } from "./types";

export const MODEL_RULES: Rule[] = [
  ...IMPORT_CRASH_RULES,
  mtiFieldClash,
  ...FIELD_RULES,
  ...DECIMAL_RULES,
  ...RELATION_RULES,
  ...RELATION_OPTION_RULES,
  ...THROUGH_RULES,
  ...TABLE_RULES,
  ...MODEL_CHECK_RULES,
  ...META_RULES,
  adminRegisterCrash,
  ...ADMIN_CHECK_RULES,
  ...SERIALIZER_RULES,
  ...SETTINGS_CHECK_RULES,
  unknownDatabaseAlias,
];
