import { useState } from "react";
import { useTranslation } from "../../../../lib/use-translation";
import type { ChatLine } from "./use-class-room";

/** Chat over LiveKit data messages; new messages are read out by screen readers (role=log). */
export function ChatPanel({ lines, onSend, disabled }: { lines: ChatLine[]; onSend: (text: string) => Promise<void>; disabled: boolean }) {
  const { t } = useTranslation("classrooms");
  const [text, setText] = useState("");
  return (
    <section aria-labelledby="chat-heading" className="room-panel chat-panel">
      <h2 id="chat-heading">{t("room.chat")}</h2>
      <ol className="chat-lines" role="log" aria-live="polite" aria-relevant="additions" aria-labelledby="chat-heading">
        {lines.length === 0 ? <li className="chat-empty">{t("room.chat_empty")}</li> : null}
        {lines.map((line) => (
          <li key={line.id} className={line.mine ? "mine" : undefined}>
            <strong>{line.mine ? t("room.me") : line.from}</strong> : {line.text}
          </li>
        ))}
      </ol>
      <form
        className="chat-form"
        onSubmit={async (event) => {
          event.preventDefault();
          const value = text;
          setText("");
          await onSend(value);
        }}
      >
        <label htmlFor="chat-input">{t("room.chat_label")}</label>
        <div className="chat-row">
          <input id="chat-input" type="text" value={text} maxLength={1000} onChange={(e) => setText(e.target.value)} disabled={disabled} autoComplete="off" />
          <button type="submit" className="button primary" disabled={disabled || !text.trim()}>
            {t("room.send")}
          </button>
        </div>
      </form>
    </section>
  );
}
