/** Russian messages of the negotiation page's members and rounds panel (members-panel.ts). */
import type { membersMessages } from "./members-messages.js";

export const membersMessagesRu: Record<keyof typeof membersMessages, string> = {
  "members.title": "Участники и роли",
  "members.colUser": "Пользователь",
  "members.colRole": "Роль",
  "members.colRepresents": "Представляет",
  "members.none": "Участников пока нет.",
  "members.add": "Добавить участника",
  "members.fieldUser": "Пользователь",
  "members.fieldRole": "Роль",
  "members.fieldActor": "Представляет (только для делегаций)",
  "members.submit": "Добавить участника",
  "members.added": "Участник добавлен",
  "members.rounds": "Раунды",
  "members.noRounds": "Ни один раунд ещё не открыт; предложения вносятся в текущий раунд.",
  "members.fieldRound": "Название следующего раунда",
  "members.openRound": "Открыть раунд",
  "members.roundOpened": "Раунд {number} открыт",
};
