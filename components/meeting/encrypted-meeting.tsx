"use client";

import dynamic from "next/dynamic";

/**
 * What the pages of an end-to-end encrypted meeting wrap the join flow in (e2ee-gate.tsx),
 * loaded only by those pages' browsers: plain meetings carry none of the key handling.
 */
export const EncryptedMeeting = dynamic(() => import("@/components/meeting/e2ee-gate"), { ssr: false });
