import type { ProblemCode } from "../codes";

/** The Russian `detail` of every problem code; `{name}` is filled from the error's params. */
export const ru: Record<ProblemCode, string> = {
  // Generic request problems
  VALIDATION_ERROR: "Неверные данные запроса",
  MALFORMED_REQUEST: "Не удалось прочитать тело запроса",
  UNSUPPORTED_MEDIA_TYPE: "Тип содержимого не поддерживается",
  PAYLOAD_TOO_LARGE: "Слишком большой запрос",
  NOT_FOUND: "Такого адреса нет",
  METHOD_NOT_ALLOWED: "Метод не поддерживается для этого адреса",
  RATE_LIMITED: "Слишком много запросов. Попробуйте немного позже",
  CONFIG_INVALID: "Сервис не настроен: {variables}",
  SERVICE_UNAVAILABLE: "Сервис временно недоступен, попробуйте позже",
  INTERNAL_ERROR: "Произошла непредвиденная ошибка",

  // Auth
  PHONE_TAKEN: "Этот номер уже зарегистрирован",
  INVALID_CREDENTIALS: "Неверный номер телефона или пароль",
  INVALID_TOKEN: "Не удалось проверить токен. Пожалуйста, войдите снова",
  INVALID_REFRESH_TOKEN: "Токен истёк или неверен",
  REFRESH_TOKEN_REVOKED: "Токен недействителен или отозван",
  WRONG_PASSWORD: "Неверный пароль",
  PASSWORD_MISMATCH: "Пароли не совпадают",
  FORBIDDEN: "Это действие доступно только администратору",
  NOT_YOUR_PROFILE: "Это не ваш профиль",
  SESSION_NOT_FOUND: "Сеанс не найден или уже завершён",
  PASSKEY_REJECTED: "Не удалось проверить ключ доступа. Попробуйте ещё раз",
  PASSKEY_NOT_FOUND: "Ключ доступа не найден",
  PASSKEY_LIMIT: "Можно хранить не более 10 ключей доступа. Сначала удалите один",
  STEP_UP_REQUIRED: "Подтвердите этот платёж ключом доступа или паролем",

  // Cards
  CARD_LIMIT:
    "На обычном тарифе можно открыть только одну карту. Чтобы открыть больше, купите Премиум",
  CARD_LIMIT_PREMIUM: "Можно открыть не больше {max} карт",
  CARD_BLOCKED_BY_BANK:
    "Эту карту заблокировал банк. Разблокировать её может только банк: обратитесь в поддержку",
  ACTIVE_CARD_LIMIT:
    "В вашем тарифе одновременно может быть активно карт: {max}. Сначала заморозьте другую карту",
  CARD_NOT_FOUND: "Карта не найдена",
  CARD_ALREADY_FROZEN: "Карта уже заморожена",
  CARD_ALREADY_ACTIVE: "Карта уже активна",
  CARD_CLOSED: "Карта закрыта",
  CARD_ALREADY_CLOSED: "Карта уже закрыта",
  PLATFORM_CARD_LOCKED: "Карта платформы — системная: её статус не меняется и пополнить её нельзя",
  CARD_EXPIRED: "Срок действия карты истёк",
  INVALID_TRANSITION: "Активировать можно только замороженную карту",
  CARD_HAS_BALANCE: "Нельзя закрыть карту с ненулевым балансом",
  INVALID_CARD_NUMBER: "Неверный номер карты",

  // Transfers
  SENDER_CARD_NOT_FOUND: "Карта отправителя не найдена или не принадлежит вам",
  RECEIVER_CARD_NOT_FOUND: "Карта получателя не найдена",
  RECEIVER_PHONE_NOT_FOUND: "Получатель с таким номером телефона не найден",
  SAME_CARD: "Нельзя перевести деньги на ту же карту",
  CARD_NOT_ACTIVE: "Ваша карта не активна",
  AMOUNT_TOO_SMALL: "Минимальная сумма одного перевода: {min} сум",
  LIMIT_EXCEEDED: "Максимальная сумма одного перевода: {max} сум",
  INSUFFICIENT_FUNDS: "Недостаточно средств на карте",
  TRANSACTION_NOT_FOUND: "Транзакция не найдена или у вас нет к ней доступа",
  NO_RECEIPT: "Квитанция есть только у успешной транзакции",
  PLATFORM_CARD_MISSING: "Карта платформы отсутствует",

  // Idempotency
  IDEMPOTENCY_KEY_MISSING: "Отсутствует заголовок Idempotency-Key",
  IDEMPOTENCY_IN_PROGRESS: "Запрос с этим Idempotency-Key ещё выполняется",
  IDEMPOTENCY_KEY_REUSED: "Этот Idempotency-Key уже использован для другого запроса",

  // Saved cards, avatars, users, subscriptions
  SAVED_CARD_EXISTS: "Эта карта или номер телефона уже сохранены",
  SAVED_CARD_PLATFORM: "Системную карту Cho'ntak нельзя сохранить",
  SAVED_CARD_NOT_FOUND: "Сохранённая карта не найдена",
  BAD_IMAGE: "Изображение должно быть PNG, JPEG или WebP",
  IMAGE_TOO_LARGE: "Изображение не должно превышать 5 МБ",
  AVATAR_NOT_FOUND: "У вас нет фото профиля",
  USER_NOT_FOUND: "Пользователь не найден",
  ALREADY_PREMIUM: "Профиль уже на тарифе Премиум",
  ALREADY_USER: "Профиль уже на обычном тарифе",
  ROLE_CHANGE_FORBIDDEN: "Нельзя изменить роль администратора",
  ALREADY_SUBSCRIBED: "Вы уже на тарифе Премиум",
  ADMIN_CANNOT_SUBSCRIBE: "Администратор не может оформить Премиум",
  SUBSCRIPTION_NOT_FOUND: "Активная подписка не найдена",
  PAYMENT_REQUEST_NOT_FOUND: "Запрос на оплату не найден",
  PAYMENT_REQUEST_PAID: "Этот запрос на оплату уже оплачен",
  PAYMENT_REQUEST_CANCELLED: "Этот запрос на оплату отменён",
  PAYMENT_REQUEST_EXPIRED: "Срок действия запроса на оплату истёк",
  PAYMENT_REQUEST_AMOUNT_MISMATCH: "Сумма должна совпадать с суммой запроса",
  PAYMENT_REQUEST_AMOUNT_REQUIRED: "Укажите сумму: в этом запросе она не задана",
  CASH_IN_NOT_FOUND: "Пополнение не найдено",
  CASH_IN_ALREADY_APPROVED: "Это пополнение уже подтверждено",
  CASH_IN_ALREADY_REJECTED: "Это пополнение отклонено",
  CASH_IN_EXPIRED: "Срок пополнения истёк: его не подтвердили за 24 часа",
  CASH_IN_OWN_APPROVAL: "Нельзя подтвердить своё пополнение: это делает другой администратор",
  CASH_IN_CREATOR_NOT_ADMIN: "Создавший его больше не администратор: отклоните пополнение",
  STATEMENT_DATE_INVALID: "{param} должен быть существующим днём в формате ГГГГ-ММ-ДД",
  STATEMENT_PERIOD_REVERSED: "Начало периода позже его конца",
  STATEMENT_PERIOD_TOO_LONG: "Выписка охватывает не больше одного года",
  STATEMENT_PERIOD_IN_FUTURE: "Период заканчивается в будущем: последний день может быть {today}",
  STATEMENT_TOO_LARGE_FOR_PDF:
    "Больше {max} операций не помещаются в PDF: скачайте CSV или выберите период короче",
};
