import { useTranslation } from "../lib/use-translation";
import { Form, useLoaderData, href } from "react-router";
import type { Route } from "./+types/projects.document-versions";
import { PageTitle } from "../components/ui/page-title";
import { TableScroll } from "../components/ui/table-scroll";
import { Breadcrumbs } from "../features/projects/components/breadcrumbs";
import { PupilName } from "../features/projects/components/pupil-name";
import { RichTextView } from "../features/projects/components/rich-text-view";
import { listRevisions } from "../features/projects/documents.server";
import { dbContext } from "../lib/context";
import { formatDateTime } from "../lib/i18n";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const show = new URL(request.url).searchParams.get("voir");
  return listRevisions(context.get(dbContext), user, params.projectId, params.teamId, show);
}

/** Every save of the team document, the ones that lost a race included. */
export default function DocumentVersions() {
  const { t, i18n } = useTranslation("projects");
  const { project, team, canEdit, revisions, shown, currentVersion } = useLoaderData<typeof loader>();
  const teamUrl = href("/projets/:projectId/equipes/:teamId", { projectId: project.id, teamId: team.id });
  const base = `${teamUrl}/document/versions`;
  return (
    <div className="page">
      <PageTitle>{t("versions.title")}</PageTitle>
      <Breadcrumbs
        items={[
          { href: href("/projets/:projectId", { projectId: project.id }), label: project.title },
          { href: teamUrl, label: team.name },
          { href: `${teamUrl}/document`, label: t("document.short") },
          { label: t("versions.title") },
        ]}
      />
      <h1>{t("versions.title")}</h1>
      <p>{t("versions.intro")}</p>
      {shown ? (
        <section aria-labelledby="shown-heading" className="card">
          <h2 id="shown-heading">
            {shown.kind === "saved" ? t("versions.version", { version: shown.version }) : t("versions.conflict_copy")} —{" "}
            {formatDateTime(shown.savedAt, i18n.language)}
          </h2>
          <div className="doc-preview">
            <RichTextView doc={shown.content} emptyText={t("team.document_nothing_yet")} />
          </div>
          {canEdit && shown.version !== currentVersion ? (
            <Form method="post" action={`${teamUrl}/document`}>
              <input type="hidden" name="intent" value="restore" />
              <input type="hidden" name="mode" value="form" />
              <input type="hidden" name="revisionId" value={shown.id} />
              <input type="hidden" name="expectedVersion" value={currentVersion} />
              <button type="submit" className="button secondary">
                {t("versions.restore")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      {revisions.length === 0 ? (
        <p>{t("versions.none")}</p>
      ) : (
        <TableScroll label={t("versions.title")}>
          <table className="data-table">
            <caption className="visually-hidden">{t("versions.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("versions.col_version")}</th>
                <th scope="col">{t("versions.col_by")}</th>
                <th scope="col">{t("versions.col_when")}</th>
                <th scope="col">{t("versions.col_show")}</th>
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.id}>
                  <td>{r.kind === "saved" ? t("versions.version", { version: r.version }) : t("versions.conflict_copy")}</td>
                  <td>
                    <PupilName pupil={r.savedBy} />
                  </td>
                  <td>{formatDateTime(r.saved_at, i18n.language)}</td>
                  <td>
                    <a href={`${base}?voir=${r.id}`}>
                      {t("versions.show")}
                      <span className="visually-hidden"> {r.kind === "saved" ? t("versions.version", { version: r.version }) : t("versions.conflict_copy")}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
