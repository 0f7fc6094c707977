import { Form, href, useSearchParams } from "react-router";
import { formatDate, formatNumber } from "../../../lib/i18n";
import { useTranslation } from "../../../lib/use-translation";
import { IntentMessage, replyFor, useIntentReply } from "./form-result";
import { pupilText } from "./pupil-name";
import type { TeamSpaceData } from "./team-space-data";

/** The team's files, the trash (restorable for a while) and the upload form. */
export function Files({ space, canWrite }: { space: TeamSpaceData; canWrite: boolean }) {
  const { t, i18n } = useTranslation("projects");
  const [deleted, restored] = [useIntentReply("delete-file"), useIntentReply("restore-file")];
  const [params] = useSearchParams();
  const ids = { projectId: space.project.id, teamId: space.team.id };
  const uploadError = params.get("erreur");
  return (
    <section aria-labelledby="files-heading">
      <h2 id="files-heading">{t("files.heading")}</h2>
      {space.files.length === 0 ? <p>{t("files.none")}</p> : null}
      <ul className="file-list">
        {space.files.map((f) => (
          <li key={f.id}>
            <a href={href("/projets/:projectId/equipes/:teamId/fichiers/:attachmentId", { ...ids, attachmentId: f.id })} download>
              {f.file_name}
            </a>{" "}
            <span className="hint">
              ({formatNumber(Math.max(1, Math.round(f.size_bytes / 1024)), i18n.language)} {t("files.kb")} — {pupilText(t, f.uploadedBy)},{" "}
              {formatDate(f.uploaded_at, i18n.language)})
            </span>
            {f.handed_in ? <span className="badge">{t("files.handed_in")}</span> : null}
            {canWrite && !f.handed_in ? (
              <FileAction intent="delete-file" file={f} label={t("files.delete")} />
            ) : null}
            <IntentMessage reply={replyFor(deleted, "attachmentId", f.id)} />
          </li>
        ))}
      </ul>
      {space.deletedFiles.length > 0 ? (
        <>
          <h3>{t("files.deleted_heading")}</h3>
          <p className="hint">{t("files.deleted_hint", { days: space.fileTrashDays })}</p>
          <ul className="file-list">
            {space.deletedFiles.map((f) => (
              <li key={f.id}>
                {f.file_name} <span className="hint">({t("files.deleted_on", { date: formatDate(f.deleted_at!, i18n.language) })})</span>
                {!space.readOnly ? (
                  <FileAction intent="restore-file" file={f} label={t("files.restore")} />
                ) : null}
                <IntentMessage reply={replyFor(restored, "attachmentId", f.id)} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {canWrite ? (
        <Form method="post" action={href("/projets/:projectId/equipes/:teamId/fichiers", ids)} encType="multipart/form-data" className="inline-fields">
          {uploadError ? (
            <div className="alert error" role="alert">
              <p>{t(`files.upload_errors.${uploadError}`, { max: space.maxFileMb })}</p>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="team-file">{t("files.choose")}</label>
            <p className="hint" id="team-file-hint">
              {t("files.rules", { max: space.maxFileMb })}
            </p>
            <input id="team-file" name="fichier" type="file" required aria-describedby="team-file-hint" />
          </div>
          <button type="submit" className="button secondary">
            {t("files.upload")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

/** A one-button form acting on one team file (its name read out to screen readers). */
function FileAction({ intent, file, label }: { intent: "delete-file" | "restore-file"; file: { id: string; file_name: string }; label: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="attachmentId" value={file.id} />
      <button type="submit" name="intent" value={intent} className="link-button">
        {label}
        <span className="visually-hidden"> {file.file_name}</span>
      </button>
    </Form>
  );
}
