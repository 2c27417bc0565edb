/** Ukrainian messages of the negotiation page's mediator panel (zone-panel.ts). */
import type { zoneMessages } from "./zone-messages.js";

export const zoneMessagesUk: Record<keyof typeof zoneMessages, string> = {
  "zone.title": "Посередник: похідні відповіді",
  "zone.note":
    "Відповіді обчислюються одразу за закритими позиціями всіх делегацій; жодна позиція чи червона лінія ніколи не показується. Кількість запитань обмежена, і кожне записується до журналу аудиту, який бачать делегації. Щоб спитати, чи прийме кожна делегація внесену пропозицію, натисніть кнопку під цією пропозицією.",
  "zone.ask": "Чи є зона згоди?",
  "zone.zone": "Зона згоди",
  "zone.yes": "Так — певний пакет прийнятний для всіх делегацій",
  "zone.no": "Жоден пакет не прийнятний для всіх делегацій",
  "zone.acceptable": "Прийнятні пакети",
  "zone.countOf": "{count} з {total}",
  "zone.countNone": "жодного",
  "zone.countRange": "не менше {atLeast} і менше {below}",
  "zone.parties": "Враховані делегації",
  "zone.withheld": "Приховано пакетів: {count}.",
  "zone.suggested": "Запропоновані пакети",
  "zone.suggestedCaption": "Запропоновані пакети (рядки, де вони відрізняються, позначено)",
  "zone.kindNash": "Пакет торгу за Нешем",
  "zone.kindKalai": "Пакет Калаї — Смородинського",
  "zone.kindUtilitarian": "Найбільша сумарна корисність",
  "zone.kindEgalitarian": "Найкращий для того, хто виграє найменше",
  "zone.colIssue": "Питання",
};
