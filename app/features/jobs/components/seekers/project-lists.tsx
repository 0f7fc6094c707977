import { href } from "react-router";
import { IntentButton } from "../../../../components/ui/intent-button";
import { formatDate, formatDateTime } from "../../../../lib/i18n";
import { useTranslation } from "../../../../lib/use-translation";
import { ApplicationHistory, type HistoryEvent } from "./history";

/** An offer's path page, for the person or for a mediator with them. */
const pathLink = (offerId: string, learnerId: string | null) => {
  const link = href("/emplois/:id/parcours", { id: offerId });
  return learnerId ? `${link}?personne=${encodeURIComponent(learnerId)}` : link;
};

export function ConsentHistory({ events }: { events: { scope: string; granted: boolean; at: Date | string }[] }) {
  const { t, i18n } = useTranslation("jobseekers");
  if (!events.length) return null;
  return (
    <details className="consent-history">
      <summary>{t("project.consent_history")}</summary>
      <ul>
        {events.map((e, i) => (
          <li key={i}>{t(e.granted ? "project.consent_granted" : "project.consent_revoked", { date: formatDateTime(e.at, i18n.language), what: t(`project.scope_${e.scope}`) })}</li>
        ))}
      </ul>
    </details>
  );
}

export interface DisclosureView {
  id: string;
  shown: string[];
  at: Date | string;
  partnerName: string | null;
  viewerFirstName: string | null;
  viewerLastName: string | null;
  offerTitle: string | null;
}

/** Every time a partner's staff member saw what the person shares: who, which partner, what, when. */
export function DisclosureList({ disclosures }: { disclosures: DisclosureView[] }) {
  const { t, i18n } = useTranslation("jobseekers");
  return (
    <section aria-labelledby="disclosures-title" className="card">
      <h2 id="disclosures-title">{t("project.disclosures_title")}</h2>
      {disclosures.length === 0 ? <p>{t("project.disclosures_none")}</p> : null}
      <ul className="disclosure-list">
        {disclosures.map((d) => (
          <li key={d.id}>
            {t("project.disclosure", {
              date: formatDateTime(d.at, i18n.language),
              viewer: [d.viewerFirstName, d.viewerLastName].filter(Boolean).join(" ") || "—",
              partner: d.partnerName ?? "—",
              offer: d.offerTitle ?? "—",
              what: d.shown.map((s) => t(`project.shown_${s}`)).join(", "),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface MyApplicationView {
  id: string;
  status: string;
  createdAt: Date | string;
  offerId: string;
  title: string;
  partnerName: string;
  history: HistoryEvent[];
}

export function MyApplications({ applications, learnerId }: { applications: MyApplicationView[]; learnerId: string | null }) {
  const { t, i18n } = useTranslation("jobseekers");
  return (
    <section aria-labelledby="applications-title" className="card">
      <h2 id="applications-title">{t("project.applications_title")}</h2>
      {applications.length === 0 ? <p>{t("project.applications_none")}</p> : null}
      <ul className="job-applications">
        {applications.map((a) => (
          <li key={a.id}>
            <h3>
              <a href={pathLink(a.offerId, learnerId)}>{a.title}</a> — {a.partnerName}
            </h3>
            <p>
              <strong>{t(`status.${a.status}`)}</strong> · {formatDate(a.createdAt, i18n.language)}
            </p>
            <ApplicationHistory events={a.history} />
            {a.status !== "withdrawn" && a.status !== "hired" ? (
              <IntentButton intent="withdraw" fields={{ applicationId: a.id, learnerId }}>
                {t("project.withdraw")} — {a.title}
              </IntentButton>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface FollowedPathView {
  offerId: string;
  title: string;
  followedAt: Date | string;
  done: number;
  count: number;
}

/** The offers' paths the person follows, with progress (also listed in « Mon suivi »). */
export function FollowedJobPaths({ paths, learnerId, headingLevel = 2 }: { paths: FollowedPathView[]; learnerId?: string | null; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation("jobseekers");
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="job-paths-title" className="card">
      <H id="job-paths-title">{t("project.paths_title")}</H>
      {paths.length === 0 ? <p>{t("project.paths_none")}</p> : null}
      <ul className="job-paths">
        {paths.map((p) => (
          <li key={p.offerId}>
            <a href={pathLink(p.offerId, learnerId ?? null)}>{p.title}</a>
            <p>
              <progress max={Math.max(p.count, 1)} value={p.count ? p.done : 1} aria-label={t("project.path_progress", { done: p.done, total: p.count })} />{" "}
              {t("project.path_progress", { done: p.done, total: p.count })}
            </p>
            {learnerId !== undefined ? (
              <IntentButton intent="unfollow" fields={{ offerId: p.offerId, learnerId }}>
                {t("project.unfollow")} — {p.title}
              </IntentButton>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
