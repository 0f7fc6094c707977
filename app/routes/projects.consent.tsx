import { useTranslation } from "../lib/use-translation";
import { Form, href, useLoaderData } from "react-router";
import type { Route } from "./+types/projects.consent";
import { PageTitle } from "../components/ui/page-title";
import { Breadcrumbs } from "../features/projects/components/breadcrumbs";
import { IntentMessage, replyFor, useIntentReply } from "../features/projects/components/form-result";
import { PupilName } from "../features/projects/components/pupil-name";
import { emailConsentForm, getConsentPage, recordConsent } from "../features/projects/consent.server";
import { todayInParis } from "../features/projects/dates";
import { ConsentActionSchema } from "../features/projects/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDate, formatDateTime, isLocale } from "../lib/i18n";
import { getLocale } from "../lib/i18n.server";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const page = await getConsentPage(context.get(dbContext), user, params.classId);
  return { ...page, today: todayInParis() };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  const locale = getLocale(context);
  // Each pupil has its own pair of forms: the reply names the seat it answers (see replyFor).
  return handleForm(request, ConsentActionSchema, async (value) => {
    if (value.intent === "record") await recordConsent(db, user, params.classId, value);
    else await emailConsentForm(db, user, params.classId, value, isLocale(locale) ? locale : "fr");
  });
}

export default function ConsentPage() {
  const { t, i18n } = useTranslation("projects");
  const { schoolClass, pupils, today } = useLoaderData<typeof loader>();
  const [recorded, emailed] = [useIntentReply("record"), useIntentReply("email")];
  const classId = schoolClass.id;
  const printUrl = href("/classes-scolaires/:classId/autorisations/imprimer", { classId });
  const pending = pupils.filter((p) => p.consents.length === 0);
  return (
    <div className="page">
      <PageTitle>{t("consent.title")}</PageTitle>
      <Breadcrumbs items={[{ href: href("/classes-scolaires"), label: t("home.title_teacher") }, { href: href("/classes-scolaires/:classId", { classId }), label: schoolClass.name }, { label: t("consent.title") }]} />
      <h1>{t("consent.title")}</h1>
      <p>{t("consent.intro")}</p>
      {pupils.length === 0 ? <p>{t("consent.nobody")}</p> : null}
      {pending.length ? (
        <p>
          <a className="button secondary" href={printUrl}>
            {t("consent.print_all", { count: pending.length })}
          </a>
        </p>
      ) : null}
      {pupils.map((p) => {
        const headingId = `pupil-${p.seatId}`;
        return (
          <section key={p.seatId} aria-labelledby={headingId} className="card consent-card">
            <h2 id={headingId}>
              <PupilName pupil={p} />
            </h2>
            {p.consents.length ? (
              <div className="consent-record">
                <IntentMessage reply={replyFor(recorded, "seatId", p.seatId)} okKey="consent.recorded_ok" />
                <p className="status-ok">{t("consent.received")}</p>
                {p.consents.map((c) => (
                  <dl key={c.id} className="details">
                    <dt>{t("consent.given_by")}</dt>
                    <dd>{c.given_by}</dd>
                    <dt>{t("consent.given_on")}</dt>
                    <dd>{formatDate(c.given_on, i18n.language)}</dd>
                    <dt>{t("consent.method")}</dt>
                    <dd>{t(`consent.methods.${c.method}`)}</dd>
                    <dt>{t("consent.recorded")}</dt>
                    <dd>{t("consent.recorded_by", { name: c.recordedBy, date: formatDateTime(c.recorded_at, i18n.language) })}</dd>
                  </dl>
                ))}
              </div>
            ) : (
              <>
                <p className="status-waiting">{t("consent.waiting")}</p>
                <IntentMessage reply={replyFor(recorded, "seatId", p.seatId)} okKey="consent.recorded_ok" />
                <IntentMessage reply={replyFor(emailed, "seatId", p.seatId)} okKey="consent.email_sent" />
                <div className="consent-actions">
                  <Form method="post" className="stack">
                    <h3>{t("consent.record_heading")}</h3>
                    <input type="hidden" name="intent" value="record" />
                    <input type="hidden" name="seatId" value={p.seatId} />
                    <div className="field">
                      <label htmlFor={`given-by-${p.seatId}`}>{t("consent.given_by")}</label>
                      <input id={`given-by-${p.seatId}`} name="givenBy" type="text" maxLength={120} required autoComplete="off" />
                    </div>
                    <fieldset>
                      <legend>{t("consent.method")}</legend>
                      <label className="choice">
                        <input type="radio" name="method" value="paper" defaultChecked /> {t("consent.methods.paper")}
                      </label>
                      <label className="choice">
                        <input type="radio" name="method" value="email" /> {t("consent.methods.email")}
                      </label>
                    </fieldset>
                    <div className="field">
                      <label htmlFor={`given-on-${p.seatId}`}>{t("consent.given_on")}</label>
                      <input id={`given-on-${p.seatId}`} name="givenOn" type="date" defaultValue={today} max={today} required />
                    </div>
                    <button type="submit" className="button primary">
                      {t("consent.record_submit")}
                    </button>
                  </Form>
                  <div className="stack">
                    <h3>{t("consent.send_heading")}</h3>
                    <p>
                      <a href={`${printUrl}?eleve=${p.seatId}`}>{t("consent.print_single")}</a>
                    </p>
                    <Form method="post" className="stack">
                      <input type="hidden" name="intent" value="email" />
                      <input type="hidden" name="seatId" value={p.seatId} />
                      <div className="field">
                        <label htmlFor={`parent-email-${p.seatId}`}>{t("consent.parent_email")}</label>
                        <p className="hint" id={`parent-email-hint-${p.seatId}`}>
                          {t("consent.parent_email_hint")}
                        </p>
                        <input
                          id={`parent-email-${p.seatId}`}
                          name="parentEmail"
                          type="email"
                          required
                          autoComplete="off"
                          aria-describedby={`parent-email-hint-${p.seatId}`}
                        />
                      </div>
                      <button type="submit" className="button secondary">
                        {t("consent.email_submit")}
                      </button>
                    </Form>
                  </div>
                </div>
              </>
            )}
          </section>
        );
      })}
    </div>
  );
}
