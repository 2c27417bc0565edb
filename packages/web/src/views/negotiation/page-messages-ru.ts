/** Russian messages of the negotiation page (page.ts). */
import type { pageMessages } from "./page-messages.js";

export const pageMessagesRu: Record<keyof typeof pageMessages, string> = {
  "negotiationPage.lead": "{venue} · сценарий «{title}» (версия {version}) · открыты {time}",
  "negotiationPage.yourRole": "Ваша роль здесь:",
  "negotiationPage.noRole": "нет",
  "negotiationPage.reload": "Обновить",
  "negotiationPage.audit": "Журнал аудита этих переговоров",
  "negotiationPage.auditNote":
    "Здесь записываются каждое предложение, каждая подача закрытых позиций (только как дайджест) и каждый вопрос посредника, чтобы каждая делегация видела, как часто спрашивал посредник.",
};
