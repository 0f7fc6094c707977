// @vitest-environment happy-dom
import type { EventEmitter } from "node:events";
import { createInstance } from "i18next";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import fr from "../../../../locales/fr/index";
import { i18nOptions } from "../../../../lib/i18n";
import { ClassRoom } from "./class-room";

/**
 * The room UI against a fake livekit-client: no LiveKit server can run here,
 * and a real one would also need WebRTC in the test browser. The fake keeps
 * the parts of the SDK's surface the page uses (Room events, participants,
 * publishData, permissions), with the SDK's own event names.
 */
const fake = vi.hoisted(() => ({ room: null as unknown as FakeRoomShape }));
interface FakeRoomShape extends EventEmitter {
  localParticipant: FakeParticipant;
  remoteParticipants: Map<string, FakeParticipant>;
  connect: ReturnType<typeof vi.fn>;
}
interface FakeParticipant {
  identity: string;
  name: string;
  metadata: string;
  permissions: { canPublish: boolean };
  trackPublications: Map<string, unknown>;
  isMicrophoneEnabled: boolean;
  isCameraEnabled: boolean;
  isScreenShareEnabled: boolean;
  setMicrophoneEnabled: ReturnType<typeof vi.fn>;
  setCameraEnabled: ReturnType<typeof vi.fn>;
  setScreenShareEnabled: ReturnType<typeof vi.fn>;
  publishData: ReturnType<typeof vi.fn>;
}

vi.mock("livekit-client", async () => {
  const { EventEmitter: Emitter } = await import("node:events");
  class Room extends Emitter {
    localParticipant = participant("me", "Moi-même", "learner");
    remoteParticipants = new Map();
    canPlaybackAudio = true;
    connect = vi.fn(async () => {});
    disconnect = vi.fn(async () => {
      this.emit("disconnected", 1);
    });
    startAudio = vi.fn(async () => {});
    constructor() {
      super();
      fake.room = this as never;
    }
  }
  function participant(identity: string, name: string, role: string) {
    return {
      identity,
      name,
      metadata: JSON.stringify({ role }),
      permissions: { canPublish: role === "host" },
      trackPublications: new Map(),
      isMicrophoneEnabled: false,
      isCameraEnabled: false,
      isScreenShareEnabled: false,
      setMicrophoneEnabled: vi.fn(async () => {}),
      setCameraEnabled: vi.fn(async () => {}),
      setScreenShareEnabled: vi.fn(async () => {}),
      publishData: vi.fn(async () => {}),
    };
  }
  const names = [
    "ParticipantConnected:participantConnected",
    "ParticipantDisconnected:participantDisconnected",
    "TrackSubscribed:trackSubscribed",
    "TrackUnsubscribed:trackUnsubscribed",
    "TrackMuted:trackMuted",
    "TrackUnmuted:trackUnmuted",
    "LocalTrackPublished:localTrackPublished",
    "LocalTrackUnpublished:localTrackUnpublished",
    "ParticipantMetadataChanged:participantMetadataChanged",
    "ActiveSpeakersChanged:activeSpeakersChanged",
    "AudioPlaybackStatusChanged:audioPlaybackChanged",
    "Reconnecting:reconnecting",
    "Reconnected:reconnected",
    "ParticipantPermissionsChanged:participantPermissionsChanged",
    "DataReceived:dataReceived",
    "Disconnected:disconnected",
  ];
  return {
    Room,
    RoomEvent: Object.fromEntries(names.map((n) => n.split(":"))),
    DisconnectReason: { CLIENT_INITIATED: 1, PARTICIPANT_REMOVED: 4, ROOM_DELETED: 5 },
    participant,
  };
});

const lk = (await import("livekit-client")) as unknown as { participant: (id: string, name: string, role: string) => FakeParticipant };
const encode = (value: object) => new TextEncoder().encode(JSON.stringify(value));

let container: HTMLDivElement;
let root: Root;
let fetchCalls: { url: string; body: string }[];

async function renderRoom(isHost: boolean) {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nOptions, lng: "fr", resources: { fr }, initAsync: false });
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  await act(async () => {
    root.render(
      <I18nextProvider i18n={i18n}>
        <ClassRoom classroomId="c1" mode="audio" isHost={isHost} recordingEnabled={isHost} />
      </I18nextProvider>,
    );
  });
  // Token fetch, dynamic import, connect.
  await act(async () => {
    for (let i = 0; i < 10 && !fake.room?.connect.mock.calls.length; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 20));
  });
}

const text = () => container.textContent ?? "";
const button = (name: string) => {
  const found = [...container.querySelectorAll("button")].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button "${name}" in: ${text()}`);
  return found;
};
const emit = (event: string, ...args: unknown[]) => act(async () => void fake.room.emit(event, ...args));

beforeEach(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  fetchCalls = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      fetchCalls.push({ url, body: String(init?.body ?? "") });
      if (url.endsWith("/jeton")) return Response.json({ token: "jwt", url: "wss://livekit.test", identity: "me", role: "learner" });
      return Response.json({ intent: "grant_speech", delivered: true });
    }),
  );
});
afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
  vi.unstubAllGlobals();
});

describe("the live room", () => {
  it("connects with a token from our server, shows who speaks, chats and raises a hand (learner)", async () => {
    await renderRoom(false);
    expect(fetchCalls[0]).toMatchObject({ url: "/classes/c1/jeton" });
    expect(fake.room.connect).toHaveBeenCalledWith("wss://livekit.test", "jwt");
    expect(text()).toContain("Vous êtes dans la classe");
    // A learner without the floor publishes nothing.
    expect(fake.room.localParticipant.setMicrophoneEnabled).not.toHaveBeenCalled();
    expect(text()).not.toContain("Allumer mon micro");
    expect(text()).not.toContain("Partager mon écran");

    const host = lk.participant("h1", "Amina", "host");
    fake.room.remoteParticipants.set("h1", host);
    await emit("participantConnected", host);
    expect(text()).toContain("Amina");
    expect(text()).toContain("Animation");

    vi.useFakeTimers();
    await emit("activeSpeakersChanged", [host]);
    await act(async () => void vi.advanceTimersByTime(1100));
    vi.useRealTimers();
    expect(container.querySelector(".speaker-caption")?.textContent).toBe("En train de parler : Amina");
    expect(container.querySelector(".speaker-caption")?.getAttribute("aria-live")).toBe("polite");

    await emit("dataReceived", encode({ text: "Bonjour à tous" }), host, 0, "chat");
    const log = container.querySelector('[role="log"]')!;
    expect(log.textContent).toContain("Amina : Bonjour à tous");

    const input = container.querySelector<HTMLInputElement>("#chat-input")!;
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
      setter.call(input, "Je vous entends");
      input.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await act(async () => button("Envoyer").click());
    const [payload, options] = fake.room.localParticipant.publishData.mock.calls[0]!;
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual({ text: "Je vous entends" });
    expect(options).toEqual({ reliable: true, topic: "chat" });
    expect(log.textContent).toContain("Moi : Je vous entends");

    await act(async () => button("Lever la main").click());
    const [handPayload, handOptions] = fake.room.localParticipant.publishData.mock.calls[1]!;
    expect(JSON.parse(new TextDecoder().decode(handPayload))).toEqual({ raised: true });
    expect(handOptions).toMatchObject({ topic: "hand" });
    expect(button("Baisser la main").getAttribute("aria-pressed")).toBe("true");

    // The host gives the floor: the page says so and turns the microphone on (sound-only mode: no camera).
    fake.room.localParticipant.permissions = { canPublish: true };
    await emit("participantPermissionsChanged", undefined, fake.room.localParticipant);
    expect(text()).toContain("Vous avez la parole : votre micro est allumé.");
    expect(fake.room.localParticipant.setMicrophoneEnabled).toHaveBeenCalledWith(true);
    expect(fake.room.localParticipant.setCameraEnabled).not.toHaveBeenCalled();

    await emit("disconnected", 4);
    expect(text()).toContain("L'animateur vous a retiré de la classe.");
    expect(text()).not.toContain("Revenir dans la classe");
  });

  it("gives hosts the raised hands, the moderation buttons (through our server) and screen sharing", async () => {
    await renderRoom(true);
    expect(text()).toContain("Partager mon écran");
    const learner = lk.participant("l1", "Josette", "learner");
    fake.room.remoteParticipants.set("l1", learner);
    await emit("participantConnected", learner);
    await emit("dataReceived", encode({ raised: true }), learner, 0, "hand");
    expect(container.querySelector(".moderation-panel")?.textContent).toContain("Main levée");

    await act(async () => button("Donner la parole à Josette").click());
    const call = fetchCalls.find((c) => c.url === "/classes/c1/moderation")!;
    expect(Object.fromEntries(new URLSearchParams(call.body))).toEqual({ intent: "grant_speech", identity: "l1" });
    expect(container.querySelector(".moderation-panel")?.textContent).not.toContain("Main levée");
    expect(text()).toContain("Parole donnée.");

    await act(async () => button("Partager mon écran").click());
    expect(fake.room.localParticipant.setScreenShareEnabled).toHaveBeenCalledWith(true);

    await act(async () => button("La personne qui parle").click());
    expect(button("La personne qui parle").getAttribute("aria-pressed")).toBe("true");

    await emit("disconnected", 5);
    expect(text()).toContain("La classe est terminée.");
  });

  it("says why when no token is given, and offers to try again", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Response.json({ error: { code: "too_early", messageKey: "classrooms:errors.too_early" } }, { status: 403 })),
    );
    await renderRoom(false);
    expect(text()).toContain("La classe n'est pas encore ouverte.");
    expect(text()).toContain("Revenir dans la classe");
  });
});
