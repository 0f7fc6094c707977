import { useTranslation } from "../lib/use-translation";
import { Form, useLoaderData, href } from "react-router";
import type { Route } from "./+types/projects.document-conflict";
import { PageTitle } from "../components/ui/page-title";
import { Breadcrumbs } from "../features/projects/components/breadcrumbs";
import { pupilText } from "../features/projects/components/pupil-name";
import { RichTextView } from "../features/projects/components/rich-text-view";
import { getConflict } from "../features/projects/documents.server";
import { dbContext } from "../lib/context";
import { formatDateTime } from "../lib/i18n";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  return getConflict(context.get(dbContext), user, params.projectId, params.teamId, params.revisionId);
}

/**
 * The merge screen: someone saved the document while you were writing.
 * Their version is the document now; yours is kept in the history. Choose
 * one, or merge both texts by hand — nothing is lost either way.
 */
export default function DocumentConflict() {
  const { t, i18n } = useTranslation("projects");
  const { project, team, canEdit, mine, theirs } = useLoaderData<typeof loader>();
  const teamUrl = href("/projets/:projectId/equipes/:teamId", { projectId: project.id, teamId: team.id });
  const docUrl = `${teamUrl}/document`;
  const authors = theirs.authors.map((a) => pupilText(t, a)).join(", ");
  const merged = `${theirs.markdown.trim()}\n\n---\n\n${mine.markdown.trim()}\n`;
  return (
    <div className="page">
      <PageTitle>{t("conflict.title")}</PageTitle>
      <Breadcrumbs
        items={[
          { href: href("/projets/:projectId", { projectId: project.id }), label: project.title },
          { href: teamUrl, label: team.name },
          { href: docUrl, label: t("document.short") },
          { label: t("conflict.title") },
        ]}
      />
      <h1>{t("conflict.title")}</h1>
      <div className="alert notice" role="alert">
        <p>
          <strong>{t("conflict.someone_changed", { names: authors || t("pupil_unknown") })}</strong>
        </p>
        <p>{t("conflict.nothing_lost")}</p>
      </div>
      <div className="merge-columns">
        <section aria-labelledby="theirs-heading" className="merge-column">
          <h2 id="theirs-heading">{t("conflict.theirs", { version: theirs.version })}</h2>
          <p className="hint">{t("conflict.theirs_hint", { names: authors, date: formatDateTime(theirs.updatedAt, i18n.language) })}</p>
          <div className="doc-preview">
            <RichTextView doc={theirs.content} emptyText={t("team.document_nothing_yet")} />
          </div>
        </section>
        <section aria-labelledby="mine-heading" className="merge-column">
          <h2 id="mine-heading">{t("conflict.mine")}</h2>
          <p className="hint">{t("conflict.mine_hint", { version: mine.baseVersion, date: formatDateTime(mine.savedAt, i18n.language) })}</p>
          <div className="doc-preview">
            <RichTextView doc={mine.content} emptyText={t("team.document_nothing_yet")} />
          </div>
        </section>
      </div>
      {canEdit ? (
        <section aria-labelledby="choose-heading">
          <h2 id="choose-heading">{t("conflict.choose")}</h2>
          <div className="actions">
            <a className="button secondary" href={docUrl}>
              {t("conflict.keep_theirs")}
            </a>
            <Form method="post" action={docUrl}>
              <input type="hidden" name="intent" value="restore" />
              <input type="hidden" name="mode" value="form" />
              <input type="hidden" name="revisionId" value={mine.id} />
              <input type="hidden" name="expectedVersion" value={theirs.version} />
              <button type="submit" className="button secondary">
                {t("conflict.keep_mine")}
              </button>
            </Form>
          </div>
          <Form method="post" action={docUrl} className="stack">
            <h3>{t("conflict.merge_heading")}</h3>
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="mode" value="form" />
            <input type="hidden" name="expectedVersion" value={theirs.version} />
            <div className="field">
              <label htmlFor="merged-text">{t("conflict.merge_label")}</label>
              <p className="hint" id="merged-hint">
                {t("conflict.merge_hint")}
              </p>
              <textarea id="merged-text" name="markdown" rows={16} defaultValue={merged} aria-describedby="merged-hint" />
            </div>
            <button type="submit" className="button primary">
              {t("conflict.merge_submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
