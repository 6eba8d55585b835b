/** "+998901234511" → "+998 90 *** ** 11": the operator code and the last two digits stay. */
export function maskPhoneNumber(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (!/^998\d{9}$/.test(digits)) return "+998 ** *** ** **";
  return `+998 ${digits.slice(3, 5)} *** ** ${digits.slice(-2)}`;
}
