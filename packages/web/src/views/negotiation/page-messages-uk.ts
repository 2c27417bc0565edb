/** Ukrainian messages of the negotiation page (page.ts). */
import type { pageMessages } from "./page-messages.js";

export const pageMessagesUk: Record<keyof typeof pageMessages, string> = {
  "negotiationPage.lead": "{venue} · сценарій «{title}» (версія {version}) · відкрито {time}",
  "negotiationPage.yourRole": "Ваша роль тут:",
  "negotiationPage.noRole": "немає",
  "negotiationPage.reload": "Оновити",
  "negotiationPage.audit": "Журнал аудиту цих переговорів",
  "negotiationPage.auditNote":
    "Тут записано кожну пропозицію, кожне подання закритих позицій (лише як дайджест) і кожне запитання посередника, щоб кожна делегація бачила, як часто питав посередник.",
};
