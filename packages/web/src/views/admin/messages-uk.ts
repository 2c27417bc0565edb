/** Ukrainian messages of the admin screens (views/admin/). */
import type { adminMessages } from "./messages.js";

export const adminMessagesUk: Record<keyof typeof adminMessages, string> = {
  "audit.title": "Журнал аудиту",
  "audit.lead":
    "Кожну зміну дописано разом із хешем попереднього запису; конфіденційні тексти видно лише як дайджести SHA-256.",
  "audit.entries": "Записи ({count})",
  "audit.none": "Записів немає.",
  "audit.region": "Записи журналу аудиту",
  "audit.colSeq": "№",
  "audit.colWhen": "Коли",
  "audit.colWho": "Хто",
  "audit.colAction": "Дія",
  "audit.colSubject": "Об'єкт",
  "audit.colDetails": "Подробиці",
  "audit.colHash": "Хеш",
  "audit.verify": "Перевірити ланцюжок",
  "audit.intact": "Ланцюжок цілий: перевірено записів — {checked}; останній хеш {head}.",
  "audit.broken": "Ланцюжок порушено на записі {seq}: {reason} (перевірено: {checked}).",
  "audit.unknownReason": "причина невідома",
  "users.title": "Користувачі",
  "users.all": "Усі користувачі",
  "users.colId": "Id",
  "users.colName": "Ім'я",
  "users.colAdmin": "Адміністратор",
  "users.colCreated": "Створено",
  "users.yes": "так",
  "users.no": "ні",
  "users.create": "Створити користувача",
  "users.fieldName": "Ім'я користувача",
  "users.fieldAdmin": "Адміністратор",
  "users.submit": "Створити користувача",
  "users.created": "Створено користувача {name}",
  "users.otp":
    "Користувача {name} створено. Передайте йому цей одноразовий пароль; більше його не буде показано:",
};
