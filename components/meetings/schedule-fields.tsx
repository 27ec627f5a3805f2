"use client";

import { useState } from "react";

const fieldClass = "rounded-md border border-slate-300 px-3 py-2 dark:border-slate-700 dark:bg-slate-950";

/** Every IANA zone the browser knows (plus UTC), for the host to enter the time in. */
function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Reads the schedule fields of a form as the API takes them. */
export function scheduleFromForm(form: FormData) {
  return {
    startsAt: String(form.get("startsAt") ?? ""),
    timeZone: String(form.get("timeZone") ?? ""),
    durationMinutes: Number(form.get("durationMinutes")),
  };
}

/**
 * Start (a wall-clock time), its time zone and a duration. The time is entered in the chosen
 * zone (the browser's by default) and converted on the server, so it means the same instant
 * for everyone, who each see it in their own zone.
 */
export function ScheduleFields(props: { startsAt?: string; timeZone?: string; durationMinutes?: number }) {
  const [zones] = useState(timeZones);
  const [zone] = useState(() => props.timeZone ?? browserTimeZone());
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <label className="flex flex-col gap-1">
        <span className="text-sm font-medium">Starts</span>
        <input name="startsAt" type="datetime-local" required defaultValue={props.startsAt} className={fieldClass} />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-sm font-medium">Time zone</span>
        <select name="timeZone" defaultValue={zone} className={fieldClass}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-sm font-medium">Duration (minutes)</span>
        <input
          name="durationMinutes"
          type="number"
          min={5}
          max={1440}
          step={5}
          required
          defaultValue={props.durationMinutes ?? 30}
          className={fieldClass}
        />
      </label>
    </div>
  );
}

export function DescriptionField({ defaultValue }: { defaultValue?: string }) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-sm font-medium">Description (optional)</span>
      <textarea name="description" maxLength={2000} rows={3} defaultValue={defaultValue} className={fieldClass} />
    </label>
  );
}
