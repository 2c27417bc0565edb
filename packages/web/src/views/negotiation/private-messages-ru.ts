/** Russian messages of the negotiation page's private-positions panel (private-panel.ts). */
import type { privateMessages } from "./private-messages.js";

export const privateMessagesRu: Record<keyof typeof privateMessages, string> = {
  "private.title": "Закрытые позиции: {actor}",
  "private.confidential":
    "Конфиденциально: это видит только ваша делегация. Посредник этого никогда не видит.",
  "private.lodged": "Версия {version} подана {time}.",
  "private.nothing": "Пока ничего не подано: форма начинается с ваших публичных позиций.",
  "private.batna": "BATNA (полезность при срыве переговоров, 0–1; пусто — оставить публичную)",
  "private.submit": "Подать закрытые позиции",
  "private.fix": "некоторые значения нужно исправить",
  "private.announce": "Закрытые позиции, версия {version}, поданы",
  "private.include": "Подать закрытую позицию по этому вопросу",
  "private.ideal": "Идеал",
  "private.salience": "Значимость (0–1)",
  "private.confidence": "Уверенность (0–1)",
  "private.source": "Источник",
  "private.lowest": "Наименьшее приемлемое ({unit})",
  "private.highest": "Наибольшее приемлемое ({unit})",
  "private.reject": "Красная линия: варианты, которые вы не примете",
};
