import { useTranslation } from "../../../lib/use-translation";
import { Form, href } from "react-router";
import type { ActionReply } from "../../../lib/action-reply";
import type { OutlineModule } from "../outline";

/** Where a failed structure form (empty title…) shows its message. */
export interface StructureError {
  intent: string;
  target: string;
  messageKey: string;
}

/** The forms of the structure whose failures show beside them, and where (the module, or "new"). */
const STRUCTURE_FORMS: Record<string, (values: Record<string, unknown>) => unknown> = {
  "add-module": () => "new",
  "rename-module": (values) => values.id,
  "add-lesson": (values) => values.moduleId,
};

export const isStructureForm = (form: string) => Object.hasOwn(STRUCTURE_FORMS, form);

/** Where a failed reply of a structure form shows, or null for another form's reply. */
export function structureErrorOf(reply: ActionReply | undefined): StructureError | null {
  const targetOf = reply && reply.status !== "success" && isStructureForm(reply.form) ? STRUCTURE_FORMS[reply.form] : undefined;
  if (!reply || !targetOf) return null;
  const target = targetOf((reply.initialValue ?? {}) as Record<string, unknown>);
  return { intent: reply.form, target: String(target), messageKey: reply.error?.title?.[0] ?? reply.error?.[""]?.[0] ?? "courses:errors.title_required" };
}

function ErrorFor({ error, intent, target }: { error?: StructureError | null; intent: string; target: string }) {
  const { t } = useTranslation("courses");
  if (!error || error.intent !== intent || error.target !== target) return null;
  return (
    <p className="field-errors" role="alert" id={`${intent}-${target}-error`}>
      {t(error.messageKey)}
    </p>
  );
}

function SmallButton({ intent, id, direction, label, context }: { intent: string; id: string; direction?: "up" | "down"; label: string; context: string }) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="id" value={id} />
      {direction ? <input type="hidden" name="direction" value={direction} /> : null}
      <button type="submit" name="intent" value={intent} className="toggle">
        {label}
        <span className="visually-hidden"> {context}</span>
      </button>
    </Form>
  );
}

/**
 * The first step of a deletion: a plain GET form that opens the confirmation
 * on the editor page (`?supprimer=…&id=…`), scrolled to it. Nothing is
 * written until the author confirms there.
 */
function DeleteButton({ courseId, kind, id, label, context }: { courseId: string; kind: "module" | "lesson"; id: string; label: string; context: string }) {
  return (
    <form method="get" action={`${href("/creer/cours/:courseId", { courseId })}#suppression`} className="inline-form">
      <input type="hidden" name="supprimer" value={kind === "module" ? "module" : "lecon"} />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="toggle">
        {label}
        <span className="visually-hidden"> {context}</span>
      </button>
    </form>
  );
}

/** Modules and lessons of a course, with forms to add, rename, reorder and delete them (no JavaScript needed). */
export function CourseStructure({ courseId, modules, error }: { courseId: string; modules: OutlineModule[]; error?: StructureError | null }) {
  const { t } = useTranslation("courses");
  return (
    <div className="course-structure">
      {modules.length === 0 ? <p>{t("structure.no_module")}</p> : null}
      {modules.map((module, mIndex) => {
        const moduleName = t("structure.module_context", { title: module.title });
        const renameError = error?.intent === "rename-module" && error.target === module.id;
        return (
          <section key={module.id} className="structure-module" aria-labelledby={`module-${module.id}`}>
            <h3 id={`module-${module.id}`}>
              {t("structure.module_heading", { number: mIndex + 1, title: module.title })}
            </h3>
            <div className="structure-tools">
              <Form method="post" className="inline-form rename-form">
                <input type="hidden" name="id" value={module.id} />
                <label htmlFor={`rename-${module.id}`}>{t("structure.module_title")}</label>
                <input
                  id={`rename-${module.id}`}
                  type="text"
                  name="title"
                  defaultValue={module.title}
                  aria-invalid={renameError || undefined}
                  aria-describedby={renameError ? `rename-module-${module.id}-error` : undefined}
                />
                <button type="submit" name="intent" value="rename-module" className="toggle">
                  {t("structure.rename")}
                  <span className="visually-hidden"> {moduleName}</span>
                </button>
              </Form>
              {mIndex > 0 ? <SmallButton intent="move-module" id={module.id} direction="up" label={t("structure.up")} context={moduleName} /> : null}
              {mIndex < modules.length - 1 ? (
                <SmallButton intent="move-module" id={module.id} direction="down" label={t("structure.down")} context={moduleName} />
              ) : null}
              <DeleteButton courseId={courseId} kind="module" id={module.id} label={t("structure.delete")} context={moduleName} />
            </div>
            <ErrorFor error={error} intent="rename-module" target={module.id} />

            {module.lessons.length ? (
              <ol className="structure-lessons">
                {module.lessons.map((lesson) => {
                  const lessonName = t("structure.lesson_context", { title: lesson.title });
                  return (
                    <li key={lesson.id}>
                      <a href={href("/creer/cours/:courseId/lecons/:lessonId", { courseId, lessonId: lesson.id })}>{lesson.title}</a>
                      <span className="structure-tools">
                        <SmallButton intent="move-lesson" id={lesson.id} direction="up" label={t("structure.up")} context={lessonName} />
                        <SmallButton intent="move-lesson" id={lesson.id} direction="down" label={t("structure.down")} context={lessonName} />
                        <DeleteButton courseId={courseId} kind="lesson" id={lesson.id} label={t("structure.delete")} context={lessonName} />
                      </span>
                    </li>
                  );
                })}
              </ol>
            ) : (
              <p className="hint">{t("outline.empty_module")}</p>
            )}

            <Form method="post" className="add-form">
              <input type="hidden" name="moduleId" value={module.id} />
              <label htmlFor={`new-lesson-${module.id}`}>{t("structure.new_lesson", { module: module.title })}</label>
              <input id={`new-lesson-${module.id}`} type="text" name="title" required />
              <button type="submit" name="intent" value="add-lesson" className="button secondary">
                {t("structure.add_lesson")}
              </button>
            </Form>
            <ErrorFor error={error} intent="add-lesson" target={module.id} />
          </section>
        );
      })}

      <Form method="post" className="add-form">
        <label htmlFor="new-module">{t("structure.new_module")}</label>
        <input id="new-module" type="text" name="title" required />
        <button type="submit" name="intent" value="add-module" className="button secondary">
          {t("structure.add_module")}
        </button>
      </Form>
      <ErrorFor error={error} intent="add-module" target="new" />
    </div>
  );
}
