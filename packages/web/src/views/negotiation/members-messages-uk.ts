/** Ukrainian messages of the negotiation page's members and rounds panel (members-panel.ts). */
import type { membersMessages } from "./members-messages.js";

export const membersMessagesUk: Record<keyof typeof membersMessages, string> = {
  "members.title": "Учасники та ролі",
  "members.colUser": "Користувач",
  "members.colRole": "Роль",
  "members.colRepresents": "Представляє",
  "members.none": "Учасників поки немає.",
  "members.add": "Додати учасника",
  "members.fieldUser": "Користувач",
  "members.fieldRole": "Роль",
  "members.fieldActor": "Представляє (лише для делегацій)",
  "members.submit": "Додати учасника",
  "members.added": "Учасника додано",
  "members.rounds": "Раунди",
  "members.noRounds": "Жоден раунд ще не відкрито; пропозиції вносяться до поточного раунду.",
  "members.fieldRound": "Назва наступного раунду",
  "members.openRound": "Відкрити раунд",
  "members.roundOpened": "Раунд {number} відкрито",
};
