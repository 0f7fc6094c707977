import { Form, href } from "react-router";
import { IntentButton } from "../../../../components/ui/intent-button";
import { ActionMessage } from "../../../../components/ui/action-reply";
import type { ActionReply } from "../../../../lib/action-reply";
import { formatDate, formatDateTime } from "../../../../lib/i18n";
import { useTranslation } from "../../../../lib/use-translation";
import type { PathStep, SkillHave } from "../../matching";
import { ForPerson } from "./history";

export interface OfferMatchView {
  offer: { id: string; title: string; partnerName: string };
  person: { id: string; firstName: string; self: boolean };
  have: SkillHave[];
  toLearn: { competence: string; level: number | null }[];
  steps: PathStep[];
  followingSince: Date | string | null;
  application: { id: string; status: string } | null;
}

function Done({ text }: { text: string }) {
  return (
    <div className="alert success" role="status">
      <p>{text}</p>
    </div>
  );
}

const pix = (code: string) => `courses:pix.${code.replace(".", "_")}`;

/**
 * What a signed-in learner sees on an offer: « 1 compétence que vous avez,
 * 1 à apprendre », then the path (courses, workshops, appointments) and the
 * two actions. Forms post to the path page, so the offer page (part A) only
 * renders this component.
 */
export function OfferMatch({ match, replies, done }: { match: OfferMatchView; replies?: { interest?: ActionReply; follow?: ActionReply }; done?: string | null }) {
  const { t, i18n } = useTranslation("jobseekers");
  const action = href("/emplois/:id/parcours", { id: match.offer.id });
  const learnerId = match.person.self ? null : match.person.id;
  const summary = t("match.summary", { have: t("match.summary_have", { count: match.have.length }), learn: t("match.summary_learn", { count: match.toLearn.length }) });
  return (
    <section aria-labelledby="match-title" className="job-match">
      <h2 id="match-title">{t("match.title")}</h2>
      <p className="lead job-match-summary">{summary}</p>
      {match.have.length ? (
        <>
          <h3>{t("match.have_title")}</h3>
          <ul>
            {match.have.map((s) => (
              <li key={s.competence}>
                {t(pix(s.competence))} — {s.source === "badge" ? t("match.via_badge", { name: s.badgeName }) : t("match.via_diagnostic")}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {match.steps.length ? (
        <>
          <h3>{t("match.path_title")}</h3>
          <ol className="job-path-steps">
            {match.steps.map((step) => (
              <li key={step.competence}>
                <h4>
                  {t(pix(step.competence))}
                  {match.toLearn.find((s) => s.competence === step.competence)?.level ? <> ({t("match.level", { level: match.toLearn.find((s) => s.competence === step.competence)!.level })})</> : null}
                </h4>
                {step.courses.length ? (
                  <p>
                    {t("match.courses")} :{" "}
                    {step.courses.map((c, i) => (
                      <span key={c.slug}>
                        {i ? ", " : null}
                        <a href={href("/cours/:slug", { slug: c.slug })}>{c.title}</a>
                      </span>
                    ))}
                  </p>
                ) : null}
                {step.workshops.length ? (
                  <p>
                    {t("match.workshops")} :{" "}
                    {step.workshops.map((w, i) => (
                      <span key={w.id}>
                        {i ? ", " : null}
                        <a href={href("/ateliers/:id", { id: w.id })}>
                          {w.title} ({formatDateTime(w.startsAt, i18n.language)})
                        </a>
                      </span>
                    ))}
                  </p>
                ) : null}
                {step.reasons.length ? (
                  <p>
                    {t("match.reasons")} :{" "}
                    {step.reasons.map((r, i) => (
                      <span key={r}>
                        {i ? ", " : null}
                        <a href={`${href("/rendez-vous/prendre")}?motif=${r}`}>{t(`appointments:reasons.${r}`)}</a>
                      </span>
                    ))}
                  </p>
                ) : null}
                {!step.courses.length && !step.workshops.length && !step.reasons.length ? <p>{t("match.nothing_yet")}</p> : null}
              </li>
            ))}
          </ol>
          <ActionMessage reply={replies?.follow} />
          {done === "follow" ? <Done text={t("match.followed")} /> : null}
          {match.followingSince ? (
            <>
              <p>{t("match.following", { date: formatDate(match.followingSince, i18n.language) })}</p>
              <IntentButton intent="unfollow" fields={{ learnerId }} action={action}>
                {t("match.unfollow")}
              </IntentButton>
            </>
          ) : (
            <IntentButton intent="follow" fields={{ learnerId }} action={action} variant="primary">
              {t("match.follow")}
            </IntentButton>
          )}
        </>
      ) : (
        <p>{t("match.all_good")}</p>
      )}
      <h3>{t("match.interest_title")}</h3>
      <p>
        <a href={learnerId ? `${href("/emplois/mon-projet")}?personne=${encodeURIComponent(learnerId)}` : href("/emplois/mon-projet")}>{t("match.see_project")}</a>
      </p>
      <ActionMessage reply={replies?.interest} />
      {done === "interest" ? <Done text={t("match.interest_sent")} /> : null}
      {match.application && match.application.status !== "withdrawn" ? (
        <p>
          {t(`status.${match.application.status}`)}
        </p>
      ) : (
        <Form method="post" action={action}>
          <input type="hidden" name="intent" value="interest" />
          <ForPerson learnerId={learnerId} />
          <p className="hint" id="interest-hint">
            {t("match.interest_hint")}
          </p>
          <div className="field">
            <label htmlFor="interest-message">{t("match.message")}</label>
            <textarea id="interest-message" name="message" rows={3} maxLength={1000} aria-describedby="interest-hint" />
          </div>
          <button type="submit" className="button primary">
            {t("match.interest")}
          </button>
        </Form>
      )}
    </section>
  );
}
