import type { getClassPage } from "../classes.server";

type ClassPage = Awaited<ReturnType<typeof getClassPage>>;
export type PupilClassPage = Extract<ClassPage, { kind: "pupil" }>;
/** The teacher's class page, with when the pupils' personal data goes once the class is archived. */
export type TeacherClassPage = Extract<ClassPage, { kind: "teacher" }> & { retentionDays: number; purgeOn: Date | null; siteUrl: string };
