/** Russian messages of the negotiation page's mediator panel (zone-panel.ts). */
import type { zoneMessages } from "./zone-messages.js";

export const zoneMessagesRu: Record<keyof typeof zoneMessages, string> = {
  "zone.title": "Посредник: производные ответы",
  "zone.note":
    "Ответы вычисляются сразу по закрытым позициям всех делегаций; ни позиция, ни красная линия никогда не показываются. Число вопросов ограничено, и каждый записывается в журнал аудита, который видят делегации. Чтобы спросить, примет ли каждая делегация внесённое предложение, нажмите кнопку под этим предложением.",
  "zone.ask": "Есть ли зона согласия?",
  "zone.zone": "Зона согласия",
  "zone.yes": "Да — некоторый пакет приемлем для всех делегаций",
  "zone.no": "Ни один пакет не приемлем для всех делегаций",
  "zone.acceptable": "Приемлемые пакеты",
  "zone.countOf": "{count} из {total}",
  "zone.countNone": "ни одного",
  "zone.countRange": "не меньше {atLeast} и меньше {below}",
  "zone.parties": "Учтённые делегации",
  "zone.withheld": "Скрыто пакетов: {count}.",
  "zone.suggested": "Предлагаемые пакеты",
  "zone.suggestedCaption": "Предлагаемые пакеты (строки, где они различаются, отмечены)",
  "zone.kindNash": "Пакет торга по Нэшу",
  "zone.kindKalai": "Пакет Калаи — Смородинского",
  "zone.kindUtilitarian": "Наибольшая суммарная полезность",
  "zone.kindEgalitarian": "Лучший для наименее выигрывающего",
  "zone.colIssue": "Вопрос",
};
