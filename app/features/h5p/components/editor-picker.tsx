import { href } from "react-router";
import type { Editor } from "@tiptap/core";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "../../../lib/use-translation";
import { registerEditorPanel } from "../../courses/rich-text/editor-extensions";

interface Activity {
  id: string;
  title: string;
  type: string;
}

type Loaded = { status: "loading" } | { status: "failed" } | { status: "ready"; activities: Activity[] };

/**
 * The lesson editor's « Activité interactive » panel: a labelled list of the
 * author's activities (/h5p/mes-activites), a button that inserts the chosen
 * one as an `h5p` block. Keyboard: the list takes the focus when it arrives,
 * Escape closes the panel and gives the focus back to the text.
 */
export function H5pPickerPanel({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const { t } = useTranslation("h5p");
  const titleId = useId();
  const selectId = useId();
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [chosen, setChosen] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetch(href("/h5p/mes-activites"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((res) => (res.ok ? (res.json() as Promise<{ activities: Activity[] }>) : Promise.reject(new Error(String(res.status)))))
      .then((body) => live && setLoaded({ status: "ready", activities: body.activities }))
      .catch(() => live && setLoaded({ status: "failed" }));
    return () => {
      live = false;
    };
  }, []);

  const activities = loaded.status === "ready" ? loaded.activities : [];
  const insert = () => {
    if (!activities.some((a) => a.id === chosen)) return setError(t("editor.choose_first"));
    // An empty paragraph after the block keeps the cursor off it.
    editor.chain().focus().insertContent([{ type: "h5p", attrs: { contentId: chosen } }, { type: "paragraph" }]).run();
    onDone();
  };

  return (
    <div
      role="group"
      aria-labelledby={titleId}
      className="editor-panel"
      onKeyDown={(e) => {
        if (e.key === "Escape") onDone();
      }}
    >
      <p id={titleId} className="editor-panel-title">
        {t("editor.title")}
      </p>
      {error ? (
        <p className="field-errors" role="alert">
          {error}
        </p>
      ) : null}
      {loaded.status === "loading" ? <p role="status">{t("editor.loading")}</p> : null}
      {loaded.status === "failed" ? (
        <p className="field-errors" role="alert">
          {t("editor.load_failed")}
        </p>
      ) : null}
      {loaded.status === "ready" && activities.length === 0 ? (
        <p>
          {t("editor.none")} <a href={href("/activites")}>{t("editor.add_link")}</a>
        </p>
      ) : null}
      {activities.length > 0 ? (
        <div className="field">
          <label htmlFor={selectId}>{t("editor.select_label")}</label>
          <select
            id={selectId}
            value={chosen}
            autoFocus
            onChange={(e) => {
              setChosen(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                insert();
              }
            }}
          >
            <option value="">{t("editor.placeholder")}</option>
            {activities.map((a) => (
              <option key={a.id} value={a.id}>
                {t("editor.option", { title: a.title, type: a.type })}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {activities.length > 0 ? (
        <button type="button" className="button primary" onClick={insert}>
          {t("editor.insert")}
        </button>
      ) : null}
      <button type="button" className="button secondary" onClick={onDone}>
        {t("editor.cancel")}
      </button>
    </div>
  );
}

registerEditorPanel({ name: "h5p", label: "courses:editor.h5p", Panel: H5pPickerPanel });
