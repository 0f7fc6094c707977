import { href } from "react-router";
import { serverT } from "../../lib/i18n.server";
import { publicUrl } from "../../lib/public-url.server";
import { notificationLink } from "./targets";

interface MailItem {
  message_key: string;
  message_values: Record<string, string>;
  route: string;
  route_params: Record<string, string>;
}

/**
 * The text of a notification e-mail: one item mailed now, or the day's
 * items in one digest. Each line carries its link; the last line says where
 * to change how (and whether) the person is mailed.
 */
export function notificationMail(locale: "fr" | "en", firstName: string, items: MailItem[]) {
  const t = serverT(locale);
  const lines = items.map((item) => `- ${t(item.message_key, item.message_values)}\n  ${publicUrl()}${notificationLink(item.route, item.route_params)}`);
  const digest = items.length > 1;
  const first = items[0];
  return {
    subject: digest ? t("notifications:mail.digest_subject", { count: items.length }) : t("notifications:mail.subject", { what: first ? t(first.message_key, first.message_values) : "" }),
    text: [
      t("notifications:mail.greeting", { name: firstName }),
      "",
      digest ? t("notifications:mail.digest_intro", { count: items.length }) : t("notifications:mail.intro"),
      "",
      ...lines,
      "",
      t("notifications:mail.all", { link: `${publicUrl()}${href("/notifications")}` }),
      t("notifications:mail.settings", { link: `${publicUrl()}${href("/compte/notifications")}` }),
    ].join("\n"),
  };
}
