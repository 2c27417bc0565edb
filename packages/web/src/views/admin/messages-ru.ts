/** Russian messages of the admin screens (views/admin/). */
import type { adminMessages } from "./messages.js";

export const adminMessagesRu: Record<keyof typeof adminMessages, string> = {
  "audit.title": "Журнал аудита",
  "audit.lead":
    "Каждое изменение дописывается вместе с хешем предыдущей записи; конфиденциальные тексты видны только как дайджесты SHA-256.",
  "audit.entries": "Записи ({count})",
  "audit.none": "Записей нет.",
  "audit.region": "Записи журнала аудита",
  "audit.colSeq": "№",
  "audit.colWhen": "Когда",
  "audit.colWho": "Кто",
  "audit.colAction": "Действие",
  "audit.colSubject": "Объект",
  "audit.colDetails": "Подробности",
  "audit.colHash": "Хеш",
  "audit.verify": "Проверить цепочку",
  "audit.intact": "Цепочка цела: проверено записей — {checked}; последний хеш {head}.",
  "audit.broken": "Цепочка нарушена на записи {seq}: {reason} (проверено: {checked}).",
  "audit.unknownReason": "причина неизвестна",
  "users.title": "Пользователи",
  "users.all": "Все пользователи",
  "users.colId": "Id",
  "users.colName": "Имя",
  "users.colAdmin": "Администратор",
  "users.colCreated": "Создан",
  "users.yes": "да",
  "users.no": "нет",
  "users.create": "Создать пользователя",
  "users.fieldName": "Имя пользователя",
  "users.fieldAdmin": "Администратор",
  "users.submit": "Создать пользователя",
  "users.created": "Создан пользователь {name}",
  "users.otp":
    "Пользователь {name} создан. Передайте ему этот одноразовый пароль; больше он показан не будет:",
};
