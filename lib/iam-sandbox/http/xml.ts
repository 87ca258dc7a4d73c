// A minimal awsQuery XML serializer: objects become nested elements, arrays become
// <member> lists, XmlMap becomes <entry><key/><value/></entry> (docs/iam-facts.md#responses-and-errors).
export class XmlMap {
  constructor(readonly entries: Array<[string, string | number]>) {}
}

export type XmlValue =
  string | number | boolean | undefined | null | XmlMap | XmlValue[] | { [key: string]: XmlValue };

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const SPECIAL = /[&<>"']/;
function escapeXml(s: string): string {
  return SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ESC[c]) : s;
}

// String concatenation (V8 ropes) beats collecting pieces in an array for multi-MB pages.
function render(v: XmlValue): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return escapeXml(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  let s = "";
  if (v instanceof XmlMap) {
    for (const [k, val] of v.entries)
      s += "<entry><key>" + escapeXml(k) + "</key><value>" + escapeXml(String(val)) + "</value></entry>";
  } else if (Array.isArray(v)) {
    for (const item of v) s += "<member>" + render(item) + "</member>";
  } else {
    for (const key in v) {
      const child = v[key];
      if (child === undefined || child === null) continue;
      s += "<" + key + ">" + render(child) + "</" + key + ">";
    }
  }
  return s;
}

export function successXml(action: string, xmlns: string, result: XmlValue, requestId: string): string {
  const body = result === undefined ? "" : `<${action}Result>${render(result)}</${action}Result>`;
  return `<${action}Response xmlns="${xmlns}">${body}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

export function errorXml(code: string, message: string, requestId: string, status: number): string {
  const type = status >= 500 ? "Receiver" : "Sender";
  return (
    `<ErrorResponse><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

/** RFC 3986 percent-encoding, applied once to stored policy text (docs/iam-facts.md#policy-documents). */
const encoded = new Map<string, string>();

export function encodePolicy(doc: string): string {
  // Stored documents are immutable, and the authorization walk re-encodes thousands per page.
  let out = encoded.get(doc);
  if (out === undefined) {
    out = encodeURIComponent(doc).replace(
      /[!'()*]/g,
      (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
    );
    if (encoded.size >= 20_000) encoded.clear();
    encoded.set(doc, out);
  }
  return out;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + "Z";
}
