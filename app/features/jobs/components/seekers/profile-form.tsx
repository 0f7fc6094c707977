import { Form } from "react-router";
import type { JobSeekerProfile } from "../../../../../db/schema/jobs";
import type { ActionReply } from "../../../../lib/action-reply";
import { ActionMessage } from "../../../../components/ui/action-reply";
import { FieldErrors } from "../../../../components/ui/form-field";
import { formatDate } from "../../../../lib/i18n";
import { useTranslation } from "../../../../lib/use-translation";
import { CONSENT_SCOPES, MOBILITY, SEEKER_SECTORS } from "../../schemas-seekers";
import { ForPerson } from "./history";

const isoDay = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString().slice(0, 10) : "");

/** « Ce que je cherche »: works without JavaScript; errors beside their field. */
export function ProfileForm({ profile, reply, learnerId }: { profile: JobSeekerProfile | null; reply: ActionReply | undefined; learnerId: string | null }) {
  const { t } = useTranslation("jobseekers");
  const errors = reply?.status === "error" ? (reply.error ?? {}) : {};
  const err = (name: string) => (errors[name]?.length ? { "aria-invalid": true, "aria-describedby": `profile-${name}-error` } : {});
  return (
    <section aria-labelledby="profile-title" className="card">
      <h2 id="profile-title">{t("project.profile_title")}</h2>
      <ActionMessage reply={reply} okKey="jobseekers:project.saved" formId="profile" />
      <Form method="post" id="profile" noValidate>
        <input type="hidden" name="intent" value="profile" />
        <ForPerson learnerId={learnerId} />
        <fieldset {...err("sectors")}>
          <legend>{t("project.sectors")}</legend>
          {SEEKER_SECTORS.map((s) => (
            <label key={s} className="checkbox">
              <input type="checkbox" name="sectors" value={s} defaultChecked={profile?.sectors.includes(s)} /> {t(`jobs:sectors.${s}`)}
            </label>
          ))}
          <FieldErrors id="profile-sectors-error" errors={errors.sectors ?? undefined} />
        </fieldset>
        <div className="field">
          <label htmlFor="profile-communes">{t("project.communes")}</label>
          <p className="hint" id="profile-communes-hint">
            {t("project.communes_hint")}
          </p>
          <textarea id="profile-communes" name="communes" rows={3} defaultValue={profile?.communes.join("\n") ?? ""} aria-describedby={errors.communes?.length ? "profile-communes-hint profile-communes-error" : "profile-communes-hint"} aria-invalid={errors.communes?.length ? true : undefined} />
          <FieldErrors id="profile-communes-error" errors={errors.communes ?? undefined} />
        </div>
        <fieldset>
          <legend>{t("project.mobility")}</legend>
          {MOBILITY.map((m) => (
            <label key={m} className="checkbox">
              <input type="checkbox" name="mobility" value={m} defaultChecked={profile?.mobility.includes(m)} /> {t(`mobility.${m}`)}
            </label>
          ))}
          <label className="checkbox">
            <input type="checkbox" name="drivingLicence" defaultChecked={profile?.driving_licence} /> {t("project.driving_licence")}
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="profile-available-from">{t("project.available_from")}</label>
          <input id="profile-available-from" type="date" name="availableFrom" defaultValue={isoDay(profile?.available_from)} {...err("availableFrom")} />
          <FieldErrors id="profile-availableFrom-error" errors={errors.availableFrom ?? undefined} />
        </div>
        <div className="field">
          <label htmlFor="profile-availability">{t("project.availability")}</label>
          <p className="hint" id="profile-availability-hint">
            {t("project.availability_hint")}
          </p>
          <input id="profile-availability" name="availability" maxLength={300} defaultValue={profile?.availability ?? ""} aria-describedby="profile-availability-hint" />
        </div>
        <label className="checkbox">
          <input type="checkbox" name="alerts" defaultChecked={profile ? profile.alerts : true} /> {t("project.alerts")}
        </label>
        <p>
          <button type="submit" className="button primary">
            {t("project.save")}
          </button>
        </p>
      </Form>
    </section>
  );
}

/** One explicit button per kind of information: share, or stop sharing — never ticked in advance. */
export function ConsentPanel({ profile, reply, learnerId }: { profile: JobSeekerProfile | null; reply: ActionReply | undefined; learnerId: string | null }) {
  const { t, i18n } = useTranslation("jobseekers");
  return (
    <section aria-labelledby="consent-title" className="card">
      <h2 id="consent-title">{t("project.consent_title")}</h2>
      <p>{t("project.consent_intro")}</p>
      <ActionMessage reply={reply} okKey="jobseekers:project.consent_saved" />
      <ul className="consent-list">
        {CONSENT_SCOPES.map((scope) => {
          const since = scope === "badges" ? profile?.share_badges_since : profile?.share_diagnostic_since;
          return (
            <li key={scope}>
              <h3>{t(`project.consent_${scope}`)}</h3>
              <p className="hint">{t(`project.consent_${scope}_hint`)}</p>
              <p>
                <strong>{since ? t("project.consent_on", { date: formatDate(since, i18n.language) }) : t("project.consent_off")}</strong>
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="consent" />
                <input type="hidden" name="scope" value={scope} />
                <input type="hidden" name="granted" value={since ? "no" : "yes"} />
                <ForPerson learnerId={learnerId} />
                <button type="submit" className={since ? "button secondary" : "button primary"}>
                  {since ? t("project.revoke") : t("project.grant")} — {t(`project.scope_${scope}`)}
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
