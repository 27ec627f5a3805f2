"use client";

import { useMediaDevices, usePreviewTracks } from "@livekit/components-react";
import { Track, type LocalVideoTrack } from "livekit-client";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import type { DeviceChoices } from "@/components/meeting/types";
import dynamic from "next/dynamic";
import { audioFilters, DEFAULT_EFFECTS } from "@/components/meeting/media-effects";
import { SubmitButton } from "@/components/ui/submit-button";

// The controls, and the code that applies effects, load when someone opens "Effects": most
// people join without touching them.
const TrackEffects = dynamic(() => import("@/components/meeting/effects-controls"), { ssr: false });

interface PreJoinPanelProps {
  defaultName: string;
  nameRequired: boolean;
  /** Viewers: no preview, no devices; they watch and chat until brought on stage. */
  watchOnly: boolean;
  onJoin: (name: string, devices: DeviceChoices) => void;
}

/**
 * Name, camera and microphone preview, device choice, join muted or with camera off.
 * Parley's own rather than LiveKit's PreJoin prefab, whose device buttons have no
 * accessible name and whose join button fails colour contrast. Loaded on demand: it
 * brings the LiveKit client, which the pages before this step do not need.
 */
export default function PreJoinPanel({ defaultName, nameRequired, watchOnly, onJoin }: PreJoinPanelProps) {
  const [name, setName] = useState(defaultName);
  const [nameError, setNameError] = useState<string | null>(null);
  const [audioEnabled, setAudioEnabled] = useState(!watchOnly);
  const [videoEnabled, setVideoEnabled] = useState(!watchOnly);
  const [audioDeviceId, setAudioDeviceId] = useState("default");
  const [videoDeviceId, setVideoDeviceId] = useState("default");
  const [mediaError, setMediaError] = useState<string | null>(null);
  const [effects, setEffects] = useState(DEFAULT_EFFECTS);
  // Once opened, the effects stay mounted (closing the panel keeps them applied).
  const [effectsUsed, setEffectsUsed] = useState(false);
  const ids = { name: useId(), nameError: useId(), mic: useId(), cam: useId() };

  const options = useMemo(
    () => ({
      audio: audioEnabled ? { deviceId: audioDeviceId, ...audioFilters(effects) } : false,
      video: videoEnabled ? { deviceId: videoDeviceId } : false,
    }),
    // Only the audio filters restart the preview; a background change is applied to the track.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [audioEnabled, audioDeviceId, videoEnabled, videoDeviceId, effects.noiseSuppression, effects.echoCancellation],
  );
  const tracks = usePreviewTracks(options, (error) =>
    setMediaError(
      error.name === "NotAllowedError"
        ? "Camera or microphone access was blocked. Allow it in the browser's address bar, or join with them off."
        : `Camera or microphone unavailable: ${error.message}`,
    ),
  );
  const videoTrack = tracks?.find((t) => t.kind === Track.Kind.Video) as LocalVideoTrack | undefined;
  const videoElement = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const element = videoElement.current;
    if (!element || !videoTrack) return;
    videoTrack.attach(element);
    return () => {
      videoTrack.detach(element);
    };
  }, [videoTrack]);

  const microphones = useMediaDevices({ kind: "audioinput" });
  const cameras = useMediaDevices({ kind: "videoinput" });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (nameRequired && trimmed === "") {
      setNameError("Please enter your name so others know who you are.");
      return;
    }
    onJoin(trimmed, { audioEnabled, videoEnabled, audioDeviceId, videoDeviceId, effects });
  }

  return (
    <form onSubmit={submit} noValidate className={watchOnly ? "mx-auto grid w-full max-w-sm gap-5" : "grid gap-5 md:grid-cols-[3fr_2fr]"}>
      {watchOnly ? (
        <p className="text-slate-600 dark:text-slate-300">
          You are joining as a viewer: you will see and hear the speakers and can chat. The host can invite you on stage.
        </p>
      ) : (
        <div className="relative aspect-video overflow-hidden rounded-xl bg-slate-900">
          {videoEnabled && videoTrack ? (
            <video ref={videoElement} aria-label="Camera preview" muted playsInline className="size-full -scale-x-100 object-cover" />
          ) : (
            <p className="flex size-full items-center justify-center text-slate-300">
              {videoEnabled ? "Starting camera…" : "Camera is off"}
            </p>
          )}
        </div>
      )}

      <div className="flex flex-col gap-4">
        <div className="flex flex-col gap-1">
          <label htmlFor={ids.name} className="text-sm font-medium">
            Your name
          </label>
          <input
            id={ids.name}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setNameError(null);
            }}
            maxLength={64}
            autoComplete="name"
            required={nameRequired}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? ids.nameError : undefined}
            className="rounded-md border border-slate-300 px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
          />
          {nameError && (
            <p id={ids.nameError} role="alert" className="text-sm text-red-700 dark:text-red-400">
              {nameError}
            </p>
          )}
        </div>

        {!watchOnly && (
          <>
            <DeviceRow
              id={ids.mic}
              label="Microphone"
              enabled={audioEnabled}
              onToggle={() => setAudioEnabled((on) => !on)}
              devices={microphones}
              deviceId={audioDeviceId}
              onDevice={setAudioDeviceId}
            />
            <DeviceRow
              id={ids.cam}
              label="Camera"
              enabled={videoEnabled}
              onToggle={() => setVideoEnabled((on) => !on)}
              devices={cameras}
              deviceId={videoDeviceId}
              onDevice={setVideoDeviceId}
            />
          </>
        )}

        {!watchOnly && (
          <details
            className="rounded-md border border-slate-300 p-3 dark:border-slate-700"
            onToggle={(e) => e.currentTarget.open && setEffectsUsed(true)}
          >
            <summary className="cursor-pointer text-sm font-medium">Effects</summary>
            <div className="mt-3">
              {effectsUsed && (
                <TrackEffects
                  camera={videoTrack}
                  effects={effects}
                  onChange={setEffects}
                  showBackground={videoEnabled}
                  showAudio={audioEnabled}
                />
              )}
            </div>
          </details>
        )}

        {mediaError && (
          <p role="alert" className="text-sm text-amber-800 dark:text-amber-300">
            {mediaError}
          </p>
        )}
        <SubmitButton className="py-3 text-base">{watchOnly ? "Join as viewer" : "Join meeting"}</SubmitButton>
      </div>
    </form>
  );
}

interface DeviceRowProps {
  id: string;
  label: string;
  enabled: boolean;
  onToggle: () => void;
  devices: MediaDeviceInfo[];
  deviceId: string;
  onDevice: (deviceId: string) => void;
}

function DeviceRow({ id, label, enabled, onToggle, devices, deviceId, onDevice }: DeviceRowProps) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <div className="flex gap-2">
        <button
          type="button"
          onClick={onToggle}
          aria-pressed={enabled}
          aria-label={`${label} ${enabled ? "on" : "off"}`}
          className={buttonClass(enabled ? "secondary" : "danger", "w-20 shrink-0")}
        >
          {enabled ? "On" : "Off"}
        </button>
        <select
          id={id}
          value={deviceId}
          onChange={(e) => onDevice(e.target.value)}
          disabled={!enabled || devices.length === 0}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-950"
        >
          {devices.length === 0 && <option value="default">Default</option>}
          {devices.map((device, i) => (
            <option key={device.deviceId || i} value={device.deviceId}>
              {device.label || `${label} ${i + 1}`}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
