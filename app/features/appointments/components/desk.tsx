import { useTranslation } from "../../../lib/use-translation";
import { Form, href } from "react-router";
import { formatDate, formatDateTime } from "../../../lib/i18n";
import { MODES, REASON_CODES } from "../reasons";
import { PhoneField } from "./booking-forms";
import { TableScroll } from "../../../components/ui/table-scroll";

/** Publish a window of availability: where (a place, or phone / video), when, how long each slot, for which reasons. */
export function PublishForm({ places, today }: { places: { id: string; name: string; commune: string }[]; today: string }) {
  const { t } = useTranslation("appointments");
  return (
    <Form method="post" className="publish-form">
      <input type="hidden" name="intent" value="publish" />
      <fieldset>
        <legend>{t("desk.mode")}</legend>
        {MODES.map((m) => (
          <label className="choice" key={m}>
            <input type="radio" name="mode" value={m} defaultChecked={m === "place"} required /> {t(`mode.${m}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="publish-place">{t("desk.place")}</label>
        <p className="hint" id="publish-place-hint">
          {t("desk.place_hint")}
        </p>
        <select id="publish-place" name="placeId" defaultValue="" aria-describedby="publish-place-hint">
          <option value="">{t("book.choose_place")}</option>
          {places.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.commune})
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="publish-date">{t("desk.date")}</label>
        <input id="publish-date" name="date" type="date" min={today} required />
      </div>
      <div className="field">
        <label htmlFor="publish-from">{t("desk.from")}</label>
        <input id="publish-from" name="from" type="time" required />
      </div>
      <div className="field">
        <label htmlFor="publish-to">{t("desk.to")}</label>
        <input id="publish-to" name="to" type="time" required />
      </div>
      <div className="field">
        <label htmlFor="publish-minutes">{t("desk.slot_minutes")}</label>
        <input id="publish-minutes" name="slotMinutes" type="number" min={10} max={240} step={5} defaultValue={30} required />
      </div>
      <fieldset>
        <legend>{t("desk.reasons")}</legend>
        {REASON_CODES.map((r) => (
          <label className="choice" key={r}>
            <input type="checkbox" name="reasons" value={r} /> {t(`reasons.${r}`)}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button primary">
        {t("desk.publish")}
      </button>
    </Form>
  );
}

interface DeskAppointment {
  id: string;
  userId: string;
  person: string;
  reason: string;
  status: string;
  startsAt: Date | string;
  mode: string;
  place: string | null;
  canMark: boolean;
  businessDiagnostic: { takenAt: Date | string; overall: number } | null;
}

function Action({ id, intent, outcome, label, person }: { id: string; intent: string; outcome?: string; label: string; person: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="appointmentId" value={id} />
      {outcome ? <input type="hidden" name="outcome" value={outcome} /> : null}
      <button type="submit" className="button secondary">
        {label}
        <span className="visually-hidden"> {person}</span>
      </button>
    </Form>
  );
}

type FreeSlot = { id: string; starts_at: Date | string; mode: string; reasons: string[]; space_name: string | null };

/** Moves an appointment to another free slot for the same reason (the person is told). */
function MoveForm({ a, slots }: { a: DeskAppointment; slots: FreeSlot[] }) {
  const { t } = useTranslation("appointments");
  const fitting = slots.filter((s) => s.reasons.includes(a.reason));
  if (fitting.length === 0) return null;
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="appointmentId" value={a.id} />
      <label htmlFor={`move-${a.id}`} className="visually-hidden">
        {t("desk.move_to", { person: a.person })}
      </label>
      <select id={`move-${a.id}`} name="slotId" required defaultValue="">
        <SlotOptions slots={fitting} />
      </select>
      <button type="submit" className="button secondary">
        {t("desk.move")}
        <span className="visually-hidden"> {a.person}</span>
      </button>
    </Form>
  );
}

/** The appointments at the mediator's places, with what can be done with each. */
export function DeskTable({ appointments, freeSlots }: { appointments: DeskAppointment[]; freeSlots: FreeSlot[] }) {
  const { t, i18n } = useTranslation("appointments");
  return (
    <TableScroll label={t("desk.caption", { count: appointments.length })}>
      <table className="data-table">
        <caption>{t("desk.caption", { count: appointments.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("desk.when")}</th>
            <th scope="col">{t("desk.person")}</th>
            <th scope="col">{t("desk.reason")}</th>
            <th scope="col">{t("desk.where")}</th>
            <th scope="col">{t("desk.status")}</th>
            <th scope="col">{t("desk.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {appointments.map((a) => (
            <tr key={a.id}>
              <td>{formatDateTime(a.startsAt, i18n.language)}</td>
              <td>
                <a href={href("/accompagnement/personnes/:id", { id: a.userId })}>{a.person}</a>
              </td>
              <td>
                {t(`reasons.${a.reason}`)}
                {a.businessDiagnostic ? (
                  <p className="hint">{t("desk.business_diagnostic", { date: formatDate(a.businessDiagnostic.takenAt, i18n.language), score: a.businessDiagnostic.overall })}</p>
                ) : null}
              </td>
              <td>{a.mode === "place" ? a.place : t(`mode.${a.mode}`)}</td>
              <td>{t(`status.${a.status}`)}</td>
              <td>
                {a.canMark ? (
                  <>
                    <Action id={a.id} intent="mark" outcome="attended" label={t("desk.attended")} person={a.person} />
                    <Action id={a.id} intent="mark" outcome="no_show" label={t("desk.no_show")} person={a.person} />
                  </>
                ) : null}
                {a.status === "booked" ? (
                  <>
                    <Action id={a.id} intent="cancel" label={t("desk.cancel")} person={a.person} />
                    <MoveForm a={a} slots={freeSlots} />
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Book a free slot for someone the mediator helps (a phone call, an assisted account). */
export function BookForForm({ people, slots }: { people: { id: string; name: string }[]; slots: FreeSlot[] }) {
  const { t } = useTranslation("appointments");
  return (
    <Form method="post" className="book-for-form">
      <input type="hidden" name="intent" value="book-for" />
      <div className="field">
        <label htmlFor="for-person">{t("desk.person")}</label>
        <select id="for-person" name="userId" defaultValue="" required>
          <option value="">{t("desk.choose_person")}</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="for-slot">{t("desk.slot")}</label>
        <select id="for-slot" name="slotId" defaultValue="" required>
          <SlotOptions slots={slots} />
        </select>
      </div>
      <div className="field">
        <label htmlFor="for-reason">{t("desk.reason")}</label>
        <select id="for-reason" name="reason" defaultValue="" required>
          <option value="">{t("desk.choose_reason")}</option>
          {REASON_CODES.map((r) => (
            <option key={r} value={r}>
              {t(`reasons.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <PhoneField id="for-phone" show />
      <button type="submit" className="button primary">
        {t("desk.book_for")}
      </button>
    </Form>
  );
}

/** Take back a free slot; booked ones are not offered (cancel or move the appointment first). */
export function WithdrawForm({ slots }: { slots: FreeSlot[] }) {
  const { t } = useTranslation("appointments");
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="withdraw" />
      <p className="hint" id="withdraw-hint">
        {t("desk.withdraw_hint")}
      </p>
      <label htmlFor="withdraw-slot">{t("desk.withdraw_slot")}</label>
      <select id="withdraw-slot" name="slotId" defaultValue="" required aria-describedby="withdraw-hint">
        <SlotOptions slots={slots} />
      </select>
      <button type="submit" className="button secondary">
        {t("desk.withdraw")}
      </button>
    </Form>
  );
}

/** The free slots as a select's options, with the empty choice first. */
function SlotOptions({ slots }: { slots: FreeSlot[] }) {
  const { t, i18n } = useTranslation("appointments");
  return (
    <>
      <option value="">{t("desk.choose_slot")}</option>
      {slots.map((s) => (
        <option key={s.id} value={s.id}>
          {formatDateTime(s.starts_at, i18n.language)} — {s.mode === "place" ? s.space_name : t(`mode.${s.mode}`)}
        </option>
      ))}
    </>
  );
}
