/** Ukrainian messages of the negotiation page's private-positions panel (private-panel.ts). */
import type { privateMessages } from "./private-messages.js";

export const privateMessagesUk: Record<keyof typeof privateMessages, string> = {
  "private.title": "Закриті позиції: {actor}",
  "private.confidential": "Конфіденційно: це бачить лише ваша делегація. Посередник цього ніколи не бачить.",
  "private.lodged": "Версію {version} подано {time}.",
  "private.nothing": "Поки нічого не подано: форма починається з ваших публічних позицій.",
  "private.batna": "BATNA (корисність у разі зриву переговорів, 0–1; порожньо — залишити публічну)",
  "private.submit": "Подати закриті позиції",
  "private.fix": "деякі значення треба виправити",
  "private.announce": "Закриті позиції, версію {version}, подано",
  "private.include": "Подати закриту позицію з цього питання",
  "private.ideal": "Ідеал",
  "private.salience": "Значущість (0–1)",
  "private.confidence": "Впевненість (0–1)",
  "private.source": "Джерело",
  "private.lowest": "Найменше прийнятне ({unit})",
  "private.highest": "Найбільше прийнятне ({unit})",
  "private.reject": "Червона лінія: варіанти, яких ви не приймете",
};
