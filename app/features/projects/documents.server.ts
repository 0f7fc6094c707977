import type { User } from "../../../db/schema/accounts";
import type { StoredDoc } from "../../../db/schema/projects";
import { type Db, withRetryingTransaction } from "../../lib/db.server";
import { isUuid } from "../../lib/ids";
import { notFound, teamAccess, teamMemberAccess } from "./access.server";
import { documentToMarkdown } from "./doc-markdown";
import * as dq from "./documents/queries.server";
import { documentFromInput, sameDocument } from "./rich.server";
import type { SaveDocumentPost } from "./schemas";
import { seatLabels } from "./teams.server";

/** The team document, for its page: current content and version, and the plain-form Markdown. */
export async function getTeamDocument(db: Db, user: User, projectId: string, teamId: string) {
  const access = await teamAccess(db, user, projectId, teamId);
  const doc = await dq.currentDocument(db, access.team.id);
  const labels = await seatLabels(db, [doc.updated_by_pupil_id], access.viewer);
  return {
    project: { id: access.project.id, title: access.project.title },
    team: { id: access.team.id, name: access.team.name },
    canEdit: access.viewer.kind === "pupil" && !access.readOnly,
    content: doc.content,
    markdown: documentToMarkdown(doc.content),
    version: doc.version,
    updatedAt: doc.updated_at,
    updatedBy: doc.updated_by_pupil_id ? (labels.get(doc.updated_by_pupil_id) ?? null) : null,
  };
}

export type SaveOutcome = { status: "saved"; version: number } | { status: "unchanged"; version: number } | { status: "conflict"; revisionId: string; version: number };

/**
 * Saves the team document if nobody saved since `expectedVersion`:
 * UPDATE … WHERE version = expected, in one statement, so of two saves of
 * the same version exactly one wins. Every attempt is kept as a revision;
 * the loser's text is stored as a "conflict" revision that the merge screen
 * shows next to the winner's — nothing typed is lost.
 */
export async function saveTeamDocument(
  db: Db,
  user: User,
  projectId: string,
  teamId: string,
  input: { content: StoredDoc; expectedVersion: number },
): Promise<SaveOutcome> {
  const access = await teamMemberAccess(db, user, projectId, teamId);
  const seatId = access.viewer.seatId;
  return withRetryingTransaction(db, async (trx) => {
    const current = await dq.currentDocument(trx, access.team.id);
    if (current.version === input.expectedVersion && sameDocument(current.content, input.content)) {
      return { status: "unchanged" as const, version: current.version };
    }
    const saved = await dq.saveIfVersion(trx, access.team.id, input.content, input.expectedVersion, seatId);
    const attempt = { teamId: access.team.id, baseVersion: input.expectedVersion, content: input.content, seatId };
    if (saved) {
      await dq.insertRevision(trx, { ...attempt, kind: "saved", version: saved.version });
      return { status: "saved" as const, version: saved.version };
    }
    const kept = await dq.insertRevision(trx, { ...attempt, kind: "conflict", version: null });
    const latest = await dq.currentDocument(trx, access.team.id);
    return { status: "conflict" as const, revisionId: kept.id, version: latest.version };
  });
}

/** A save from the page: the editor's JSON or the plain form's Markdown, through the allow-list first. */
export function saveTeamDocumentInput(
  db: Db,
  user: User,
  projectId: string,
  teamId: string,
  input: { json?: string; markdown?: string; expectedVersion: number },
) {
  return saveTeamDocument(db, user, projectId, teamId, {
    content: documentFromInput({ json: input.json, markdown: input.markdown }),
    expectedVersion: input.expectedVersion,
  });
}

async function findRevision(db: Db, teamId: string, revisionId: string) {
  const revision = isUuid(revisionId) ? await dq.findRevision(db, teamId, revisionId) : undefined;
  if (!revision) throw notFound("revision");
  return revision;
}

/** Saves an earlier revision (a conflict's text, an old version) as the new current version. */
export async function restoreRevision(db: Db, user: User, projectId: string, teamId: string, input: { revisionId: string; expectedVersion: number }) {
  const access = await teamMemberAccess(db, user, projectId, teamId);
  const revision = await findRevision(db, access.team.id, input.revisionId);
  return saveTeamDocument(db, user, projectId, teamId, { content: revision.content, expectedVersion: input.expectedVersion });
}

/** The merge screen: the text that lost the race, next to the version that won. */
export async function getConflict(db: Db, user: User, projectId: string, teamId: string, revisionId: string) {
  const access = await teamAccess(db, user, projectId, teamId);
  const mine = await findRevision(db, access.team.id, revisionId);
  if (mine.kind !== "conflict") throw notFound("revision");
  const current = await dq.currentDocument(db, access.team.id);
  // Who saved the versions in between, for "someone changed this".
  const between = await dq.saversSince(db, access.team.id, mine.base_version);
  const labels = await seatLabels(db, [mine.saved_by_pupil_id, ...between.map((b) => b.saved_by_pupil_id)], access.viewer);
  return {
    project: { id: access.project.id, title: access.project.title },
    team: { id: access.team.id, name: access.team.name },
    canEdit: access.viewer.kind === "pupil" && !access.readOnly,
    mine: { id: mine.id, content: mine.content, markdown: documentToMarkdown(mine.content), baseVersion: mine.base_version, savedAt: mine.saved_at },
    theirs: {
      content: current.content,
      markdown: documentToMarkdown(current.content),
      version: current.version,
      updatedAt: current.updated_at,
      authors: [...new Set(between.map((b) => b.saved_by_pupil_id))].map((id) => (id ? (labels.get(id) ?? null) : null)),
    },
  };
}

/** Every revision of the document, newest first, and optionally one of them in full. */
export async function listRevisions(db: Db, user: User, projectId: string, teamId: string, showId?: string | null) {
  const access = await teamAccess(db, user, projectId, teamId);
  const revisions = await dq.revisionsOfTeam(db, access.team.id);
  const labels = await seatLabels(db, revisions.map((r) => r.saved_by_pupil_id), access.viewer);
  const shown = showId ? await findRevision(db, access.team.id, showId) : null;
  const current = await dq.currentDocument(db, access.team.id);
  return {
    project: { id: access.project.id, title: access.project.title },
    team: { id: access.team.id, name: access.team.name },
    canEdit: access.viewer.kind === "pupil" && !access.readOnly,
    currentVersion: current.version,
    revisions: revisions.map(({ saved_by_pupil_id, ...r }) => ({ ...r, savedBy: saved_by_pupil_id ? (labels.get(saved_by_pupil_id) ?? null) : null })),
    shown: shown && { id: shown.id, kind: shown.kind, version: shown.version, content: shown.content, savedAt: shown.saved_at },
  };
}

/** A post of the document page: restoring an earlier revision, or saving (the editor's JSON or the plain form's Markdown). */
export function saveOrRestoreDocument(db: Db, user: User, projectId: string, teamId: string, post: SaveDocumentPost) {
  return post.intent === "restore" && post.revisionId
    ? restoreRevision(db, user, projectId, teamId, { revisionId: post.revisionId, expectedVersion: post.expectedVersion })
    : saveTeamDocumentInput(db, user, projectId, teamId, { json: post.content, markdown: post.markdown, expectedVersion: post.expectedVersion });
}
