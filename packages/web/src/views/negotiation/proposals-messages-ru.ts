/** Russian messages of the negotiation page's proposals panel (proposals-panel.ts). */
import type { proposalsMessages } from "./proposals-messages.js";

export const proposalsMessagesRu: Record<keyof typeof proposalsMessages, string> = {
  "proposals.title": "Предложения ({count})",
  "proposals.none": "Пока ничего не внесено.",
  "proposals.byDelegation": "делегация: {actor}",
  "proposals.byMediator": "посредник",
  "proposals.counterTitle": "Встречное предложение {id} к {parent}",
  "proposals.proposalTitle": "Предложение {id}",
  "proposals.counter": "Встречное предложение к {id}",
  "proposals.meta": "Раунд {round} · автор: {author} · {time}",
  "proposals.ask": "Примут ли все делегации предложение {id}?",
  "proposals.allAccept":
    "Все делегации приняли бы его (бюджет раскрытия: израсходовано {spent} из {budget} бит)",
  "proposals.notAll":
    "Не все делегации приняли бы его (бюджет раскрытия: израсходовано {spent} из {budget} бит)",
  "proposals.latestScore": "Ваша последняя закрытая оценка: {score}",
  "proposals.latestScoreComment": "Ваша последняя закрытая оценка: {score} — «{comment}»",
  "proposals.notScored": "Оценки пока нет.",
  "proposals.scoreFor": "Закрытая оценка для {actor} (0–1)",
  "proposals.comment": "Комментарий (закрытый)",
  "proposals.saveScore": "Сохранить оценку",
  "proposals.scoreSaved": "Оценка {score} сохранена для предложения {id}",
  "proposals.privateToYou": "Видно только вашей делегации",
  "proposals.numberLabel": "{label} ({unit}, {min}–{max})",
  "proposals.tableAs": "Внести от имени",
  "proposals.note": "Примечание (публичное)",
  "proposals.newInstead": "Сделать новым предложением",
  "proposals.countering": "Встречное к предложению {id}.",
  "proposals.tableTitle": "Внести предложение",
  "proposals.submit": "Внести предложение",
  "proposals.incomplete": "пакет заполнен не полностью",
  "proposals.tabled": "Предложение {id} внесено",
};
