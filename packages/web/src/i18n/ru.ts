/**
 * The Russian catalogue (filled by the translations work; a missing key shows the English text).
 * Plural forms: one, few, many, other (Intl.PluralRules("ru")).
 */
import { monitorMessagesRu } from "../views/monitoring/messages-ru.js";
import type { Catalogue } from "./index.js";

export const ru: Catalogue = {
  "app.language": "Язык",
  ...monitorMessagesRu,
};
