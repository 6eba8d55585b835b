import type { ProblemCode } from "../codes";

/** The Uzbek `detail` of every problem code; `{name}` is filled from the error's params. */
export const uz: Record<ProblemCode, string> = {
  // Generic request problems
  VALIDATION_ERROR: "So'rov ma'lumotlari noto'g'ri",
  MALFORMED_REQUEST: "So'rov ma'lumotlarini o'qib bo'lmadi",
  UNSUPPORTED_MEDIA_TYPE: "So'rov ma'lumotlarining formati qo'llab-quvvatlanmaydi",
  PAYLOAD_TOO_LARGE: "So'rov hajmi juda katta",
  NOT_FOUND: "Bunday manzil mavjud emas",
  METHOD_NOT_ALLOWED: "Bu manzil uchun so'rov usuli noto'g'ri",
  RATE_LIMITED: "Juda ko'p so'rov yuborildi. Birozdan so'ng qayta urinib ko'ring",
  CONFIG_INVALID: "Xizmat sozlanmagan: {variables}",
  SERVICE_UNAVAILABLE: "Xizmat vaqtincha ishlamayapti. Birozdan so'ng qayta urinib ko'ring",
  INTERNAL_ERROR: "Kutilmagan xatolik yuz berdi",

  // Auth
  PHONE_TAKEN: "Bu telefon raqami allaqachon ro'yxatdan o'tgan",
  INVALID_CREDENTIALS: "Telefon raqam yoki parol noto'g'ri",
  INVALID_TOKEN: "Tokenni tekshirib bo'lmadi. Iltimos, qaytadan kiring",
  INVALID_REFRESH_TOKEN: "Tokenning muddati tugagan yoki u noto'g'ri",
  REFRESH_TOKEN_REVOKED: "Token haqiqiy emas yoki bekor qilingan",
  WRONG_PASSWORD: "Parol noto'g'ri",
  PASSWORD_MISMATCH: "Parollar mos kelmadi",
  FORBIDDEN: "Bu amalni faqat administrator bajara oladi",
  NOT_YOUR_PROFILE: "Bu profil sizga tegishli emas",
  SESSION_NOT_FOUND: "Bu sessiya topilmadi yoki allaqachon yakunlangan",
  PASSKEY_REJECTED: "Kirish kalitini tasdiqlab bo'lmadi. Qaytadan urinib ko'ring",
  PASSKEY_NOT_FOUND: "Bu kirish kaliti topilmadi",
  PASSKEY_LIMIT: "Ko'pi bilan 10 ta kirish kaliti saqlash mumkin. Avval bittasini o'chiring",
  STEP_UP_REQUIRED: "Bu to'lovni kirish kaliti yoki parol bilan tasdiqlang",

  // Cards
  CARD_LIMIT:
    "Oddiy tarifda faqat bitta karta ochish mumkin. Ko'proq karta uchun Premium sotib oling",
  CARD_LIMIT_PREMIUM: "Ko'pi bilan {max} ta karta ochish mumkin",
  CARD_BLOCKED_BY_BANK:
    "Bu kartani bank blokladi. Uni faqat bank qayta ochishi mumkin: qo'llab-quvvatlash xizmatiga murojaat qiling",
  ACTIVE_CARD_LIMIT:
    "Tarifingizda bir vaqtda {max} ta faol karta bo'lishi mumkin. Avval boshqa kartani muzlating",
  CARD_NOT_FOUND: "Karta topilmadi",
  CARD_ALREADY_FROZEN: "Karta allaqachon muzlatilgan",
  CARD_ALREADY_ACTIVE: "Karta allaqachon faol",
  CARD_CLOSED: "Karta yopilgan",
  CARD_ALREADY_CLOSED: "Karta allaqachon yopilgan",
  PLATFORM_CARD_LOCKED:
    "Platforma kartasi tizimniki: uning holatini o'zgartirib ham, unga pul kiritib ham bo'lmaydi",
  CARD_EXPIRED: "Kartaning amal qilish muddati tugagan",
  INVALID_TRANSITION: "Faqat muzlatilgan kartani faollashtirish mumkin",
  CARD_HAS_BALANCE: "Kartada mablag' bor: uni yopib bo'lmaydi",
  INVALID_CARD_NUMBER: "Karta raqami noto'g'ri",

  // Transfers
  SENDER_CARD_NOT_FOUND: "Jo'natuvchi karta topilmadi yoki u sizga tegishli emas",
  RECEIVER_CARD_NOT_FOUND: "Qabul qiluvchi karta topilmadi",
  RECEIVER_PHONE_NOT_FOUND: "Bu telefon raqami bo'yicha pul qabul qiluvchi topilmadi",
  SAME_CARD: "Kartadan o'sha kartaning o'ziga pul o'tkazib bo'lmaydi",
  CARD_NOT_ACTIVE: "Kartangiz faol emas",
  AMOUNT_TOO_SMALL: "Bir o'tkazma uchun eng kam miqdor: {min} so'm",
  LIMIT_EXCEEDED: "Bir o'tkazma uchun eng ko'p miqdor: {max} so'm",
  INSUFFICIENT_FUNDS: "Kartada mablag' yetarli emas",
  TRANSACTION_NOT_FOUND: "Tranzaksiya topilmadi yoki uni ko'rishga ruxsatingiz yo'q",
  NO_RECEIPT: "Kvitansiya faqat muvaffaqiyatli tranzaksiyada bo'ladi",
  PLATFORM_CARD_MISSING: "Platforma kartasi mavjud emas",

  // Idempotency
  IDEMPOTENCY_KEY_MISSING: "Idempotency-Key sarlavhasi yuborilmagan",
  IDEMPOTENCY_IN_PROGRESS: "Shu Idempotency-Key bilan yuborilgan so'rov hali bajarilmoqda",
  IDEMPOTENCY_KEY_REUSED: "Bu Idempotency-Key boshqa so'rov uchun ishlatilgan",

  // Saved cards, avatars, users, subscriptions
  SAVED_CARD_EXISTS: "Bu karta yoki telefon raqami allaqachon saqlangan",
  SAVED_CARD_PLATFORM: "Cho'ntak tizim kartasini saqlab bo'lmaydi",
  SAVED_CARD_NOT_FOUND: "Saqlangan karta topilmadi",
  BAD_IMAGE: "Rasm PNG, JPEG yoki WebP formatida bo'lishi kerak",
  IMAGE_TOO_LARGE: "Rasm hajmi 5 MB dan oshmasligi kerak",
  AVATAR_NOT_FOUND: "Sizda profil rasmi yo'q",
  USER_NOT_FOUND: "Foydalanuvchi topilmadi",
  ALREADY_PREMIUM: "Profil allaqachon Premium tarifida",
  ALREADY_USER: "Profil allaqachon oddiy tarifda",
  ROLE_CHANGE_FORBIDDEN: "Administratorning rolini o'zgartirib bo'lmaydi",
  ALREADY_SUBSCRIBED: "Siz allaqachon Premium tarifidasiz",
  ADMIN_CANNOT_SUBSCRIBE: "Administrator Premium obunasini sotib ololmaydi",
  SUBSCRIPTION_NOT_FOUND: "Faol obuna topilmadi",
  PAYMENT_REQUEST_NOT_FOUND: "To'lov so'rovi topilmadi",
  PAYMENT_REQUEST_PAID: "Bu to'lov so'rovi allaqachon to'langan",
  PAYMENT_REQUEST_CANCELLED: "Bu to'lov so'rovi bekor qilingan",
  PAYMENT_REQUEST_EXPIRED: "Bu to'lov so'rovining muddati tugagan",
  PAYMENT_REQUEST_AMOUNT_MISMATCH: "Summa so'rovdagi summaga teng bo'lishi kerak",
  PAYMENT_REQUEST_AMOUNT_REQUIRED: "Summani kiriting: bu so'rovda summa belgilanmagan",
  CASH_IN_NOT_FOUND: "Hisobni to'ldirish so'rovi topilmadi",
  CASH_IN_ALREADY_APPROVED: "Bu hisobni to'ldirish allaqachon tasdiqlangan",
  CASH_IN_ALREADY_REJECTED: "Bu hisobni to'ldirish rad etilgan",
  CASH_IN_EXPIRED: "Bu hisobni to'ldirish muddati o'tgan: 24 soat ichida tasdiqlanmadi",
  CASH_IN_OWN_APPROVAL:
    "O'zingiz yaratgan hisobni to'ldirishni tasdiqlay olmaysiz: buni boshqa administrator qiladi",
  CASH_IN_CREATOR_NOT_ADMIN:
    "Uni yaratgan kishi endi administrator emas: hisobni to'ldirishni rad eting",
  STATEMENT_DATE_INVALID: "{param} YYYY-OO-KK ko'rinishidagi mavjud kun bo'lishi kerak",
  STATEMENT_PERIOD_REVERSED: "Davr boshi uning oxiridan keyin",
  STATEMENT_PERIOD_TOO_LONG: "Ko'chirma ko'pi bilan bir yilni qamraydi",
  STATEMENT_PERIOD_IN_FUTURE: "Davr kelajakda tugaydi: oxirgi kun {today} bo'lishi mumkin",
  STATEMENT_TOO_LARGE_FOR_PDF:
    "{max} tadan ortiq amal PDF ga sig'maydi: CSV yuklab oling yoki qisqaroq davr tanlang",
};
