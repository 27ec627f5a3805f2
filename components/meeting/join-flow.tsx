"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import { buttonClass } from "@/components/ui/button";
import type { CallEnd, DeviceChoices, JoinGrant } from "@/components/meeting/types";

// The LiveKit client is only loaded once someone is about to join (page weight budget).
const PreJoinPanel = dynamic(() => import("@/components/meeting/pre-join-panel"), {
  ssr: false,
  loading: () => <Waiting text="Preparing camera and microphone…" />,
});
const MeetingRoom = dynamic(() => import("@/components/meeting/meeting-room"), {
  ssr: false,
  loading: () => <Waiting text="Connecting…" />,
});

interface JoinFlowProps {
  meetingId: string;
  title: string;
  subtitle: string;
  /** POST endpoint that answers with a JoinGrant. */
  joinEndpoint: string;
  defaultName: string;
  nameRequired: boolean;
  isHost: boolean;
}

type Step =
  | { kind: "pre-join"; error?: string }
  | { kind: "joining" }
  | { kind: "in-call"; grant: JoinGrant; devices: DeviceChoices }
  | { kind: "after-call"; why: CallEnd };

/** Pre-join → token request → call → what happened after the call. */
export function JoinFlow(props: JoinFlowProps) {
  const router = useRouter();
  const [step, setStep] = useState<Step>({ kind: "pre-join" });
  const [lastChoices, setLastChoices] = useState<{ name: string; devices: DeviceChoices } | null>(null);

  async function join(name: string, devices: DeviceChoices) {
    setLastChoices({ name, devices });
    setStep({ kind: "joining" });
    const response = await fetch(props.joinEndpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(name ? { name } : {}),
    }).catch(() => null);
    const body = await response?.json().catch(() => null);
    if (!response?.ok || !body) {
      setStep({ kind: "pre-join", error: body?.error?.message ?? "Could not reach the server. Check your connection and try again." });
      return;
    }
    setStep({ kind: "in-call", grant: body as JoinGrant, devices });
  }

  const onEnd = useCallback(
    (why: CallEnd) => {
      // The host goes back to the meeting page, which shows the meeting as ended.
      if (why === "ended-by-host" && props.isHost) router.push(`/meetings/${props.meetingId}`);
      setStep({ kind: "after-call", why });
    },
    [props.isHost, props.meetingId, router],
  );

  if (step.kind === "in-call") {
    return <MeetingRoom grant={step.grant} devices={step.devices} title={props.title} onEnd={onEnd} />;
  }
  if (step.kind === "after-call") {
    return (
      <AfterCall
        why={step.why}
        isHost={props.isHost}
        meetingId={props.meetingId}
        onRejoin={lastChoices ? () => join(lastChoices.name, lastChoices.devices) : undefined}
      />
    );
  }
  return (
    <main className="mx-auto flex min-h-dvh max-w-3xl flex-col gap-6 px-4 py-8 sm:px-6">
      <header>
        <h1 className="text-2xl font-semibold">{props.title}</h1>
        <p className="text-slate-600 dark:text-slate-300">{props.subtitle}</p>
      </header>
      {step.kind === "pre-join" && step.error && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
          {step.error}
        </p>
      )}
      {step.kind === "joining" ? (
        <Waiting text="Joining…" />
      ) : (
        <PreJoinPanel defaultName={props.defaultName} nameRequired={props.nameRequired} onJoin={join} />
      )}
    </main>
  );
}

const afterCallText: Record<CallEnd, { title: string; detail: string }> = {
  left: { title: "You left the meeting", detail: "You can rejoin while the meeting is running." },
  "ended-by-host": { title: "The host ended the meeting", detail: "Thanks for joining." },
  removed: { title: "You were removed from the meeting", detail: "The host removed you from this call." },
  replaced: { title: "You joined from another tab or device", detail: "This window was disconnected." },
  "connection-lost": { title: "The connection was lost", detail: "Check your network, then rejoin." },
};

function AfterCall({ why, isHost, meetingId, onRejoin }: { why: CallEnd; isHost: boolean; meetingId: string; onRejoin?: () => void }) {
  const text = afterCallText[why];
  const canRejoin = onRejoin && (why === "left" || why === "connection-lost" || why === "replaced");
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-6 text-center">
      <h1 className="text-2xl font-semibold">{text.title}</h1>
      <p className="text-slate-600 dark:text-slate-300">{text.detail}</p>
      <div className="flex gap-3">
        {canRejoin && (
          <button type="button" onClick={onRejoin} className={buttonClass("primary")}>
            Rejoin
          </button>
        )}
        {isHost && (
          <Link href={`/meetings/${meetingId}`} className={buttonClass("secondary")}>
            Back to the meeting page
          </Link>
        )}
      </div>
    </main>
  );
}

function Waiting({ text }: { text: string }) {
  return (
    <p role="status" className="p-6 text-center text-slate-600 dark:text-slate-300">
      {text}
    </p>
  );
}
