import { Form, href, useSearchParams } from "react-router";
import { PageTitle } from "../../../components/ui/page-title";
import { TableScroll } from "../../../components/ui/table-scroll";
import { formatDate } from "../../../lib/i18n";
import { useTranslation } from "../../../lib/use-translation";
import { AccessCards } from "./access-cards";
import { Breadcrumbs } from "./breadcrumbs";
import type { TeacherClassPage } from "./class-page-data";
import { IntentMessage, useIntentReply, type IssuedCard } from "./form-result";
import { PupilName } from "./pupil-name";

/** The class page for its teacher: the join code, the pupils and their cards, consent, projects, archiving. */
export function TeacherView({ data }: { data: TeacherClassPage }) {
  const { t, i18n } = useTranslation("projects");
  const newCard = useIntentReply<IssuedCard>("new-card");
  const [newCode, closed, archive] = [useIntentReply("new-code"), useIntentReply("close-joining"), useIntentReply("archive")];
  const [params] = useSearchParams();
  const { schoolClass, pupils, projects, join, retentionDays, purgeOn, siteUrl } = data;
  const archived = !!schoolClass.archived_at;
  const classId = schoolClass.id;
  const waiting = pupils.filter((p) => p.limited).length;
  return (
    <div className="page">
      <PageTitle>{schoolClass.name}</PageTitle>
      <Breadcrumbs items={[{ href: href("/classes-scolaires"), label: t("home.title_teacher") }, { label: schoolClass.name }]} />
      <h1>{schoolClass.name}</h1>
      <p>
        {schoolClass.school} · {t(`levels.${schoolClass.level}`)} · {schoolClass.school_year}
      </p>
      {params.has("creee") ? (
        <div className="alert success" role="status">
          <p>{t("class.created")}</p>
        </div>
      ) : null}
      {schoolClass.personal_data_purged_at ? (
        <p className="alert notice">{t("class.purged", { date: formatDate(schoolClass.personal_data_purged_at, i18n.language) })}</p>
      ) : archived && purgeOn ? (
        <p className="alert notice">{t("class.archived_teacher", { date: formatDate(purgeOn, i18n.language) })}</p>
      ) : null}

      {!archived ? (
        <section aria-labelledby="join-heading" className="join-panel">
          <h2 id="join-heading">{t("class.join_heading")}</h2>
          <IntentMessage reply={newCode} okKey="class.code_renewed" />
          <IntentMessage reply={closed} okKey="class.joining_closed" />
          {join ? (
            <div className="join-box">
              <img src={join.qr} alt={t("class.qr_alt", { name: schoolClass.name })} width={180} height={180} className="join-qr" />
              <div>
                <p>{t("class.join_explain")}</p>
                <p className="join-code" aria-label={t("class.code_label")}>
                  <span className="visually-hidden">{t("class.code_label")} </span>
                  <strong data-testid="join-code">{join.code}</strong>
                </p>
                <p className="hint">
                  {t("class.join_link")} <code>{join.url}</code>
                </p>
              </div>
            </div>
          ) : (
            <p>{t("class.joining_is_closed")}</p>
          )}
          <div className="actions">
            <Form method="post">
              <button type="submit" name="intent" value="new-code" className="button secondary">
                {join ? t("class.new_code") : t("class.open_joining")}
              </button>
            </Form>
            {join ? (
              <Form method="post">
                <button type="submit" name="intent" value="close-joining" className="button secondary">
                  {t("class.close_joining")}
                </button>
              </Form>
            ) : null}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="pupils-heading">
        <h2 id="pupils-heading">{t("class.pupils_heading", { count: pupils.length })}</h2>
        <IntentMessage reply={newCard} />
        {newCard?.data ? <AccessCards cards={[{ ...newCard.data }]} className={schoolClass.name} siteUrl={siteUrl} /> : null}
        <div className="actions">
          {!archived ? <a href={href("/classes-scolaires/:classId/eleves/import", { classId })}>{t("class.import_link")}</a> : null}
          <a href={href("/classes-scolaires/:classId/autorisations", { classId })}>{waiting ? t("class.consent_link_waiting", { count: waiting }) : t("class.consent_link")}</a>
        </div>
        {pupils.length === 0 ? (
          <p>{t("class.no_pupils")}</p>
        ) : (
          <TableScroll label={t("class.pupils_caption")}>
            <table className="data-table">
              <caption className="visually-hidden">{t("class.pupils_caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("class.col_number")}</th>
                  <th scope="col">{t("class.col_name")}</th>
                  <th scope="col">{t("class.col_consent")}</th>
                  {!archived ? <th scope="col">{t("class.col_card")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {pupils.map((p) => (
                  <tr key={p.seatId}>
                    <td>{p.number}</td>
                    <td>
                      <PupilName pupil={p} />
                    </td>
                    <td>{!p.underAge ? t("class.consent_not_needed") : p.hasConsent ? t("class.consent_received") : t("class.consent_waiting")}</td>
                    {!archived ? (
                      <td>
                        {p.hasCardAccount ? (
                          <Form method="post" className="inline-form">
                            <input type="hidden" name="seatId" value={p.seatId} />
                            <button type="submit" name="intent" value="new-card" className="link-button">
                              {t("class.new_card")}
                              <span className="visually-hidden"> {p.name}</span>
                            </button>
                          </Form>
                        ) : (
                          t("class.own_account")
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="projects-heading">
        <h2 id="projects-heading">{t("class.projects")}</h2>
        {!archived ? (
          <p>
            <a className="button primary" href={`${href("/projets/nouveau")}?classe=${classId}`}>
              {t("class.new_project")}
            </a>
          </p>
        ) : null}
        {projects.length === 0 ? <p>{t("class.no_projects")}</p> : null}
        <ul>
          {projects.map((p) => (
            <li key={p.id}>
              <a href={href("/projets/:projectId", { projectId: p.id })}>{p.title}</a>
              {p.shared ? ` (${t("class.shared_project")})` : null}
            </li>
          ))}
        </ul>
      </section>

      {!archived ? (
        <section aria-labelledby="archive-heading">
          <h2 id="archive-heading">{t("class.archive_heading")}</h2>
          <p>{t("class.archive_explain", { days: retentionDays })}</p>
          <IntentMessage reply={archive} />
          <Form method="post" className="stack">
            <label className="choice">
              <input type="checkbox" name="confirm" value="on" required /> {t("class.archive_confirm")}
            </label>
            <button type="submit" name="intent" value="archive" className="button secondary">
              {t("class.archive_submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
