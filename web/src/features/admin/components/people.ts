/**
 * How the admin screens name people in questions and in the log: the phone with
 * its middle hidden, "+998 90 ••• •• 67".
 */
export function maskPhone(phone: string): string {
  const match = /^\+998(\d{2})\d{5}(\d{2})$/.exec(phone);
  return match ? `+998 ${match[1]} ••• •• ${match[2]}` : phone;
}

/** A person's name as shown to other users, "Alisher V." (the API's own rule). */
export { maskOwnerName } from "../../../../../src/lib/card-number";
