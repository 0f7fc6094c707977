import { useTranslation } from "../../../../lib/use-translation";
import type { Participant } from "livekit-client";
import { findPublication } from "./participant-tile";
import { roleOf, type Moderation } from "./use-class-room";

/** The host's list of people: raised hands first, with the floor, mute and remove buttons. */
export function ModerationPanel({
  participants,
  hands,
  moderate,
  recordingEnabled,
}: {
  participants: Participant[];
  hands: Set<string>;
  moderate: (action: Moderation) => Promise<boolean>;
  recordingEnabled: boolean;
}) {
  const { t } = useTranslation("classrooms");
  const learners = participants
    .filter((p) => roleOf(p) === "learner")
    .sort((a, b) => Number(hands.has(b.identity)) - Number(hands.has(a.identity)) || (a.name ?? "").localeCompare(b.name ?? ""));
  return (
    <section aria-labelledby="moderation-heading" className="room-panel moderation-panel">
      <h2 id="moderation-heading">{t("room.people", { count: learners.length })}</h2>
      {learners.length === 0 ? <p>{t("room.nobody_yet")}</p> : null}
      <ul className="people">
        {learners.map((p) => {
          const name = p.name || "?";
          const canSpeak = !!p.permissions?.canPublish;
          const mic = findPublication(p, "microphone");
          return (
            <li key={p.identity} className="person">
              <p className="person-name">
                {name}
                {hands.has(p.identity) ? <span className="tile-tag hand">{t("room.hand_raised")}</span> : null}
                {canSpeak ? <span className="tile-tag">{t("room.has_floor")}</span> : null}
              </p>
              <div className="person-actions">
                <button type="button" className="button" onClick={() => moderate({ intent: canSpeak ? "revoke_speech" : "grant_speech", identity: p.identity })}>
                  {canSpeak ? t("room.revoke_speech", { name }) : t("room.grant_speech", { name })}
                </button>
                {mic && !mic.isMuted ? (
                  <button type="button" className="button" onClick={() => moderate({ intent: "mute_track", identity: p.identity, trackSid: mic.trackSid })}>
                    {t("room.mute", { name })}
                  </button>
                ) : null}
                <button
                  type="button"
                  className="button danger"
                  onClick={() => {
                    if (window.confirm(t("room.remove_confirm", { name }))) void moderate({ intent: "remove", identity: p.identity });
                  }}
                >
                  {t("room.remove", { name })}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <div className="host-actions">
        {recordingEnabled ? (
          <>
            <button type="button" className="button" onClick={() => moderate({ intent: "start_recording" })}>
              {t("room.record_start")}
            </button>
            <button type="button" className="button" onClick={() => moderate({ intent: "stop_recording" })}>
              {t("room.record_stop")}
            </button>
          </>
        ) : null}
        <button
          type="button"
          className="button danger"
          onClick={() => {
            if (window.confirm(t("room.end_confirm"))) void moderate({ intent: "end_class" });
          }}
        >
          {t("room.end_class")}
        </button>
      </div>
    </section>
  );
}
