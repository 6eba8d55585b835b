/**
 * The closed list of problem codes (spec §9, MESSAGES.md). Each code has one
 * HTTP status, one title and one `detail` text per language. Texts may hold
 * `{name}` placeholders filled from the error's params.
 */
export type Language = "uz" | "ru" | "en";
export const LANGUAGES: readonly Language[] = ["uz", "ru", "en"];

interface CodeDefinition {
  status: number;
  title: string;
  detail: Record<Language, string>;
}

const define = <T extends Record<string, CodeDefinition>>(codes: T) => codes;

export const PROBLEM_CODES = define({
  // Generic request problems
  VALIDATION_ERROR: {
    status: 422,
    title: "Validation failed",
    detail: {
      uz: "So'rov ma'lumotlari noto'g'ri",
      ru: "Неверные данные запроса",
      en: "The request data is invalid",
    },
  },
  MALFORMED_REQUEST: {
    status: 400,
    title: "Malformed request",
    detail: {
      uz: "So'rov tanasini o'qib bo'lmadi",
      ru: "Не удалось прочитать тело запроса",
      en: "The request body could not be parsed",
    },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: "Unsupported media type",
    detail: {
      uz: "So'rov turi qo'llab-quvvatlanmaydi",
      ru: "Тип содержимого не поддерживается",
      en: "The request content type is not supported",
    },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: "Payload too large",
    detail: {
      uz: "So'rov hajmi juda katta",
      ru: "Слишком большой запрос",
      en: "The request body is too large",
    },
  },
  NOT_FOUND: {
    status: 404,
    title: "Not found",
    detail: {
      uz: "Bunday manzil mavjud emas",
      ru: "Такого адреса нет",
      en: "No such resource",
    },
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: "Method not allowed",
    detail: {
      uz: "Bu manzil uchun so'rov usuli noto'g'ri",
      ru: "Метод не поддерживается для этого адреса",
      en: "This method is not allowed on this resource",
    },
  },
  RATE_LIMITED: {
    status: 429,
    title: "Too many requests",
    detail: {
      uz: "Juda ko'p request yubordingiz",
      ru: "Слишком много запросов",
      en: "Too many requests",
    },
  },
  CONFIG_INVALID: {
    status: 503,
    title: "Service misconfigured",
    detail: {
      uz: "Xizmat sozlanmagan: {variables}",
      ru: "Сервис не настроен: {variables}",
      en: "The service is misconfigured: {variables}",
    },
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    title: "Service unavailable",
    detail: {
      uz: "Xizmat vaqtincha ishlamayapti, birozdan so'ng urinib ko'ring",
      ru: "Сервис временно недоступен, попробуйте позже",
      en: "The service is temporarily unavailable, try again shortly",
    },
  },
  INTERNAL_ERROR: {
    status: 500,
    title: "Internal error",
    detail: {
      uz: "Kutilmagan xatolik yuz berdi",
      ru: "Произошла непредвиденная ошибка",
      en: "An unexpected error occurred",
    },
  },

  // Auth
  PHONE_TAKEN: {
    status: 409,
    title: "Phone number taken",
    detail: {
      uz: "Boshqa raqam kiriting",
      ru: "Этот номер уже зарегистрирован",
      en: "This phone number is already registered",
    },
  },
  INVALID_CREDENTIALS: {
    status: 401,
    title: "Invalid credentials",
    detail: {
      uz: "Telefon raqam yoki parol noto'g'ri",
      ru: "Неверный номер телефона или пароль",
      en: "Wrong phone number or password",
    },
  },
  INVALID_TOKEN: {
    status: 401,
    title: "Invalid token",
    detail: {
      uz: "Token'ni tasdiqlab bo'lmadi !",
      ru: "Не удалось проверить токен",
      en: "Could not validate the token",
    },
  },
  INVALID_REFRESH_TOKEN: {
    status: 401,
    title: "Invalid refresh token",
    detail: {
      uz: "Token muddati o'tgan yoki xato",
      ru: "Токен истёк или неверен",
      en: "The token has expired or is malformed",
    },
  },
  REFRESH_TOKEN_REVOKED: {
    status: 401,
    title: "Refresh token revoked",
    detail: {
      uz: "Token haqiqiy emas yoki bekor qilingan",
      ru: "Токен недействителен или отозван",
      en: "The token is invalid or has been revoked",
    },
  },
  WRONG_PASSWORD: {
    status: 401,
    title: "Wrong password",
    detail: { uz: "Parol noto'g'ri", ru: "Неверный пароль", en: "Wrong password" },
  },
  PASSWORD_MISMATCH: {
    status: 400,
    title: "Password confirmation mismatch",
    detail: {
      uz: "Tasdiqlovchi parol noto'g'ri",
      ru: "Подтверждение пароля не совпадает",
      en: "The password confirmation does not match",
    },
  },
  FORBIDDEN: {
    status: 403,
    title: "Forbidden",
    detail: {
      uz: "Siz admin emassiz !",
      ru: "Вы не администратор",
      en: "You are not an administrator",
    },
  },
  NOT_YOUR_PROFILE: {
    status: 403,
    title: "Forbidden",
    detail: {
      uz: "Bu profile sizniki emas",
      ru: "Это не ваш профиль",
      en: "This profile is not yours",
    },
  },

  // Cards
  CARD_LIMIT: {
    status: 409,
    title: "Card limit reached",
    detail: {
      uz: "1 dona id'ga 1 dona card ! Premium sotib oling",
      ru: "Обычному пользователю доступна одна карта. Купите Premium",
      en: "A regular user may hold one card. Buy Premium for more",
    },
  },
  CARD_LIMIT_PREMIUM: {
    status: 409,
    title: "Card limit reached",
    detail: {
      uz: "5tadan ko'p karta ochish mumkin emas",
      ru: "Нельзя открыть больше 5 карт",
      en: "You cannot open more than 5 cards",
    },
  },
  CARD_NOT_FOUND: {
    status: 404,
    title: "Card not found",
    detail: { uz: "Bu karta topilmadi", ru: "Карта не найдена", en: "Card not found" },
  },
  CARD_ALREADY_FROZEN: {
    status: 400,
    title: "Card already frozen",
    detail: {
      uz: "Karta zotan muzlatilgan",
      ru: "Карта уже заморожена",
      en: "The card is already frozen",
    },
  },
  CARD_ALREADY_ACTIVE: {
    status: 400,
    title: "Card already active",
    detail: { uz: "Karta zotan faol", ru: "Карта уже активна", en: "The card is already active" },
  },
  CARD_CLOSED: {
    status: 400,
    title: "Card closed",
    detail: { uz: "Bu karta mavjud emas", ru: "Карта закрыта", en: "The card is closed" },
  },
  CARD_ALREADY_CLOSED: {
    status: 400,
    title: "Card already closed",
    detail: { uz: "Card zotan yopiq", ru: "Карта уже закрыта", en: "The card is already closed" },
  },
  PLATFORM_CARD_LOCKED: {
    status: 400,
    title: "Platform card",
    detail: {
      uz: "Platforma kartasining holatini o'zgartirib bo'lmaydi",
      ru: "Статус карты платформы менять нельзя",
      en: "The platform card's status cannot be changed",
    },
  },
  CARD_EXPIRED: {
    status: 400,
    title: "Card expired",
    detail: {
      uz: "Karta muddati tugagan",
      ru: "Срок действия карты истёк",
      en: "The card has expired",
    },
  },
  INVALID_TRANSITION: {
    status: 400,
    title: "Invalid status transition",
    detail: {
      uz: "Faqat muzlatilgan cards'gina aktivlanadi",
      ru: "Активировать можно только замороженную карту",
      en: "Only a frozen card can be activated",
    },
  },
  CARD_HAS_BALANCE: {
    status: 409,
    title: "Card has a balance",
    detail: {
      uz: "Balansi bor kartani yopib bo'lmaydi",
      ru: "Нельзя закрыть карту с ненулевым балансом",
      en: "A card with a non-zero balance cannot be closed",
    },
  },
  INVALID_CARD_NUMBER: {
    status: 422,
    title: "Invalid card number",
    detail: {
      uz: "Karta raqami noto'g'ri",
      ru: "Неверный номер карты",
      en: "The card number is invalid",
    },
  },

  // Transfers
  SENDER_CARD_NOT_FOUND: {
    status: 404,
    title: "Sender card not found",
    detail: {
      uz: "Yuboruvchi karta topilmadi yoki sizga tegishli emas",
      ru: "Карта отправителя не найдена или не принадлежит вам",
      en: "The sender card was not found or is not yours",
    },
  },
  RECEIVER_CARD_NOT_FOUND: {
    status: 404,
    title: "Receiver card not found",
    detail: {
      uz: "Qabul qiluvchi karta mavjud emas",
      ru: "Карта получателя не существует",
      en: "The receiver card does not exist",
    },
  },
  SAME_CARD: {
    status: 400,
    title: "Same card",
    detail: {
      uz: "O'z kartangizdan ayni shu kartaga mumkin emas",
      ru: "Нельзя переводить с карты на неё же",
      en: "You cannot transfer from a card to the same card",
    },
  },
  CARD_NOT_ACTIVE: {
    status: 400,
    title: "Card not active",
    detail: {
      uz: "Ikki kartadan biri aktiv emas",
      ru: "Одна из карт не активна",
      en: "One of the cards is not active",
    },
  },
  PAYING_CARD_NOT_ACTIVE: {
    status: 400,
    title: "Card not active",
    detail: {
      uz: "Card'ingiz active emas",
      ru: "Ваша карта не активна",
      en: "Your card is not active",
    },
  },
  AMOUNT_TOO_SMALL: {
    status: 400,
    title: "Amount too small",
    detail: {
      uz: "O'tkazma juda kam yoki ko'p (kamida {min} so'm)",
      ru: "Сумма перевода слишком мала (минимум {min} сум)",
      en: "The amount is too small (at least {min} so'm)",
    },
  },
  LIMIT_EXCEEDED: {
    status: 400,
    title: "Limit exceeded",
    detail: {
      uz: "Maksimal limitdan oshdi {max}",
      ru: "Превышен максимальный лимит {max}",
      en: "The maximum limit of {max} was exceeded",
    },
  },
  INSUFFICIENT_FUNDS: {
    status: 400,
    title: "Insufficient funds",
    detail: {
      uz: "Hisobingizda mablag' mavjud emas",
      ru: "Недостаточно средств",
      en: "Insufficient funds",
    },
  },
  TRANSACTION_NOT_FOUND: {
    status: 404,
    title: "Transaction not found",
    detail: {
      uz: "Tranzaksiya topilmadi yoki ruhsatingiz yo'q",
      ru: "Транзакция не найдена или нет доступа",
      en: "The transaction was not found or you have no access",
    },
  },
  PLATFORM_CARD_MISSING: {
    status: 503,
    title: "Platform card missing",
    detail: {
      uz: "Platform card mavjud emas",
      ru: "Карта платформы отсутствует",
      en: "The platform card is missing",
    },
  },

  // Idempotency
  IDEMPOTENCY_KEY_MISSING: {
    status: 400,
    title: "Idempotency-Key missing",
    detail: {
      uz: "Idempotency-key sarlavhasi yetishmayapti",
      ru: "Отсутствует заголовок Idempotency-Key",
      en: "The Idempotency-Key header is missing",
    },
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    title: "Request in progress",
    detail: {
      uz: "Bu tranzaksiya allaqachon bajarilgan yoki jarayonda !",
      ru: "Этот запрос уже выполняется",
      en: "A request with this key is already in progress",
    },
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: "Idempotency-Key reused",
    detail: {
      uz: "Bu Idempotency-key boshqa so'rov uchun ishlatilgan",
      ru: "Этот Idempotency-Key уже использован для другого запроса",
      en: "This Idempotency-Key was used for a different request",
    },
  },

  // Saved cards, avatars, users, subscriptions
  SAVED_CARD_EXISTS: {
    status: 409,
    title: "Card already saved",
    detail: {
      uz: "Bu karta save qilingan",
      ru: "Эта карта уже сохранена",
      en: "This card is already saved",
    },
  },
  SAVED_CARD_NOT_FOUND: {
    status: 404,
    title: "Saved card not found",
    detail: {
      uz: "Saqlangan karta topilmadi",
      ru: "Сохранённая карта не найдена",
      en: "Saved card not found",
    },
  },
  BAD_IMAGE: {
    status: 400,
    title: "Unsupported image",
    detail: {
      uz: "Rasm formati png/jpeg/webp bo'lsin",
      ru: "Изображение должно быть PNG, JPEG или WebP",
      en: "The image must be PNG, JPEG or WebP",
    },
  },
  IMAGE_TOO_LARGE: {
    status: 413,
    title: "Image too large",
    detail: {
      uz: "Rasm 5mb'dan katta bo'lmasligi kerak",
      ru: "Изображение не должно превышать 5 МБ",
      en: "The image must not exceed 5 MiB",
    },
  },
  AVATAR_NOT_FOUND: {
    status: 404,
    title: "Avatar not found",
    detail: { uz: "Zotan avataringiz yo'q", ru: "У вас нет аватара", en: "You have no avatar" },
  },
  USER_NOT_FOUND: {
    status: 404,
    title: "User not found",
    detail: { uz: "Bunday user topilmadi", ru: "Пользователь не найден", en: "User not found" },
  },
  ALREADY_PREMIUM: {
    status: 400,
    title: "Already premium",
    detail: {
      uz: "Profil zotan premium tarifda",
      ru: "Профиль уже на тарифе Premium",
      en: "The profile is already on Premium",
    },
  },
  ALREADY_USER: {
    status: 400,
    title: "Already on the free plan",
    detail: {
      uz: "Profil zotan freemium tarifda",
      ru: "Профиль уже на бесплатном тарифе",
      en: "The profile is already on the free plan",
    },
  },
  ROLE_CHANGE_FORBIDDEN: {
    status: 403,
    title: "Role change forbidden",
    detail: {
      uz: "Adminning rolini o'zgartirib bo'lmaydi",
      ru: "Нельзя изменить роль администратора",
      en: "An administrator's role cannot be changed",
    },
  },
  ALREADY_SUBSCRIBED: {
    status: 409,
    title: "Already subscribed",
    detail: {
      uz: "Siz zotan premium ta'rifdasiz",
      ru: "Вы уже на тарифе Premium",
      en: "You already have Premium",
    },
  },
  ADMIN_CANNOT_SUBSCRIBE: {
    status: 409,
    title: "Admins cannot subscribe",
    detail: {
      uz: "Admin premium obunani sotib ololmaydi",
      ru: "Администратор не может оформить Premium",
      en: "An administrator cannot buy Premium",
    },
  },
  SUBSCRIPTION_NOT_FOUND: {
    status: 404,
    title: "Subscription not found",
    detail: {
      uz: "Faol obuna topilmadi",
      ru: "Активная подписка не найдена",
      en: "No active subscription",
    },
  },
});

export type ProblemCode = keyof typeof PROBLEM_CODES;
