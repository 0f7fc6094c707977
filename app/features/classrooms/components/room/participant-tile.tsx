import { useEffect, useRef } from "react";
import { useTranslation } from "../../../../lib/use-translation";
import type { Participant, Track, TrackPublication } from "livekit-client";
import { roleOf } from "./use-class-room";

function findPublication(participant: Participant, source: string): TrackPublication | undefined {
  for (const publication of participant.trackPublications.values()) if (publication.source === source) return publication;
  return undefined;
}

/** Attaches a LiveKit track to a media element for as long as both exist. */
function useAttached<T extends HTMLMediaElement>(track: Track | undefined) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const element = ref.current;
    if (!track || !element) return;
    track.attach(element);
    return () => {
      track.detach(element);
    };
  }, [track]);
  return ref;
}

/** One person on screen: their camera (or screen) or their initial, their name, and whether they speak. */
export function ParticipantTile({
  participant,
  source = "camera",
  speaking,
  handRaised,
  large = false,
}: {
  participant: Participant;
  source?: "camera" | "screen_share";
  speaking: boolean;
  handRaised: boolean;
  large?: boolean;
}) {
  const { t } = useTranslation("classrooms");
  const publication = findPublication(participant, source);
  const track = publication && !publication.isMuted ? publication.track : undefined;
  const videoRef = useAttached<HTMLVideoElement>(track);
  const micPublication = findPublication(participant, "microphone");
  const micOn = !!micPublication && !micPublication.isMuted;
  const name = participant.name || "?";
  const label = source === "screen_share" ? t("room.screen_of", { name }) : name;
  return (
    <figure className={`tile${speaking ? " speaking" : ""}${large ? " large" : ""}`} aria-label={label}>
      {track ? (
        <video ref={videoRef} className="tile-video" autoPlay playsInline muted aria-hidden="true" />
      ) : (
        <div className="tile-avatar" aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </div>
      )}
      <figcaption className="tile-caption">
        <span className="tile-name">{label}</span>
        {roleOf(participant) === "host" && source === "camera" ? <span className="tile-tag">{t("room.host_tag")}</span> : null}
        {source === "camera" ? <span className="tile-tag">{micOn ? t("room.mic_on") : t("room.mic_off")}</span> : null}
        {handRaised ? <span className="tile-tag hand">{t("room.hand_raised")}</span> : null}
        {speaking ? <span className="tile-tag speaking-tag">{t("room.speaking")}</span> : null}
      </figcaption>
    </figure>
  );
}

/** Remote voices play through these elements, whatever the layout on screen. */
export function ParticipantAudio({ participant }: { participant: Participant }) {
  const publication = findPublication(participant, "microphone");
  const ref = useAttached<HTMLAudioElement>(publication?.track);
  return <audio ref={ref} autoPlay />;
}

export { findPublication };
