import { Form, href } from "react-router";
import { IntentButton } from "../../../../components/ui/intent-button";
import { ActionMessage } from "../../../../components/ui/action-reply";
import type { ActionReply } from "../../../../lib/action-reply";
import { formatDate } from "../../../../lib/i18n";
import { useTranslation } from "../../../../lib/use-translation";
import type { SharedApplicant } from "../../applications.server";
import { ANSWERS } from "../../schemas-seekers";
import { ApplicationHistory, type HistoryEvent } from "./history";

export interface ApplicantView {
  id: string;
  status: string;
  createdAt: Date | string;
  message: string;
  offerId: string;
  title: string;
  firstName: string;
  lastName: string | null;
  history: HistoryEvent[];
}

const fullName = (a: { firstName: string; lastName: string | null }) => [a.firstName, a.lastName].filter(Boolean).join(" ");

/** The applicants to the partner's offers; opening one's shared profile is a logged action (a POST). */
export function ApplicantList({ applicants, shared, replies }: { applicants: ApplicantView[]; shared: SharedApplicant | null; replies: { view?: ActionReply; answer?: ActionReply } }) {
  const { t, i18n } = useTranslation("jobseekers");
  if (!applicants.length) return <p>{t("applicants.none")}</p>;
  return (
    <ul className="job-applicants">
      {applicants.map((a) => (
        <li key={a.id} className="card" id={`candidature-${a.id}`}>
          <h2>{fullName(a)}</h2>
          <p>
            {t("applicants.for_offer", { title: a.title })} · {t("applicants.received", { date: formatDate(a.createdAt, i18n.language) })} · <strong>{t(`status.${a.status}`)}</strong>
          </p>
          {a.message ? <blockquote>{a.message}</blockquote> : null}
          {a.status === "withdrawn" ? null : shared?.applicationId === a.id ? (
            <SharedProfile shared={shared} />
          ) : (
            <IntentButton intent="view" fields={{ applicationId: a.id }}>
              {t("applicants.view", { name: fullName(a) })}
            </IntentButton>
          )}
          {replies.view && shared?.applicationId === a.id ? <ActionMessage reply={replies.view} /> : null}
          <h3>{t("applicants.history")}</h3>
          <ApplicationHistory events={a.history} />
          {a.status !== "withdrawn" ? <AnswerForm applicationId={a.id} name={fullName(a)} /> : null}
        </li>
      ))}
    </ul>
  );
}

function SharedProfile({ shared }: { shared: SharedApplicant }) {
  const { t, i18n } = useTranslation("jobseekers");
  return (
    <section aria-labelledby={`shared-${shared.applicationId}`} className="shared-profile">
      <h3 id={`shared-${shared.applicationId}`}>{t("applicants.shared_title", { name: fullName(shared) })}</h3>
      <dl>
        {shared.email ? (
          <>
            <dt>{t("applicants.email")}</dt>
            <dd>
              <a href={`mailto:${shared.email}`}>{shared.email}</a>
            </dd>
          </>
        ) : null}
        <dt>{t("applicants.sectors")}</dt>
        <dd>{shared.sectors.map((s) => t(`jobs:sectors.${s}`)).join(", ") || "—"}</dd>
        <dt>{t("applicants.communes")}</dt>
        <dd>{shared.communes.join(", ") || "—"}</dd>
        <dt>{t("applicants.mobility")}</dt>
        <dd>
          {[...shared.mobility.map((m) => t(`mobility.${m}`)), t(shared.drivingLicence ? "applicants.licence_yes" : "applicants.licence_no")].join(", ")}
        </dd>
        {shared.availableFrom || shared.availability ? (
          <>
            <dt>{t("applicants.availability")}</dt>
            <dd>{[shared.availableFrom ? t("applicants.available_from", { date: formatDate(shared.availableFrom, i18n.language) }) : null, shared.availability || null].filter(Boolean).join(" — ")}</dd>
          </>
        ) : null}
      </dl>
      <h4>{t("applicants.badges")}</h4>
      {shared.badges === null ? (
        <p>{t("applicants.not_shared_badges")}</p>
      ) : shared.badges.length === 0 ? (
        <p>{t("applicants.badges_none")}</p>
      ) : (
        <ul>
          {shared.badges.map((b) => (
            <li key={b.id}>
              <a href={href("/badges/:id", { id: b.id })}>{t("applicants.verify", { name: b.name })}</a> ({formatDate(b.issuedAt, i18n.language)})
            </li>
          ))}
        </ul>
      )}
      {shared.diagnostic === null ? (
        <p>{t("applicants.not_shared_diagnostic")}</p>
      ) : (
        <>
          <h4>{t("applicants.diagnostic", { date: formatDate(shared.diagnostic.takenAt, i18n.language) })}</h4>
          <ul>
            {Object.entries(shared.diagnostic.domainLevels).map(([domain, v]) => (
              <li key={domain}>{t("applicants.domain_level", { domain: t(`diagnostic:domains.${domain}`), level: v.level })}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function AnswerForm({ applicationId, name }: { applicationId: string; name: string }) {
  const { t } = useTranslation("jobseekers");
  const id = `answer-${applicationId}`;
  return (
    <Form method="post" className="answer-form">
      <input type="hidden" name="intent" value="answer" />
      <input type="hidden" name="applicationId" value={applicationId} />
      <fieldset>
        <legend>
          {t("applicants.answer")} — {name}
        </legend>
        {ANSWERS.map((a) => (
          <label key={a} className="checkbox">
            <input type="radio" name="status" value={a} required /> {t(`status.${a}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t("applicants.note")}</label>
        <textarea id={`${id}-note`} name="note" rows={2} maxLength={1000} />
      </div>
      <button type="submit" className="button primary">
        {t("applicants.send")}
      </button>
    </Form>
  );
}
