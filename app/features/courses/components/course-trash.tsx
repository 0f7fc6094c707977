import { useTranslation } from "../../../lib/use-translation";
import { Form, href } from "react-router";
import { formatDate } from "../../../lib/i18n";

export interface PendingDeletion {
  kind: "module" | "lesson";
  id: string;
  title: string;
  lessonCount: number;
  started: number;
  completed: number;
  /** Learners who would complete the course once this is gone. */
  completesCourse: number;
}

export interface TrashItem {
  kind: "module" | "lesson";
  id: string;
  title: string;
  moduleTitle: string | null;
  lessonCount: number;
  deletedAt: Date;
  deletedBy: string | null;
  purgedAfter: Date;
}

/**
 * The second step of a deletion, shown by the course editor when the delete
 * button (a plain GET form) asked for it: what will happen, in plain words,
 * then "Supprimer" or "Annuler". Works without JavaScript.
 */
export function DeletionConfirmation({ courseId, pending, trashDays }: { courseId: string; pending: PendingDeletion; trashDays: number }) {
  const { t } = useTranslation("courses");
  const k = `trash.confirm.${pending.kind}`;
  return (
    <section id="suppression" className="alert confirm-deletion" aria-labelledby="suppression-title">
      <h2 id="suppression-title">{t(`${k}.title`, { title: pending.title })}</h2>
      <p>{t("trash.confirm.what")}</p>
      <ul>
        <li>{pending.kind === "module" ? t("trash.confirm.module.hidden", { count: pending.lessonCount }) : t("trash.confirm.lesson.hidden")}</li>
        <li>
          {pending.started === 0
            ? t(`${k}.nobody`)
            : `${t(`${k}.started`, { count: pending.started })} ${t(`${k}.completed`, { count: pending.completed })} ${t("trash.confirm.progress_kept")}`}
        </li>
        {pending.completesCourse > 0 ? <li>{t("trash.confirm.completes_course", { count: pending.completesCourse })}</li> : null}
        <li>{t(`${k}.restore`, { days: trashDays })}</li>
      </ul>
      <div className="actions">
        <Form method="post" className="inline-form">
          <input type="hidden" name="id" value={pending.id} />
          <button type="submit" name="intent" value={`trash-${pending.kind}`} className="button danger">
            {t("trash.confirm.submit")}
          </button>
        </Form>
        <a className="button secondary" href={`${href("/creer/cours/:courseId", { courseId })}#structure-title`}>
          {t("trash.confirm.cancel")}
        </a>
      </div>
    </section>
  );
}

/** The course's trash: what was deleted, by whom, until when, with "Restaurer". */
export function CourseTrash({ items, trashDays }: { items: TrashItem[]; trashDays: number }) {
  const { t, i18n } = useTranslation("courses");
  const date = (d: Date) => formatDate(d, i18n.language);
  return (
    <>
      <p>{t("trash.intro", { days: trashDays })}</p>
      {items.length === 0 ? (
        <p className="hint">{t("trash.empty")}</p>
      ) : (
        <ul className="trash-list">
          {items.map((item) => {
            const name =
              item.kind === "module"
                ? t("trash.module_item", { title: item.title, count: item.lessonCount })
                : t("trash.lesson_item", { title: item.title, module: item.moduleTitle });
            return (
              <li key={`${item.kind}-${item.id}`}>
                <p>
                  <strong>{name}</strong>
                </p>
                <p className="hint">
                  {item.deletedBy
                    ? t("trash.deleted_by", { date: date(item.deletedAt), name: item.deletedBy })
                    : t("trash.deleted_on", { date: date(item.deletedAt) })}{" "}
                  {t("trash.purged_on", { date: date(item.purgedAfter) })}
                </p>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="id" value={item.id} />
                  <button type="submit" name="intent" value={`restore-${item.kind}`} className="button secondary">
                    {t("trash.restore")}
                    <span className="visually-hidden"> {name}</span>
                  </button>
                </Form>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
