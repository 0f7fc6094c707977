import { href } from "react-router";
import { useTranslation } from "../../../lib/use-translation";

/**
 * An H5P activity: an iframe onto /h5p/cadre/:id, the host document that
 * frames the sandboxed player (decision 029). It needs no script on the page
 * around it (the frame sizes itself and relays the learner's statements), so
 * lesson pages stay server-rendered. Width and border come from app.css
 * (`width="100%"` and `frameBorder` are not HTML); the initial height is an
 * attribute because the app's CSP allows no inline style. The component
 * imports no stylesheet, so that the lesson-body registry it plugs into
 * loads in command-line scripts too (content import).
 * `allow-top-navigation-by-user-activation`: the host's « Se connecter »
 * link (shown to visitors) must take the whole page to the sign-in form
 * when clicked, and only then; the player inside keeps its own sandbox
 * without it.
 */
export function H5pFrame({
  contentId,
  lessonId,
  openedAt,
  title,
  src: givenSrc,
}: {
  contentId: string;
  /** Another host address for the same activity: inside an LMS launch, the launch's own (decision 048). */
  src?: string;
  lessonId?: string | null;
  /** The lesson page's signed « opened at » (decision 042), relayed with the results. */
  openedAt?: string | null;
  title?: string;
}) {
  const { t } = useTranslation("h5p");
  const query = lessonId ? `?lecon=${lessonId}${openedAt ? `&ouverte=${encodeURIComponent(openedAt)}` : ""}` : "";
  const src = givenSrc ?? `${href("/h5p/cadre/:contentId", { contentId })}${query}`;
  return (
    <div className="h5p-activity">
      <iframe
        src={src}
        title={title ? t("frame.title", { title }) : t("frame.title_generic")}
        className="h5p-frame"
        height="420"
        loading="lazy"
        allow="fullscreen"
        sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
        data-h5p-content={contentId}
      />
    </div>
  );
}
