/**
 * The closed list of problem codes. Each code has one
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
      uz: "So'rov ma'lumotlarini o'qib bo'lmadi",
      ru: "Не удалось прочитать тело запроса",
      en: "The request body could not be parsed",
    },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: "Unsupported media type",
    detail: {
      uz: "So'rov ma'lumotlarining formati qo'llab-quvvatlanmaydi",
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
      uz: "Juda ko'p so'rov yuborildi. Birozdan so'ng qayta urinib ko'ring",
      ru: "Слишком много запросов. Попробуйте немного позже",
      en: "Too many requests. Please try again in a moment",
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
      uz: "Xizmat vaqtincha ishlamayapti. Birozdan so'ng qayta urinib ko'ring",
      ru: "Сервис временно недоступен, попробуйте позже",
      en: "The service is temporarily unavailable. Please try again shortly",
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
      uz: "Bu telefon raqami allaqachon ro'yxatdan o'tgan",
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
      uz: "Tokenni tekshirib bo'lmadi. Iltimos, qaytadan kiring",
      ru: "Не удалось проверить токен. Пожалуйста, войдите снова",
      en: "Could not validate the token. Please log in again",
    },
  },
  INVALID_REFRESH_TOKEN: {
    status: 401,
    title: "Invalid refresh token",
    detail: {
      uz: "Tokenning muddati tugagan yoki u noto'g'ri",
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
      uz: "Parollar mos kelmadi",
      ru: "Пароли не совпадают",
      en: "The passwords do not match",
    },
  },
  FORBIDDEN: {
    status: 403,
    title: "Forbidden",
    detail: {
      uz: "Bu amalni faqat administrator bajara oladi",
      ru: "Это действие доступно только администратору",
      en: "Only an administrator can do this",
    },
  },
  NOT_YOUR_PROFILE: {
    status: 403,
    title: "Forbidden",
    detail: {
      uz: "Bu profil sizga tegishli emas",
      ru: "Это не ваш профиль",
      en: "This profile is not yours",
    },
  },

  // Cards
  CARD_LIMIT: {
    status: 409,
    title: "Card limit reached",
    detail: {
      uz: "Oddiy tarifda faqat bitta karta ochish mumkin. Ko'proq karta uchun Premium sotib oling",
      ru: "На обычном тарифе можно открыть только одну карту. Чтобы открыть больше, купите Премиум",
      en: "The basic plan allows one card. Buy Premium to open more",
    },
  },
  CARD_LIMIT_PREMIUM: {
    status: 409,
    title: "Card limit reached",
    detail: {
      uz: "Ko'pi bilan {max} ta karta ochish mumkin",
      ru: "Можно открыть не больше {max} карт",
      en: "You can open at most {max} cards",
    },
  },
  CARD_BLOCKED_BY_BANK: {
    status: 409,
    title: "Card blocked by the bank",
    detail: {
      uz: "Bu kartani bank blokladi. Uni faqat bank qayta ochishi mumkin: qo'llab-quvvatlash xizmatiga murojaat qiling",
      ru: "Эту карту заблокировал банк. Разблокировать её может только банк: обратитесь в поддержку",
      en: "The bank blocked this card. Only the bank can reopen it: please contact support",
    },
  },
  ACTIVE_CARD_LIMIT: {
    status: 409,
    title: "Active card limit",
    detail: {
      uz: "Tarifingizda bir vaqtda {max} ta faol karta bo'lishi mumkin. Avval boshqa kartani muzlating",
      ru: "В вашем тарифе одновременно может быть активно карт: {max}. Сначала заморозьте другую карту",
      en: "Your plan allows {max} active card(s) at a time. Freeze another card first",
    },
  },
  CARD_NOT_FOUND: {
    status: 404,
    title: "Card not found",
    detail: { uz: "Karta topilmadi", ru: "Карта не найдена", en: "Card not found" },
  },
  CARD_ALREADY_FROZEN: {
    status: 400,
    title: "Card already frozen",
    detail: {
      uz: "Karta allaqachon muzlatilgan",
      ru: "Карта уже заморожена",
      en: "The card is already frozen",
    },
  },
  CARD_ALREADY_ACTIVE: {
    status: 400,
    title: "Card already active",
    detail: {
      uz: "Karta allaqachon faol",
      ru: "Карта уже активна",
      en: "The card is already active",
    },
  },
  CARD_CLOSED: {
    status: 400,
    title: "Card closed",
    detail: { uz: "Karta yopilgan", ru: "Карта закрыта", en: "The card is closed" },
  },
  CARD_ALREADY_CLOSED: {
    status: 400,
    title: "Card already closed",
    detail: {
      uz: "Karta allaqachon yopilgan",
      ru: "Карта уже закрыта",
      en: "The card is already closed",
    },
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
      uz: "Kartaning amal qilish muddati tugagan",
      ru: "Срок действия карты истёк",
      en: "The card has expired",
    },
  },
  INVALID_TRANSITION: {
    status: 400,
    title: "Invalid status transition",
    detail: {
      uz: "Faqat muzlatilgan kartani faollashtirish mumkin",
      ru: "Активировать можно только замороженную карту",
      en: "Only a frozen card can be activated",
    },
  },
  CARD_HAS_BALANCE: {
    status: 409,
    title: "Card has a balance",
    detail: {
      uz: "Kartada mablag' bor: uni yopib bo'lmaydi",
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
      uz: "Jo'natuvchi karta topilmadi yoki u sizga tegishli emas",
      ru: "Карта отправителя не найдена или не принадлежит вам",
      en: "The sender card was not found or is not yours",
    },
  },
  RECEIVER_CARD_NOT_FOUND: {
    status: 404,
    title: "Receiver card not found",
    detail: {
      uz: "Qabul qiluvchi karta topilmadi",
      ru: "Карта получателя не найдена",
      en: "The receiver card was not found",
    },
  },
  SAME_CARD: {
    status: 400,
    title: "Same card",
    detail: {
      uz: "Kartadan o'sha kartaning o'ziga pul o'tkazib bo'lmaydi",
      ru: "Нельзя перевести деньги на ту же карту",
      en: "You cannot send money to the same card",
    },
  },
  CARD_NOT_ACTIVE: {
    status: 400,
    title: "Card not active",
    detail: {
      uz: "Kartangiz faol emas",
      ru: "Ваша карта не активна",
      en: "Your card is not active",
    },
  },
  AMOUNT_TOO_SMALL: {
    status: 400,
    title: "Amount too small",
    detail: {
      uz: "Bir o'tkazma uchun eng kam miqdor: {min} so'm",
      ru: "Минимальная сумма одного перевода: {min} сум",
      en: "The least you can send in one transfer is {min} so'm",
    },
  },
  LIMIT_EXCEEDED: {
    status: 400,
    title: "Limit exceeded",
    detail: {
      uz: "Bir o'tkazma uchun eng ko'p miqdor: {max} so'm",
      ru: "Максимальная сумма одного перевода: {max} сум",
      en: "The most you can send in one transfer is {max} so'm",
    },
  },
  INSUFFICIENT_FUNDS: {
    status: 400,
    title: "Insufficient funds",
    detail: {
      uz: "Kartada mablag' yetarli emas",
      ru: "Недостаточно средств на карте",
      en: "Not enough money on the card",
    },
  },
  TRANSACTION_NOT_FOUND: {
    status: 404,
    title: "Transaction not found",
    detail: {
      uz: "Tranzaksiya topilmadi yoki uni ko'rishga ruxsatingiz yo'q",
      ru: "Транзакция не найдена или у вас нет к ней доступа",
      en: "The transaction was not found or you have no access",
    },
  },
  PLATFORM_CARD_MISSING: {
    status: 503,
    title: "Platform card missing",
    detail: {
      uz: "Platforma kartasi mavjud emas",
      ru: "Карта платформы отсутствует",
      en: "The platform card is missing",
    },
  },

  // Idempotency
  IDEMPOTENCY_KEY_MISSING: {
    status: 400,
    title: "Idempotency-Key missing",
    detail: {
      uz: "Idempotency-Key sarlavhasi yuborilmagan",
      ru: "Отсутствует заголовок Idempotency-Key",
      en: "The Idempotency-Key header is missing",
    },
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    title: "Request in progress",
    detail: {
      uz: "Shu Idempotency-Key bilan yuborilgan so'rov hali bajarilmoqda",
      ru: "Запрос с этим Idempotency-Key ещё выполняется",
      en: "A request with this Idempotency-Key is still in progress",
    },
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: "Idempotency-Key reused",
    detail: {
      uz: "Bu Idempotency-Key boshqa so'rov uchun ishlatilgan",
      ru: "Этот Idempotency-Key уже использован для другого запроса",
      en: "This Idempotency-Key was used for a different request",
    },
  },

  // Saved cards, avatars, users, subscriptions
  SAVED_CARD_EXISTS: {
    status: 409,
    title: "Card already saved",
    detail: {
      uz: "Bu karta allaqachon saqlangan",
      ru: "Эта карта уже сохранена",
      en: "This card is already saved",
    },
  },
  SAVED_CARD_PLATFORM: {
    status: 400,
    title: "The platform card cannot be saved",
    detail: {
      uz: "Cho'ntak tizim kartasini saqlab bo'lmaydi",
      ru: "Системную карту Cho'ntak нельзя сохранить",
      en: "The Cho'ntak system card cannot be saved",
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
      uz: "Rasm PNG, JPEG yoki WebP formatida bo'lishi kerak",
      ru: "Изображение должно быть PNG, JPEG или WebP",
      en: "The image must be PNG, JPEG or WebP",
    },
  },
  IMAGE_TOO_LARGE: {
    status: 413,
    title: "Image too large",
    detail: {
      uz: "Rasm hajmi 5 MB dan oshmasligi kerak",
      ru: "Изображение не должно превышать 5 МБ",
      en: "The image must not be larger than 5 MB",
    },
  },
  AVATAR_NOT_FOUND: {
    status: 404,
    title: "Avatar not found",
    detail: {
      uz: "Sizda profil rasmi yo'q",
      ru: "У вас нет фото профиля",
      en: "You have no profile photo",
    },
  },
  USER_NOT_FOUND: {
    status: 404,
    title: "User not found",
    detail: { uz: "Foydalanuvchi topilmadi", ru: "Пользователь не найден", en: "User not found" },
  },
  ALREADY_PREMIUM: {
    status: 400,
    title: "Already premium",
    detail: {
      uz: "Profil allaqachon Premium tarifida",
      ru: "Профиль уже на тарифе Премиум",
      en: "The profile is already on Premium",
    },
  },
  ALREADY_USER: {
    status: 400,
    title: "Already on the free plan",
    detail: {
      uz: "Profil allaqachon oddiy tarifda",
      ru: "Профиль уже на обычном тарифе",
      en: "The profile is already on the basic plan",
    },
  },
  ROLE_CHANGE_FORBIDDEN: {
    status: 403,
    title: "Role change forbidden",
    detail: {
      uz: "Administratorning rolini o'zgartirib bo'lmaydi",
      ru: "Нельзя изменить роль администратора",
      en: "An administrator's role cannot be changed",
    },
  },
  ALREADY_SUBSCRIBED: {
    status: 409,
    title: "Already subscribed",
    detail: {
      uz: "Siz allaqachon Premium tarifidasiz",
      ru: "Вы уже на тарифе Премиум",
      en: "You already have Premium",
    },
  },
  ADMIN_CANNOT_SUBSCRIBE: {
    status: 409,
    title: "Admins cannot subscribe",
    detail: {
      uz: "Administrator Premium obunasini sotib ololmaydi",
      ru: "Администратор не может оформить Премиум",
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
