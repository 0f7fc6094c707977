import { href, redirect } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/projects.team-files";
import { ATTACHMENT_RULES, uploadAttachment } from "../features/projects/attachments.server";
import { teamFileAccess } from "../features/projects/attachments.server";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { appErrorStatus, isAppError } from "../lib/errors";
import { requireUser } from "../lib/session.server";
import { safeRedirect } from "../lib/safe-redirect";

// An empty file input arrives as no file at all: uploadAttachment answers file_empty.
const UploadSchema = z.object({ fichier: z.any().optional() });

const KNOWN = new Set(["file_empty", "file_too_large", "file_type", "too_many_files", "class_archived", "storage_quota_user", "storage_quota_user_files"]);

/** The team space's upload form posts here, and comes back to the team space. */
export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  const back = href("/projets/:projectId/equipes/:teamId", params);
  // Who may upload is checked before the body is read.
  await teamFileAccess(db, user, params.projectId, params.teamId);
  if (Number(request.headers.get("Content-Length") ?? 0) > ATTACHMENT_RULES.maxBytes + 64 * 1024) {
    return redirect(`${back}?erreur=file_too_large#files-heading`, 303);
  }
  return handleForm(request, UploadSchema, async (value) => {
    try {
      await uploadAttachment(db, user, params.projectId, params.teamId, value.fichier instanceof File ? value.fichier : null);
    } catch (error) {
      // The form lives on the team space: a refusal it can explain goes back there, named by its code.
      if (isAppError(error) && appErrorStatus(error) < 500 && KNOWN.has(error.data.code)) {
        return redirect(`${back}?erreur=${error.data.code}#files-heading`, 303);
      }
      throw error;
    }
    return redirect(`${back}?fichier=ajoute#files-heading`, 303);
  });
}

export function loader({ params }: Route.LoaderArgs) {
  return redirect(safeRedirect(href("/projets/:projectId/equipes/:teamId", params)));
}
