import { useTranslation } from "../lib/use-translation";
import { href, redirect, useLoaderData, useSearchParams } from "react-router";
import type { Route } from "./+types/projects.submission";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { competenceLabel } from "../features/projects/competences";
import { Breadcrumbs } from "../features/projects/components/breadcrumbs";
import { PupilName, pupilText } from "../features/projects/components/pupil-name";
import { RichTextView } from "../features/projects/components/rich-text-view";
import { ReviewForm } from "../features/projects/components/review-form";
import { ReviewSchema } from "../features/projects/schemas";
import { getSubmission, reviewSubmission } from "../features/projects/submissions.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { formatDateTime, formatNumber } from "../lib/i18n";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return getSubmission(context.get(dbContext), user, params.projectId, params.teamId, params.submissionId);
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const { projectId, teamId, submissionId } = params;
  return handleForm(request, ReviewSchema, async (value) => {
    await reviewSubmission(context.get(dbContext), user, projectId, teamId, submissionId, value);
    return redirect(`${href("/projets/:projectId/equipes/:teamId/rendus/:submissionId", { projectId, teamId, submissionId })}?avis=1#feedback-heading`, 303);
  });
}

export default function SubmissionPage() {
  const s = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("projects");
  const [params] = useSearchParams();
  const teamUrl = href("/projets/:projectId/equipes/:teamId", { projectId: s.project.id, teamId: s.team.id });
  const sub = s.submission;
  const title = t("submission.title", { milestone: sub.milestoneTitle, version: sub.version });
  return (
    <div className="page">
      <PageTitle>{title}</PageTitle>
      <Breadcrumbs items={[{ href: href("/projets/:projectId", { projectId: s.project.id }), label: s.project.title }, { href: teamUrl, label: s.team.name }, { label: title }]} />
      <h1>{title}</h1>
      {params.has("rendu") ? (
        <div className="alert success" role="status">
          <p>{t("submission.sent")}</p>
        </div>
      ) : null}
      {params.has("avis") ? (
        <div className="alert success" role="status">
          <p>{t("submission.review_saved")}</p>
        </div>
      ) : null}
      <p>
        {t("submission.meta", { date: formatDateTime(sub.submittedAt, i18n.language), name: pupilText(t, sub.submittedBy) })}
      </p>
      {s.versions.length > 1 ? (
        <nav aria-label={t("submission.versions")}>
          <p>
            {t("submission.versions")}{" "}
            {s.versions.map((v, i) => (
              <span key={v.id}>
                {i ? " · " : ""}
                {v.id === sub.id ? <strong aria-current="page">{t("submission.version", { version: v.version })}</strong> : <a href={`${teamUrl}/rendus/${v.id}`}>{t("submission.version", { version: v.version })}</a>}
              </span>
            ))}
          </p>
        </nav>
      ) : null}
      <section aria-labelledby="feedback-heading" className="feedback">
        <h2 id="feedback-heading">{t("feedback.heading")}</h2>
        {s.reviews.length === 0 ? <p>{t("feedback.none")}</p> : null}
        {s.reviews.map((r) => (
          <article key={r.id} className={`card review review-${r.decision}`} aria-labelledby={`review-${r.id}`}>
            <h3 id={`review-${r.id}`}>
              {t(`decisions.${r.decision}`)} — {formatDateTime(r.reviewedAt, i18n.language)}
            </h3>
            <p className="hint">{t("feedback.by", { name: r.reviewer })}</p>
            {r.comment ? <p className="review-comment">{r.comment}</p> : null}
            {r.assessments.length ? (
              <TableScroll
                label={[
                  s.viewerKind === "pupil" ? t("feedback.my_levels") : t("feedback.levels"),
                  t(`decisions.${r.decision}`),
                  formatDateTime(r.reviewedAt, i18n.language),
                ].join(" — ")}
              >
                <table className="data-table">
                  <caption>{s.viewerKind === "pupil" ? t("feedback.my_levels") : t("feedback.levels")}</caption>
                  <thead>
                    <tr>
                      {s.viewerKind === "teacher" ? <th scope="col">{t("class.col_name")}</th> : null}
                      <th scope="col">{t("feedback.competence")}</th>
                      <th scope="col">{t("feedback.level")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.assessments.map((a) => (
                      <tr key={`${a.pupil?.seatId}-${a.competence}`}>
                        {s.viewerKind === "teacher" ? (
                          <td>
                            <PupilName pupil={a.pupil} />
                          </td>
                        ) : null}
                        <td>{competenceLabel(a.competence, i18n.language)}</td>
                        <td>{t("feedback.level_value", { level: a.level })}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            ) : null}
          </article>
        ))}
      </section>
      <section aria-labelledby="work-heading">
        <h2 id="work-heading">{t("submission.work")}</h2>
        {sub.message ? (
          <p>
            <strong>{t("submission.message")}</strong> {sub.message}
          </p>
        ) : null}
        <div className="doc-preview">
          <RichTextView doc={sub.document} emptyText={t("team.document_nothing_yet")} />
        </div>
        <h3>{t("submission.files")}</h3>
        {s.files.length === 0 ? <p>{t("submission.no_files")}</p> : null}
        <ul>
          {s.files.map((f) => (
            <li key={f.id}>
              <a href={`${teamUrl}/fichiers/${f.id}`} download>
                {f.file_name}
              </a>{" "}
              <span className="hint">
                ({formatNumber(Math.max(1, Math.round(f.size_bytes / 1024)), i18n.language)} {t("files.kb")})
              </span>
            </li>
          ))}
        </ul>
      </section>
      {s.viewerKind === "teacher" && !s.readOnly ? <ReviewForm s={s} /> : null}
      <p>
        <a href={teamUrl}>{t("submission.back_to_team")}</a>
      </p>
    </div>
  );
}
