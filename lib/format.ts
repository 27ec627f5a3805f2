/** Dates are shown in UTC so server and browser render the same text. */
export function formatDateTime(date: Date): string {
  return `${new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date)} UTC`;
}

const roleLabels: Record<string, string> = {
  HOST: "host",
  COHOST: "co-host",
  PARTICIPANT: "participant",
  VIEWER: "viewer",
};

export function roleLabel(role: string): string {
  return roleLabels[role] ?? role.toLowerCase();
}
