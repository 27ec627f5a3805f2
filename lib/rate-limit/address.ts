import { isIPv4, isIPv6 } from "node:net";

/**
 * The address a request counts against. Route handlers get no socket address in Next.js;
 * Next's server puts the peer's address in X-Forwarded-For when the request has none, and
 * lib/http/server-entry.ts deletes any client-sent X-Forwarded-For unless TRUST_PROXY=true, so the header
 * reaching a handler holds either the TCP peer (no proxy) or the chain a trusted reverse
 * proxy appended to. In both cases the LAST entry is the one nobody but us and our proxy
 * wrote; earlier entries are whatever the client claimed.
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for") ?? "";
  const last = forwarded
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .at(-1);
  return normalizeAddress(last ?? "unknown");
}

/**
 * One spelling per client: IPv4-mapped IPv6 as IPv4, ports dropped, and IPv6 reduced to its
 * /64 prefix, since one subscriber usually holds a whole /64 and could rotate through it.
 */
export function normalizeAddress(raw: string): string {
  let address = raw.trim().toLowerCase();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.replace(/%.*$/, ""); // IPv6 zone index
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (isIPv4(address)) return address;
  if (isIPv6(address)) return `${expandIPv6(address).slice(0, 4).join(":")}::/64`;
  return address;
}

function expandIPv6(address: string): string[] {
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4 in other spellings) counts as two groups.
  const width = (groups: string[]) => groups.reduce((n, group) => n + (group.includes(".") ? 2 : 1), 0);
  const groups = [...left, ...Array(Math.max(0, 8 - width(left) - width(right))).fill("0"), ...right];
  return groups.map((group) => (group.includes(".") ? group : parseInt(group, 16).toString(16)));
}
