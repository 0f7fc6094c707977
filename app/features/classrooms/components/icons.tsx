/** Large, simple pictures for the device check; decorative (the words next to them say it all). */
const common = { width: 56, height: 56, viewBox: "0 0 48 48", "aria-hidden": true, focusable: false, className: "check-icon" } as const;

export function CameraIcon() {
  return (
    <svg {...common}>
      <rect x="4" y="14" width="28" height="22" rx="4" fill="none" stroke="currentColor" strokeWidth="3" />
      <path d="M32 21l12-7v22l-12-7z" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
    </svg>
  );
}

export function MicrophoneIcon() {
  return (
    <svg {...common}>
      <rect x="17" y="5" width="14" height="24" rx="7" fill="none" stroke="currentColor" strokeWidth="3" />
      <path d="M10 23a14 14 0 0 0 28 0M24 37v7M16 44h16" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

export function SpeakerIcon() {
  return (
    <svg {...common}>
      <path d="M6 18h8l11-9v30l-11-9H6z" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
      <path d="M31 17a9 9 0 0 1 0 14M36 12a16 16 0 0 1 0 24" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}

export function HandIcon() {
  return (
    <svg {...common} width={28} height={28}>
      <path
        d="M14 26V10a3 3 0 0 1 6 0v12V7a3 3 0 0 1 6 0v15V9a3 3 0 0 1 6 0v15-9a3 3 0 0 1 6 0v15c0 8-6 14-13 14s-10-3-14-9l-5-8a3 3 0 0 1 5-3l3 4"
        fill="none"
        stroke="currentColor"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
