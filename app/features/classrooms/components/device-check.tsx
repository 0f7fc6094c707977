import { href } from "react-router";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "../../../lib/use-translation";
import { CameraIcon, MicrophoneIcon, SpeakerIcon } from "./icons";

type CheckState = "idle" | "asking" | "ok" | "denied" | "missing" | "failed";

function mediaErrorState(error: unknown): CheckState {
  const name = (error as { name?: string })?.name;
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "missing";
  return "failed";
}

/**
 * The pre-join check, written for people who rarely use a camera: three
 * separate tries (camera, microphone, sound), each with a picture, one big
 * button and a sentence saying what happened and what to do. Nothing is sent
 * anywhere: the preview stays in this browser.
 */
export function DeviceCheck({ classroomId, canEnter, role }: { classroomId: string; canEnter: boolean; role: "host" | "learner" | null }) {
  const { t } = useTranslation("classrooms");
  const videoRef = useRef<HTMLVideoElement>(null);
  const streams = useRef<MediaStream[]>([]);
  const audioContext = useRef<AudioContext | null>(null);
  const frame = useRef(0);
  const [camera, setCamera] = useState<CheckState>("idle");
  const [mic, setMic] = useState<CheckState>("idle");
  const [heard, setHeard] = useState(false);
  const [level, setLevel] = useState(0);
  const [sound, setSound] = useState<"idle" | "played">("idle");

  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current);
      for (const s of streams.current) for (const track of s.getTracks()) track.stop();
      void audioContext.current?.close();
    },
    [],
  );

  const context = () => {
    audioContext.current ??= new AudioContext();
    void audioContext.current.resume();
    return audioContext.current;
  };

  async function testCamera() {
    setCamera("asking");
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true });
      streams.current.push(stream);
      if (videoRef.current) {
        videoRef.current.srcObject = stream;
        await videoRef.current.play().catch(() => {});
      }
      setCamera("ok");
    } catch (error) {
      setCamera(mediaErrorState(error));
    }
  }

  async function testMicrophone() {
    setMic("asking");
    setHeard(false);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      streams.current.push(stream);
      const ctx = context();
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 512;
      ctx.createMediaStreamSource(stream).connect(analyser);
      const samples = new Uint8Array(analyser.fftSize);
      const tick = () => {
        analyser.getByteTimeDomainData(samples);
        let sum = 0;
        for (const s of samples) sum += ((s - 128) / 128) ** 2;
        const rms = Math.min(1, Math.sqrt(sum / samples.length) * 4);
        setLevel(rms);
        if (rms > 0.08) setHeard(true);
        frame.current = requestAnimationFrame(tick);
      };
      cancelAnimationFrame(frame.current);
      tick();
      setMic("ok");
    } catch (error) {
      setMic(mediaErrorState(error));
    }
  }

  function playSound() {
    const ctx = context();
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.frequency.value = 523;
    gain.gain.setValueAtTime(0.0001, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.3, ctx.currentTime + 0.05);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 1.2);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start();
    oscillator.stop(ctx.currentTime + 1.25);
    setSound("played");
  }

  const cameraText = {
    idle: t("check.camera_idle"),
    asking: t("check.asking"),
    ok: t("check.camera_ok"),
    denied: t("check.denied"),
    missing: t("check.camera_missing"),
    failed: t("check.failed"),
  }[camera];
  const micText =
    mic === "ok" ? (heard ? t("check.mic_heard") : t("check.mic_speak")) : { idle: t("check.mic_idle"), asking: t("check.asking"), denied: t("check.denied"), missing: t("check.mic_missing"), failed: t("check.failed") }[mic];

  return (
    <section aria-labelledby="check-heading" className="device-check" data-testid="device-check">
      <h2 id="check-heading">{t("check.title")}</h2>
      <p>{t("check.intro")}</p>
      <ol className="check-steps">
        <li className="check-step">
          <div className="check-head">
            <CameraIcon />
            <h3>{t("check.camera_title")}</h3>
          </div>
          <video ref={videoRef} className="camera-preview" muted playsInline autoPlay hidden={camera !== "ok"} aria-label={t("check.camera_preview")} />
          <button type="button" className="button primary big" onClick={testCamera} disabled={camera === "asking"}>
            {camera === "ok" ? t("check.camera_again") : t("check.camera_test")}
          </button>
          <p role="status" className={`check-result ${camera}`}>
            {cameraText}
          </p>
        </li>
        <li className="check-step">
          <div className="check-head">
            <MicrophoneIcon />
            <h3>{t("check.mic_title")}</h3>
          </div>
          {mic === "ok" ? (
            <meter className="mic-level" min={0} max={1} low={0.08} optimum={0.5} value={level} aria-label={t("check.mic_level")} />
          ) : null}
          <button type="button" className="button primary big" onClick={testMicrophone} disabled={mic === "asking"}>
            {t("check.mic_test")}
          </button>
          <p role="status" className={`check-result ${mic === "ok" && heard ? "ok" : mic}`}>
            {micText}
          </p>
        </li>
        <li className="check-step">
          <div className="check-head">
            <SpeakerIcon />
            <h3>{t("check.sound_title")}</h3>
          </div>
          <button type="button" className="button primary big" onClick={playSound}>
            {t("check.sound_test")}
          </button>
          <p role="status" className="check-result">
            {sound === "played" ? t("check.sound_played") : t("check.sound_idle")}
          </p>
        </li>
      </ol>

      <h2>{t("prejoin.enter_title")}</h2>
      {role === "learner" ? <p>{t("prejoin.learner_note")}</p> : null}
      {canEnter ? (
        <ul className="action-list join-choices">
          <li>
            <a className="button primary big" href={`${href("/classes/:id/salle", { id: classroomId })}?mode=video`}>
              {t("prejoin.join_video")}
            </a>
          </li>
          <li>
            <a className="button secondary big" href={`${href("/classes/:id/salle", { id: classroomId })}?mode=audio`}>
              {t("prejoin.join_audio")}
            </a>
          </li>
        </ul>
      ) : (
        <p>{t("prejoin.cannot_enter")}</p>
      )}
    </section>
  );
}
