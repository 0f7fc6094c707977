import { Form, href } from "react-router";
import { Pagination } from "../../../components/ui/pagination";
import { useTranslation } from "../../../lib/use-translation";

interface Choices {
  courses: { slug: string; title: string }[];
  page: number;
  pageCount: number;
  course: { id: string; slug: string; title: string; lessons: { id: string; title: string }[] } | null;
  activities: { id: string; title: string }[];
}

/**
 * The teacher's pick, one radio group: a course, one of its lessons (after
 * opening the course), or an H5P activity; and whether the platform should
 * keep a grade for it. Works without JavaScript.
 */
export function DeepLinkPicker({ launchId, choices, error }: { launchId: string; choices: Choices; error: string | null }) {
  const { t } = useTranslation("lti");
  const here = href("/lti/l/:launchId/liens", { launchId });
  return (
    <>
      <section aria-labelledby="courses-heading">
        <h2 id="courses-heading">{t("deep.courses")}</h2>
        <ul className="link-list">
          {choices.courses.map((c) => (
            <li key={c.slug}>
              <a href={`${here}?cours=${encodeURIComponent(c.slug)}&page=${choices.page}`}>{t("deep.see_lessons", { title: c.title })}</a>
            </li>
          ))}
        </ul>
        <Pagination page={choices.page} pageCount={choices.pageCount} />
      </section>
      <Form method="post" className="stack">
        {error ? (
          <div className="alert" role="alert">
            <p>{t(error)}</p>
          </div>
        ) : null}
        {choices.course ? (
          <fieldset>
            <legend>{t("deep.in_course", { title: choices.course.title })}</legend>
            <label className="choice">
              <input type="radio" name="item" value={`course:${choices.course.id}`} /> {t("deep.whole_course", { title: choices.course.title })}
            </label>
            {choices.course.lessons.map((l) => (
              <label className="choice" key={l.id}>
                <input type="radio" name="item" value={`lesson:${l.id}`} /> {t("deep.lesson", { title: l.title })}
              </label>
            ))}
          </fieldset>
        ) : (
          <p>{t("deep.open_course_first")}</p>
        )}
        {choices.activities.length > 0 ? (
          <fieldset>
            <legend>{t("deep.activities")}</legend>
            {choices.activities.map((a) => (
              <label className="choice" key={a.id}>
                <input type="radio" name="item" value={`h5p:${a.id}`} /> {a.title}
              </label>
            ))}
          </fieldset>
        ) : null}
        <label className="choice">
          <input type="checkbox" name="graded" defaultChecked /> {t("deep.graded")}
        </label>
        <button type="submit" className="button primary">
          {t("deep.submit")}
        </button>
      </Form>
    </>
  );
}

/** The signed answer, posted to the platform: by the page's one line of script, or by the person's click. */
export function ReturnToPlatform({ returnUrl, jwt, title, nonce }: { returnUrl: string; jwt: string; title: string; nonce: string }) {
  const { t } = useTranslation("lti");
  return (
    <div className="alert success" role="status">
      <p>{t("deep.ready", { title })}</p>
      <form method="post" action={returnUrl} id="lti-return">
        <input type="hidden" name="JWT" value={jwt} />
        <button type="submit" className="button primary">
          {t("deep.send")}
        </button>
      </form>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: 'document.getElementById("lti-return").submit();' }} />
    </div>
  );
}
