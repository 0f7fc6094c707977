import { href } from "react-router";
import { useEffect, useState } from "react";
import { useTranslation } from "../../../../lib/use-translation";
import type { Participant } from "livekit-client";
import { ChatPanel } from "./chat-panel";
import { ModerationPanel } from "./moderation-panel";
import { findPublication, ParticipantAudio, ParticipantTile } from "./participant-tile";
import { useClassRoom, type JoinMode } from "./use-class-room";

/**
 * The live room: grid or speaker view, a caption naming who speaks, chat,
 * raised hands, and for hosts screen sharing and moderation. Only mounted in
 * the browser (the page shows a plain "connecting" message until then).
 */
export function ClassRoom({
  classroomId,
  mode,
  isHost,
  recordingEnabled,
}: {
  classroomId: string;
  mode: JoinMode;
  isHost: boolean;
  recordingEnabled: boolean;
}) {
  const { t } = useTranslation("classrooms");
  const live = useClassRoom(classroomId, mode);
  const { room, status } = live;
  const [view, setView] = useState<"grid" | "speaker">("grid");
  const [caption, setCaption] = useState("");
  const connected = status === "connected" || status === "reconnecting";

  const participants: Participant[] = room ? [room.localParticipant, ...room.remoteParticipants.values()] : [];
  const byIdentity = new Map(participants.map((p) => [p.identity, p]));
  const speakingNames = live.speakers.map((id) => byIdentity.get(id)?.name).filter((n): n is string => !!n);

  // The caption changes at most once a second so screen readers are not flooded.
  const spoken = speakingNames.join(", ");
  useEffect(() => {
    const timer = setTimeout(() => setCaption(spoken), 1000);
    return () => clearTimeout(timer);
  }, [spoken]);

  const local = room?.localParticipant;
  const canPublish = !!local?.permissions?.canPublish;
  const micOn = !!local?.isMicrophoneEnabled;
  const cameraOn = !!local?.isCameraEnabled;
  const screenOn = !!local?.isScreenShareEnabled;
  const handRaised = !!local && live.hands.has(local.identity);
  const screens = participants.filter((p) => findPublication(p, "screen_share")?.track);
  const focus = screens[0] ?? byIdentity.get(live.speakers[0] ?? "") ?? participants.find((p) => p !== local) ?? local;

  const toggle = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch {
      live.setNotice("classrooms:room.device_failed");
    }
    live.bump();
  };

  if (status === "failed" || status === "disconnected") {
    return (
      <div className="room-ended">
        <div className="alert notice" role="alert">
          <p>{t(live.reasonKey ?? "classrooms:room.connect_failed")}</p>
        </div>
        <p className="actions">
          {live.reasonKey !== "classrooms:room.removed" && live.reasonKey !== "classrooms:room.ended" ? (
            <button type="button" className="button primary big" onClick={live.reconnect}>
              {t("room.reconnect")}
            </button>
          ) : null}
          <a className="button secondary big" href={href("/classes/:id", { id: classroomId })}>
            {t("back_to_class")}
          </a>
        </p>
      </div>
    );
  }

  return (
    <div className={`class-room view-${view}`}>
      <p className="room-status" role="status">
        {status === "connecting" ? t("room.connecting") : status === "reconnecting" ? t("room.reconnecting") : t("room.connected")}
        {live.notice ? ` — ${t(live.notice)}` : ""}
      </p>
      {live.audioBlocked ? (
        <p>
          <button type="button" className="button primary big" onClick={live.startAudio}>
            {t("room.enable_sound")}
          </button>
        </p>
      ) : null}

      <div className="view-switch" role="group" aria-label={t("room.view")}>
        <button type="button" className="toggle" aria-pressed={view === "grid"} onClick={() => setView("grid")}>
          {t("room.view_grid")}
        </button>
        <button type="button" className="toggle" aria-pressed={view === "speaker"} onClick={() => setView("speaker")}>
          {t("room.view_speaker")}
        </button>
      </div>

      <p className="speaker-caption" aria-live="polite">
        {caption ? t("room.now_speaking", { names: caption }) : t("room.nobody_speaking")}
      </p>

      <div className="room-body">
        <section className="stage" aria-label={t("room.stage")}>
          {view === "speaker" && focus ? (
            <>
              <ParticipantTile
                participant={focus}
                source={screens.includes(focus) ? "screen_share" : "camera"}
                speaking={live.speakers.includes(focus.identity)}
                handRaised={live.hands.has(focus.identity)}
                large
              />
              <div className="strip">
                {participants
                  .filter((p) => p !== focus)
                  .map((p) => (
                    <ParticipantTile key={p.identity} participant={p} speaking={live.speakers.includes(p.identity)} handRaised={live.hands.has(p.identity)} />
                  ))}
              </div>
            </>
          ) : (
            <div className="grid">
              {screens.map((p) => (
                <ParticipantTile key={`${p.identity}-screen`} participant={p} source="screen_share" speaking={false} handRaised={false} large />
              ))}
              {participants.map((p) => (
                <ParticipantTile key={p.identity} participant={p} speaking={live.speakers.includes(p.identity)} handRaised={live.hands.has(p.identity)} />
              ))}
            </div>
          )}
          {participants
            .filter((p) => p !== local)
            .map((p) => (
              <ParticipantAudio key={`${p.identity}-audio`} participant={p} />
            ))}
        </section>

        <div className="room-side">
          {isHost ? (
            <ModerationPanel participants={participants.filter((p) => p !== local)} hands={live.hands} moderate={live.moderate} recordingEnabled={recordingEnabled} />
          ) : null}
          <ChatPanel lines={live.chat} onSend={live.sendChat} disabled={!connected} />
        </div>
      </div>

      <div className="room-controls" role="toolbar" aria-label={t("room.controls")}>
        {canPublish ? (
          <button type="button" className="button big" aria-pressed={micOn} onClick={() => toggle(() => local!.setMicrophoneEnabled(!micOn))}>
            {micOn ? t("room.mic_turn_off") : t("room.mic_turn_on")}
          </button>
        ) : null}
        {canPublish ? (
          <button type="button" className="button big" aria-pressed={cameraOn} onClick={() => toggle(() => local!.setCameraEnabled(!cameraOn))}>
            {cameraOn ? t("room.camera_turn_off") : t("room.camera_turn_on")}
          </button>
        ) : null}
        {isHost ? (
          <button type="button" className="button big" aria-pressed={screenOn} onClick={() => toggle(() => local!.setScreenShareEnabled(!screenOn))}>
            {screenOn ? t("room.screen_stop") : t("room.screen_start")}
          </button>
        ) : (
          <button type="button" className="button big" aria-pressed={handRaised} disabled={!connected} onClick={() => live.setHand(!handRaised)}>
            {handRaised ? t("room.hand_lower") : t("room.hand_raise")}
          </button>
        )}
        <button type="button" className="button danger big" onClick={live.leave}>
          {t("room.leave")}
        </button>
      </div>
    </div>
  );
}
