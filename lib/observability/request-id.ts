/** A request id a client or proxy in front may pass on (X-Request-Id): short, printable, no spaces. */
export function acceptableRequestId(value: string | null | undefined): value is string {
  return !!value && /^[A-Za-z0-9._:-]{1,128}$/.test(value);
}
