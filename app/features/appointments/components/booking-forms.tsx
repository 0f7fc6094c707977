import { useTranslation } from "../../../lib/use-translation";
import { Form } from "react-router";
import { formatDate } from "../../../lib/i18n";

interface Slot {
  id: string;
  starts_at: Date | string;
  mode: string;
  space_name: string | null;
  mediator_name: string | null;
}

/** The phone number SMS reminders go to, asked only of people without an e-mail address. */
export function PhoneField({ id, show }: { id: string; show: boolean }) {
  const { t } = useTranslation("appointments");
  if (!show) return null;
  return (
    <div className="field">
      <label htmlFor={id}>{t("book.phone")}</label>
      <p className="hint" id={`${id}-hint`}>
        {t("book.phone_hint")}
      </p>
      <input id={id} name="phone" type="tel" autoComplete="tel" aria-describedby={`${id}-hint`} />
    </div>
  );
}

/** Free slots as radio buttons, grouped under their day; one button books the chosen one. */
export function SlotChoiceForm({ slots, reason, replaces, offered, askPhone }: { slots: Slot[]; reason: string; replaces?: string; offered?: string; askPhone: boolean }) {
  const { t, i18n } = useTranslation("appointments");
  const day = (d: Date | string) => formatDate(d, i18n.language, { weekday: "long", day: "numeric", month: "long" });
  const time = (d: Date | string) => formatDate(d, i18n.language, { hour: "2-digit", minute: "2-digit" });
  const first = slots.some((s) => s.id === offered) ? offered : slots[0]?.id;
  return (
    <Form method="post" className="slot-form">
      <input type="hidden" name="intent" value="book" />
      <input type="hidden" name="reason" value={reason} />
      {replaces ? <input type="hidden" name="replaces" value={replaces} /> : null}
      <fieldset>
        <legend>{t("book.slots_legend", { count: slots.length })}</legend>
        <ul className="slot-list">
          {slots.map((s) => (
            <li key={s.id}>
              <label className="choice">
                <input type="radio" name="slotId" value={s.id} defaultChecked={s.id === first} required />
                <span>
                  <strong>
                    {day(s.starts_at)}, {time(s.starts_at)}
                  </strong>
                  {s.mediator_name ? ` — ${t("book.with", { name: s.mediator_name })}` : null}
                  {s.mode !== "place" ? ` — ${t(`mode.${s.mode}`)}` : null}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <PhoneField id="book-phone" show={askPhone} />
      <button type="submit" className="button primary">
        {replaces ? t("book.submit_move") : t("book.submit")}
      </button>
    </Form>
  );
}

/** Join the waiting list for a reason at a place: a freed slot is offered by mail or SMS. */
export function WaitlistForm({ reason, place, askPhone }: { reason: string; place: string; askPhone: boolean }) {
  const { t } = useTranslation("appointments");
  return (
    <section aria-labelledby="waitlist-heading" className="booking-box">
      <h2 id="waitlist-heading">{t("book.waitlist_title")}</h2>
      <p>{t("book.waitlist_intro")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="wait" />
        <input type="hidden" name="reason" value={reason} />
        <input type="hidden" name="place" value={place} />
        <PhoneField id="wait-phone" show={askPhone} />
        <button type="submit" className="button secondary">
          {t("book.waitlist_join")}
        </button>
      </Form>
    </section>
  );
}
