"use client";

import { useId } from "react";
import type { BackgroundChoice, MediaEffects } from "@/components/meeting/media-effects";

const backgroundLabels: Record<BackgroundChoice, string> = { none: "None", blur: "Blur", image: "Plain image" };

interface EffectsControlsProps {
  effects: MediaEffects;
  onChange: (effects: MediaEffects) => void;
  showBackground: boolean;
  showAudio: boolean;
  error?: string | null;
}

export default function EffectsControls({ effects, onChange, showBackground, showAudio, error }: EffectsControlsProps) {
  const name = useId();
  return (
    <div className="flex flex-col gap-3 text-sm">
      {showBackground && (
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 font-medium">Background</legend>
          <div className="flex flex-wrap gap-3">
            {(Object.keys(backgroundLabels) as BackgroundChoice[]).map((choice) => (
              <label key={choice} className="flex items-center gap-1">
                <input
                  type="radio"
                  name={name}
                  value={choice}
                  checked={effects.background === choice}
                  onChange={() => onChange({ ...effects, background: choice })}
                />
                {backgroundLabels[choice]}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {showAudio && (
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 font-medium">Microphone</legend>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={effects.noiseSuppression}
              onChange={(e) => onChange({ ...effects, noiseSuppression: e.target.checked })}
            />
            Noise suppression
          </label>
          <label className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={effects.echoCancellation}
              onChange={(e) => onChange({ ...effects, echoCancellation: e.target.checked })}
            />
            Echo cancellation
          </label>
        </fieldset>
      )}
      {error && (
        <p role="alert" className="text-amber-700 dark:text-amber-300">
          {error}
        </p>
      )}
    </div>
  );
}
