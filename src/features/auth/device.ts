import Bowser from "bowser";
import { ipv6Hextets } from "../../lib/rate-limit";

/** What a login tells about the client it came from. */
export interface ClientInfo {
  userAgent: string | undefined;
  /** The client address as the edge reports it (CF-Connecting-IP). */
  address: string | undefined;
}

const MAX_LABEL_LENGTH = 64;

/**
 * A short, human name for the client ("Chrome 131 · Android", "Safari 17 · iPhone"),
 * or null when the User-Agent says nothing recognisable. An app or script that
 * is no browser is named by its first product token ("okhttp 4").
 */
export function describeDevice(userAgent: string | undefined): string | null {
  const text = userAgent?.trim().slice(0, 512);
  if (!text) return null;
  const { browser, os, platform } = Bowser.parse(text);
  const major = browser.version?.split(".")[0];
  const app = browser.name ? [browser.name, major].filter(Boolean).join(" ") : productToken(text);
  // Apple names the device (iPhone, iPad); elsewhere the system is what people recognise.
  const system = platform.vendor === "Apple" && platform.model ? platform.model : os.name;
  const label = [app, system].filter(Boolean).join(" · ");
  return label ? label.slice(0, MAX_LABEL_LENGTH) : null;
}

function productToken(userAgent: string): string | null {
  const match = /^([A-Za-z][\w.-]{0,30})\/(\d+)/.exec(userAgent);
  return match ? `${match[1]} ${match[2]}` : null;
}

/**
 * The client address with its last part hidden: enough for a person to tell
 * "my home" from "somewhere else", not enough to locate anyone. IPv4 keeps
 * three octets (`203.0.113.*`), IPv6 its /64 (`2001:db8:1:2::*`); anything
 * else is null.
 */
export function maskAddress(address: string | undefined): string | null {
  const text = address?.trim().toLowerCase();
  if (!text) return null;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const octets = v4.slice(1).map(Number);
    return octets.every((octet) => octet <= 255) ? `${octets.slice(0, 3).join(".")}.*` : null;
  }
  const hextets = ipv6Hextets(text);
  if (!hextets) return null;
  const [a, b, c, d, e, f, g = 0, h = 0] = hextets;
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) {
    return `${[g >> 8, g & 0xff, h >> 8].join(".")}.*`;
  }
  return `${hextets
    .slice(0, 4)
    .map((hextet) => hextet.toString(16))
    .join(":")}::*`;
}
