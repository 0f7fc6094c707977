import type { getTeamSpace } from "../teams.server";

/** The team page's data: the team space and the file rules shown beside the upload. */
export type TeamSpaceData = Awaited<ReturnType<typeof getTeamSpace>> & { maxFileMb: number; fileTrashDays: number };
