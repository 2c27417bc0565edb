/**
 * The Ukrainian catalogue (filled by the translations work; a missing key shows the English text).
 * Plural forms: one, few, many, other (Intl.PluralRules("uk")).
 */
import { monitorMessagesUk } from "../views/monitoring/messages-uk.js";
import type { Catalogue } from "./index.js";

export const uk: Catalogue = {
  "app.language": "Мова",
  ...monitorMessagesUk,
};
