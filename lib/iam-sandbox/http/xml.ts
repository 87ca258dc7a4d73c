// A minimal awsQuery XML serializer: objects become nested elements, arrays become
// <member> lists, XmlMap becomes <entry><key/><value/></entry> (IAM-FACTS.md §1).
export class XmlMap {
  constructor(readonly entries: Array<[string, string | number]>) {}
}

export type XmlValue =
  | string
  | number
  | boolean
  | undefined
  | null
  | XmlMap
  | XmlValue[]
  | { [key: string]: XmlValue };

const ESC: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]);
}

function renderValue(v: XmlValue, out: string[]): void {
  if (v === undefined || v === null) return;
  if (typeof v === "string") out.push(escapeXml(v));
  else if (typeof v === "number" || typeof v === "boolean") out.push(String(v));
  else if (v instanceof XmlMap) {
    for (const [k, val] of v.entries) out.push(`<entry><key>${escapeXml(k)}</key><value>${escapeXml(String(val))}</value></entry>`);
  } else if (Array.isArray(v)) {
    for (const item of v) {
      out.push("<member>");
      renderValue(item, out);
      out.push("</member>");
    }
  } else {
    for (const key of Object.keys(v)) {
      const child = v[key];
      if (child === undefined || child === null) continue;
      out.push(`<${key}>`);
      renderValue(child, out);
      out.push(`</${key}>`);
    }
  }
}

export function successXml(action: string, xmlns: string, result: XmlValue, requestId: string): string {
  const out: string[] = [`<${action}Response xmlns="${xmlns}">`];
  if (result !== undefined) {
    out.push(`<${action}Result>`);
    renderValue(result, out);
    out.push(`</${action}Result>`);
  }
  out.push(`<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`);
  return out.join("");
}

export function errorXml(code: string, message: string, requestId: string, status: number): string {
  const type = status >= 500 ? "Receiver" : "Sender";
  return (
    `<ErrorResponse><Error><Type>${type}</Type><Code>${escapeXml(code)}</Code>` +
    `<Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

/** RFC 3986 percent-encoding, applied exactly once to stored policy text (IAM-FACTS.md §1). */
export function encodePolicy(doc: string): string {
  return encodeURIComponent(doc).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
