import { useLoaderData } from "react-router";
import type { Route } from "./+types/projects.class";
import { cardSignInPath, formatAccessCode, reissuePupilCard } from "../features/projects/cards.server";
import { closeJoining, getClassPage, joinQrDataUrl, renewJoinCode } from "../features/projects/classes.server";
import { PupilView } from "../features/projects/components/class-pupil-view";
import { TeacherView } from "../features/projects/components/class-teacher-view";
import type { IssuedCard } from "../features/projects/components/form-result";
import { archiveClass, purgeDate } from "../features/projects/retention.server";
import { ClassActionSchema } from "../features/projects/schemas";
import { handleForm } from "../lib/actions.server";
import { dbContext } from "../lib/context";
import { env } from "../lib/env.server";
import { publicUrl } from "../lib/public-url.server";
import { requireUser } from "../lib/session.server";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const page = await getClassPage(context.get(dbContext), user, params.classId);
  if (page.kind === "pupil") return page;
  const archivedAt = page.schoolClass.archived_at;
  return {
    ...page,
    retentionDays: env().PROJECTS_RETENTION_DAYS,
    purgeOn: archivedAt ? purgeDate(archivedAt) : null,
    siteUrl: publicUrl(),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const db = context.get(dbContext);
  return handleForm(request, ClassActionSchema, async (value): Promise<IssuedCard | undefined> => {
    if (value.intent === "new-code") await renewJoinCode(db, user, params.classId);
    else if (value.intent === "close-joining") await closeJoining(db, user, params.classId);
    else if (value.intent === "new-card") {
      const card = await reissuePupilCard(db, user, params.classId, value.seatId);
      const qr = await joinQrDataUrl(`${publicUrl()}${cardSignInPath(card.code)}`);
      return { firstName: card.firstName, code: formatAccessCode(card.code), qr };
    } else await archiveClass(db, user, params.classId);
  });
}

export default function SchoolClassPage() {
  const data = useLoaderData<typeof loader>();
  return data.kind === "teacher" ? <TeacherView data={data} /> : <PupilView data={data} />;
}
