"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import type { ConnectionDetails } from "@/components/meeting/meeting-room";

const MeetingRoom = dynamic(() => import("@/components/meeting/meeting-room"), {
  ssr: false,
  loading: () => <p className="p-6 text-center">Connecting…</p>,
});

type State =
  | { step: "name"; error?: string }
  | { step: "joining" }
  | { step: "in-call"; connection: ConnectionDetails }
  | { step: "left" };

export function DevRoom({ room }: { room: string }) {
  const [state, setState] = useState<State>({ step: "name" });
  const [name, setName] = useState("");

  async function join(event: React.FormEvent) {
    event.preventDefault();
    setState({ step: "joining" });
    const response = await fetch(`/api/dev/rooms/${room}/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name }),
    }).catch(() => null);
    const body = response ? await response.json().catch(() => null) : null;
    if (!response?.ok || !body) {
      setState({ step: "name", error: body?.error?.message ?? "Could not reach the server. Try again." });
      return;
    }
    setState({ step: "in-call", connection: body });
  }

  if (state.step === "in-call") {
    return (
      <MeetingRoom
        connection={state.connection}
        audio
        video
        onLeft={() => setState({ step: "left" })}
        onError={(error) => setState({ step: "name", error: error.message })}
      />
    );
  }
  if (state.step === "left") {
    return (
      <main className="mx-auto max-w-md px-6 py-16 text-center">
        <h1 className="text-2xl font-semibold">You left the room</h1>
      </main>
    );
  }
  return (
    <main className="mx-auto max-w-md px-6 py-16">
      <h1 className="mb-6 text-2xl font-semibold">Join test room “{room}”</h1>
      <form onSubmit={join} className="flex flex-col gap-4">
        <label className="flex flex-col gap-1">
          <span className="text-sm font-medium">Your name</span>
          <input
            required
            maxLength={64}
            value={name}
            onChange={(e) => setName(e.target.value)}
            className="rounded-md border border-slate-300 px-3 py-2 dark:border-slate-700 dark:bg-slate-900"
          />
        </label>
        {state.step === "name" && state.error && (
          <p role="alert" className="text-sm text-red-600">
            {state.error}
          </p>
        )}
        <button
          type="submit"
          disabled={state.step === "joining"}
          className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {state.step === "joining" ? "Joining…" : "Join"}
        </button>
      </form>
    </main>
  );
}
