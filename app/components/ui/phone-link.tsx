import { displayPhone } from "../../lib/phone";

/** A phone number written the French way, as a `tel:` link a phone can call with one tap. */
export function PhoneLink({ phone }: { phone: string }) {
  const { text, href } = displayPhone(phone);
  return href ? <a href={href}>{text}</a> : <>{text}</>;
}
