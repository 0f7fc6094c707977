import { href } from "react-router";
import { useCallback, useEffect, useRef, useState } from "react";
import type { Participant, Room } from "livekit-client";

export type RoomStatus = "connecting" | "connected" | "reconnecting" | "disconnected" | "failed";
export type JoinMode = "video" | "audio";

export interface ChatLine {
  id: string;
  from: string;
  text: string;
  at: number;
  mine: boolean;
}

export interface Moderation {
  intent: string;
  identity?: string;
  trackSid?: string;
}

const CHAT = "chat";
const HAND = "hand";
const encoder = new TextEncoder();
const decoder = new TextDecoder();
let lineCounter = 0;
// crypto.randomUUID needs a secure context; a relay space may serve the site over plain http.
const lineId = () => `line-${++lineCounter}`;

/** The role a participant was given in their token (hosts and co-hosts are "host"). */
export function roleOf(participant: Participant): "host" | "learner" {
  try {
    return JSON.parse(participant.metadata || "{}").role === "host" ? "host" : "learner";
  } catch {
    return "learner";
  }
}

/**
 * Owns the LiveKit connection of the room page. livekit-client is loaded
 * only here, in the browser, when the page asks to connect. Every connection
 * (and every reconnection after a drop) starts with a fresh short-lived
 * token from our server, which re-checks registration, removal and the time
 * window each time.
 */
export function useClassRoom(classroomId: string, mode: JoinMode) {
  const roomRef = useRef<Room | null>(null);
  const [, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const [status, setStatus] = useState<RoomStatus>("connecting");
  const [reasonKey, setReasonKey] = useState<string | null>(null);
  const [chat, setChat] = useState<ChatLine[]>([]);
  const [hands, setHands] = useState<Set<string>>(new Set());
  const [speakers, setSpeakers] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [audioBlocked, setAudioBlocked] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let room: Room | null = null;
    (async () => {
      setStatus("connecting");
      setReasonKey(null);
      let ticket: { token?: string; url?: string; error?: { messageKey?: string } };
      try {
        const res = await fetch(href("/classes/:id/jeton", { id: classroomId }), { method: "POST", headers: { Accept: "application/json" } });
        ticket = await res.json();
        if (!res.ok || !ticket.token || !ticket.url) throw new Error(ticket.error?.messageKey ?? "classrooms:room.connect_failed");
      } catch (error) {
        if (cancelled) return;
        const key = (error as Error).message;
        setReasonKey(key.startsWith("classrooms:") ? key : "classrooms:room.connect_failed");
        setStatus("failed");
        return;
      }
      const lk = await import("livekit-client");
      if (cancelled) return;
      room = new lk.Room({ adaptiveStream: true, dynacast: true });
      roomRef.current = room;
      const r = room;
      const E = lk.RoomEvent;
      for (const event of [
        E.ParticipantConnected,
        E.ParticipantDisconnected,
        E.TrackSubscribed,
        E.TrackUnsubscribed,
        E.TrackMuted,
        E.TrackUnmuted,
        E.LocalTrackPublished,
        E.LocalTrackUnpublished,
        E.ParticipantMetadataChanged,
      ]) {
        r.on(event, bump);
      }
      r.on(E.ParticipantDisconnected, (p) => {
        setHands((h) => {
          const next = new Set(h);
          next.delete(p.identity);
          return next;
        });
      });
      r.on(E.ActiveSpeakersChanged, (list) => setSpeakers(list.map((p) => p.identity)));
      r.on(E.AudioPlaybackStatusChanged, () => setAudioBlocked(!r.canPlaybackAudio));
      r.on(E.Reconnecting, () => setStatus("reconnecting"));
      r.on(E.Reconnected, () => setStatus("connected"));
      r.on(E.ParticipantPermissionsChanged, async (_previous, participant) => {
        bump();
        if (participant !== r.localParticipant) return;
        const canPublish = !!r.localParticipant.permissions?.canPublish;
        setNotice(canPublish ? "classrooms:room.speech_granted" : "classrooms:room.speech_revoked");
        if (canPublish) await publishDevices(r, mode).catch(() => setNotice("classrooms:room.device_failed"));
      });
      r.on(E.DataReceived, (payload, participant, _kind, topic) => {
        if (!participant) return;
        let message: { text?: unknown; raised?: unknown };
        try {
          message = JSON.parse(decoder.decode(payload));
        } catch {
          return;
        }
        if (topic === CHAT && typeof message.text === "string") {
          const text = message.text.slice(0, 1000);
          setChat((c) => [...c.slice(-199), { id: lineId(), from: participant.name || "?", text, at: Date.now(), mine: false }]);
        } else if (topic === HAND) {
          setHands((h) => {
            const next = new Set(h);
            if (message.raised === true) next.add(participant.identity);
            else next.delete(participant.identity);
            return next;
          });
        }
      });
      r.on(E.Disconnected, (reason) => {
        if (cancelled) return;
        if (reason === lk.DisconnectReason.PARTICIPANT_REMOVED) setReasonKey("classrooms:room.removed");
        else if (reason === lk.DisconnectReason.ROOM_DELETED) setReasonKey("classrooms:room.ended");
        else if (reason === lk.DisconnectReason.CLIENT_INITIATED) setReasonKey("classrooms:room.left");
        else setReasonKey("classrooms:room.dropped");
        setStatus("disconnected");
      });
      try {
        await r.connect(ticket.url!, ticket.token!);
      } catch {
        if (cancelled) return;
        setReasonKey("classrooms:room.connect_failed");
        setStatus("failed");
        return;
      }
      if (cancelled) return;
      setStatus("connected");
      setAudioBlocked(!r.canPlaybackAudio);
      if (r.localParticipant.permissions?.canPublish) await publishDevices(r, mode).catch(() => setNotice("classrooms:room.device_failed"));
      bump();
    })();
    return () => {
      cancelled = true;
      void room?.disconnect();
      roomRef.current = null;
    };
  }, [classroomId, mode, attempt, bump]);

  const publish = useCallback(async (topic: string, message: object) => {
    const room = roomRef.current;
    if (!room) return;
    await room.localParticipant.publishData(encoder.encode(JSON.stringify(message)), { reliable: true, topic });
  }, []);

  const sendChat = useCallback(
    async (text: string) => {
      const room = roomRef.current;
      const trimmed = text.trim().slice(0, 1000);
      if (!room || !trimmed) return;
      await publish(CHAT, { text: trimmed });
      setChat((c) => [...c.slice(-199), { id: lineId(), from: room.localParticipant.name || "", text: trimmed, at: Date.now(), mine: true }]);
    },
    [publish],
  );

  const setHand = useCallback(
    async (raised: boolean) => {
      const room = roomRef.current;
      if (!room) return;
      await publish(HAND, { raised });
      setHands((h) => {
        const next = new Set(h);
        if (raised) next.add(room.localParticipant.identity);
        else next.delete(room.localParticipant.identity);
        return next;
      });
    },
    [publish],
  );

  /** A host's decision, checked again by our server; LiveKit is called from there, never from here. */
  const moderate = useCallback(
    async (action: Moderation) => {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(action)) if (v) body.set(k, v);
      const res = await fetch(href("/classes/:id/moderation", { id: classroomId }), { method: "POST", body, headers: { Accept: "application/json" } });
      const json = await res.json().catch(() => ({}));
      if (!res.ok) {
        setNotice(json.error?.messageKey ?? "classrooms:errors.livekit_unavailable");
        return false;
      }
      if (action.intent === "grant_speech" || action.intent === "revoke_speech") {
        setHands((h) => {
          const next = new Set(h);
          next.delete(action.identity!);
          return next;
        });
      }
      setNotice(`classrooms:room.done_${action.intent}`);
      return true;
    },
    [classroomId],
  );

  return {
    room: roomRef.current,
    status,
    reasonKey,
    chat,
    hands,
    speakers,
    notice,
    audioBlocked,
    bump,
    sendChat,
    setHand,
    moderate,
    setNotice,
    reconnect: () => setAttempt((a) => a + 1),
    leave: () => void roomRef.current?.disconnect(),
    startAudio: async () => {
      await roomRef.current?.startAudio();
      setAudioBlocked(false);
    },
  };
}

/** Turns on what the chosen mode and the granted permissions allow (microphone always, camera in video mode). */
async function publishDevices(room: Room, mode: JoinMode) {
  await room.localParticipant.setMicrophoneEnabled(true);
  if (mode === "video") await room.localParticipant.setCameraEnabled(true);
}
