import type { getProjectPage } from "../projects.server";

/** The project page's data: the teacher's view or the pupil's. */
export type ProjectPageData = Awaited<ReturnType<typeof getProjectPage>>;
